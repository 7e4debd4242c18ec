package org.rustydb.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * A FOREIGN KEY constraint of a table (the referencing table). The storage engine keeps it as part
 * of the table's definition; the query engine enforces it. The referenced columns are those of a
 * unique key or unique index of the referenced table, which may be the table itself.
 *
 * @param name              the constraint name reported in errors, e.g. {@code c_a_fkey}
 * @param columns           the 0-based positions of the referencing columns in this table
 * @param referencedSchema  the schema of the referenced table
 * @param referencedTable   the name of the referenced table
 * @param referencedColumns the 0-based positions of the referenced columns in the referenced
 *                          table, one per referencing column, in the same order
 * @param onDelete          what deleting a referenced row does to the referencing rows
 * @param onUpdate          what changing the key of a referenced row does to the referencing rows
 * @param matchFull         MATCH FULL (a key is either all NULL or all non-NULL) instead of the
 *                          default MATCH SIMPLE (a key with any NULL is not checked)
 * @param deferrable        whether the check may be deferred to the end of the transaction
 * @param initiallyDeferred whether the check is deferred unless SET CONSTRAINTS says otherwise
 */
public record ForeignKey(String name, List<Integer> columns, String referencedSchema, String referencedTable,
                         List<Integer> referencedColumns, Action onDelete, Action onUpdate, boolean matchFull,
                         boolean deferrable, boolean initiallyDeferred) {

    /** The referential actions, as in SQL. */
    public enum Action { NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT }

    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedSchema, "referencedSchema");
        Objects.requireNonNull(referencedTable, "referencedTable");
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(onUpdate, "onUpdate");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("a foreign key needs as many referenced columns as columns, at least one");
        }
        if (initiallyDeferred && !deferrable) {
            throw new IllegalArgumentException("an initially deferred foreign key must be deferrable");
        }
    }

    /** True when the key references the given table. */
    public boolean references(String schema, String table) {
        return referencedSchema.equals(schema) && referencedTable.equals(table);
    }
}
