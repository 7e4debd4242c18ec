package org.rustydb.execution.internal.plan;

import java.util.List;
import java.util.NoSuchElementException;
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
 * @param ranges     the ranges read, in ascending key order, when there are several (an IN list: one
 *                   per value); {@code range} then spans them all. Empty: {@code range} alone.
 */
public record AccessPath(TableHandle table, IndexHandle index, KeyRange range, boolean descending,
                         boolean ordered, List<KeyRange> ranges) {
    public AccessPath {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(range, "range");
        ranges = List.copyOf(ranges);
    }

    public AccessPath(TableHandle table, IndexHandle index, KeyRange range, boolean descending, boolean ordered) {
        this(table, index, range, descending, ordered, List.of());
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
        if (index == null) {
            return storage.scan(txn, table, columns);
        }
        if (ranges.size() <= 1) {
            return storage.scanIndex(txn, index, ranges.isEmpty() ? range : ranges.get(0), descending, columns);
        }
        return new RangesCursor(storage, txn, columns);
    }

    /** Reads the ranges one after the other (in reverse order when descending), one cursor open at a time. */
    private final class RangesCursor implements RowCursor {
        private final StorageEngine storage;
        private final Transaction txn;
        private final int[] columns;
        private int next;
        private RowCursor current;

        RangesCursor(StorageEngine storage, Transaction txn, int[] columns) {
            this.storage = storage;
            this.txn = txn;
            this.columns = columns;
        }

        @Override
        public boolean next() {
            while (true) {
                if (current != null && current.next()) {
                    return true;
                }
                if (next == ranges.size()) {
                    return false;
                }
                if (current != null) {
                    current.close();
                    current = null;
                }
                KeyRange r = ranges.get(descending ? ranges.size() - 1 - next : next);
                next++;
                current = storage.scanIndex(txn, index, r, descending, columns);
            }
        }

        @Override
        public org.rustydb.spi.storage.RowId rowId() {
            if (current == null) {
                throw new NoSuchElementException();
            }
            return current.rowId();
        }

        @Override
        public Object[] row() {
            if (current == null) {
                throw new NoSuchElementException();
            }
            return current.row();
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    @Override
    public String toString() {
        return index == null ? describe() : describe() + " " + (ranges.isEmpty() ? range : ranges);
    }
}
