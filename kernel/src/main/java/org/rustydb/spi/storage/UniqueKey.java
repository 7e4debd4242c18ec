package org.rustydb.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * A uniqueness constraint the storage engine enforces with SQLSTATE 23505. As in PostgreSQL, rows
 * with a NULL in any key column never conflict.
 *
 * @param name    the constraint name reported in errors, e.g. {@code t_pkey}
 * @param columns the 0-based positions of the key columns in the table
 * @param primary true for the primary key (its columns are also NOT NULL)
 */
public record UniqueKey(String name, List<Integer> columns, boolean primary) {
    public UniqueKey {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a unique key needs at least one column");
        }
    }
}
