package org.rustydb.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * What a table is: its qualified name, columns and unique keys.
 *
 * @param schema     the schema name, e.g. {@code public}
 * @param name       the table name, already case-folded
 * @param columns    the columns in order; at least one
 * @param uniqueKeys the primary key and unique constraints
 */
public record TableDefinition(String schema, String name, List<ColumnDefinition> columns,
                              List<UniqueKey> uniqueKeys) {
    public TableDefinition {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
    }

    /** The 0-based position of a column by name, or -1. */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }
}
