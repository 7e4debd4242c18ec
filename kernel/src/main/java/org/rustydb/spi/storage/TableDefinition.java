package org.rustydb.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * What a table is: its qualified name, columns and constraints. The engine enforces NOT NULL and
 * the unique keys; it keeps the CHECK and FOREIGN KEY constraints for the query engine, which
 * enforces them.
 *
 * @param schema      the schema name, e.g. {@code public}
 * @param name        the table name, already case-folded
 * @param columns     the columns in order; at least one
 * @param uniqueKeys  the primary key and unique constraints
 * @param checks      the CHECK constraints
 * @param foreignKeys the FOREIGN KEY constraints of this (the referencing) table
 */
public record TableDefinition(String schema, String name, List<ColumnDefinition> columns,
                              List<UniqueKey> uniqueKeys, List<CheckConstraint> checks,
                              List<ForeignKey> foreignKeys) {
    public TableDefinition {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
        checks = List.copyOf(checks);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** A table without CHECK and FOREIGN KEY constraints. */
    public TableDefinition(String schema, String name, List<ColumnDefinition> columns, List<UniqueKey> uniqueKeys) {
        this(schema, name, columns, uniqueKeys, List.of(), List.of());
    }

    /** The same table with these CHECK and FOREIGN KEY constraints instead of its own. */
    public TableDefinition withConstraints(List<CheckConstraint> newChecks, List<ForeignKey> newForeignKeys) {
        return new TableDefinition(schema, name, columns, uniqueKeys, newChecks, newForeignKeys);
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
