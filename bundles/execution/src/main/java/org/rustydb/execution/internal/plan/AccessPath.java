package org.rustydb.execution.internal.plan;

import java.util.Objects;

import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * How a statement reads its table: every row with {@link StorageEngine#scan}, or the rows of a key
 * range of an index with {@link StorageEngine#scanIndex}. Either way the statement's whole WHERE
 * condition is still applied to each row, so a range only has to contain the matching rows.
 *
 * @param table      the table read
 * @param index      the index scanned, or null for a full scan
 * @param range      the key range, {@link KeyRange#ALL} for a full scan
 * @param descending whether the index is read in reverse key order
 * @param ordered    whether the rows come in the order the statement asked for (no sort needed)
 */
public record AccessPath(TableHandle table, IndexHandle index, KeyRange range, boolean descending,
                         boolean ordered) {
    public AccessPath {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(range, "range");
    }

    /** Reads every row of the table, in the engine's order. */
    public static AccessPath fullScan(TableHandle table) {
        return new AccessPath(table, null, KeyRange.ALL, false, false);
    }

    public boolean usesIndex() {
        return index != null;
    }

    /**
     * The plan line PostgreSQL's EXPLAIN would show for this scan: {@code Seq Scan on t},
     * {@code Index Scan using t_a_idx on t}, or {@code Index Scan Backward using t_a_idx on t}.
     */
    public String describe() {
        String tableName = table.definition().name();
        if (index == null) {
            return "Seq Scan on " + tableName;
        }
        return "Index Scan" + (descending ? " Backward" : "") + " using " + index.definition().name() + " on "
                + tableName;
    }

    /** Opens the storage cursor; the caller closes it. */
    public RowCursor open(StorageEngine storage, Transaction txn) {
        return open(storage, txn, null);
    }

    /** Opens the storage cursor delivering at least {@code columns} (ascending; null: all). */
    public RowCursor open(StorageEngine storage, Transaction txn, int[] columns) {
        if (columns == null) {
            return index == null ? storage.scan(txn, table) : storage.scanIndex(txn, index, range, descending);
        }
        return index == null ? storage.scan(txn, table, columns)
                : storage.scanIndex(txn, index, range, descending, columns);
    }

    @Override
    public String toString() {
        return index == null ? describe() : describe() + " " + range;
    }
}
