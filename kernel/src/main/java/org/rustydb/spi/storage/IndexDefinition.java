package org.rustydb.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * An index over columns of a table, in ascending key order with NULLs last (PostgreSQL's default).
 * Values order as SQL compares them: integers numerically whatever their width, false before
 * true, text by Unicode code points (PostgreSQL's C collation, which is also UTF-8 byte order;
 * not Java's {@code String.compareTo}, which orders UTF-16 units).
 * A table's unique keys are indexes too: the engine reports one per {@link UniqueKey}, named after
 * the constraint.
 *
 * @param name    the index name, already case-folded; unique among the relations of the schema
 * @param columns the 0-based positions of the key columns in the table, at least one
 * @param unique  true if no two rows may have the same key (rows with a NULL in the key never conflict)
 */
public record IndexDefinition(String name, List<Integer> columns, boolean unique) {
    public IndexDefinition {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one column");
        }
    }
}
