package org.rustydb.spi.storage;

import java.util.Objects;

import org.rustydb.api.SqlType;

/**
 * A column of a stored table.
 *
 * @param name              the column name, already case-folded
 * @param type              the SQL type; stored values are of {@link SqlType#javaClass()}
 * @param typeModifier      the type modifier (the n of {@code varchar(n)}), -1 for none
 * @param notNull           true when the engine must refuse NULL with 23502
 * @param defaultExpression the SQL text of the column's DEFAULT expression, or null for none (NULL);
 *                          the engine only keeps it, the query engine evaluates it for each row
 * @param identity          whether the column is an identity column, and which kind
 */
public record ColumnDefinition(String name, SqlType type, int typeModifier, boolean notNull,
                               String defaultExpression, Identity identity) {

    /** GENERATED ALWAYS / BY DEFAULT AS IDENTITY, or neither. */
    public enum Identity { NONE, ALWAYS, BY_DEFAULT }

    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identity, "identity");
    }

    /** A column without a default that is no identity column. */
    public ColumnDefinition(String name, SqlType type, int typeModifier, boolean notNull) {
        this(name, type, typeModifier, notNull, null, Identity.NONE);
    }

    public ColumnDefinition withName(String newName) {
        return new ColumnDefinition(newName, type, typeModifier, notNull, defaultExpression, identity);
    }

    public ColumnDefinition withNotNull(boolean newNotNull) {
        return new ColumnDefinition(name, type, typeModifier, newNotNull, defaultExpression, identity);
    }

    /** The same column with this DEFAULT expression (null: none). */
    public ColumnDefinition withDefault(String newDefault) {
        return new ColumnDefinition(name, type, typeModifier, notNull, newDefault, identity);
    }

    public ColumnDefinition withIdentity(Identity newIdentity) {
        return new ColumnDefinition(name, type, typeModifier, notNull, defaultExpression, newIdentity);
    }
}
