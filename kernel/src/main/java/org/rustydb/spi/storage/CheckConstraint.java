package org.rustydb.spi.storage;

import java.util.Objects;

/**
 * A CHECK constraint of a table. The storage engine keeps it as part of the table's definition;
 * the query engine enforces it (a row passes unless the expression is false, so NULL passes).
 *
 * @param name       the constraint name reported in errors, e.g. {@code t_a_check}
 * @param expression the SQL text of the boolean expression, over the table's columns, e.g. {@code a > 0}
 */
public record CheckConstraint(String name, String expression) {
    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }
}
