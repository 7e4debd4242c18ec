package org.rustydb.spi.storage;

import java.util.Objects;

import org.rustydb.api.SqlType;

/**
 * A column of a stored table.
 *
 * @param name         the column name, already case-folded
 * @param type         the SQL type; stored values are of {@link SqlType#javaClass()}
 * @param typeModifier the type modifier (the n of {@code varchar(n)}), -1 for none
 * @param notNull      true when the engine must refuse NULL with 23502
 */
public record ColumnDefinition(String name, SqlType type, int typeModifier, boolean notNull) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
