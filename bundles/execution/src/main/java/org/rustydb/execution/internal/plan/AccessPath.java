package org.rustydb.execution.internal.plan;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * How a statement reads its table: every row with {@link StorageEngine#scan}, or the rows of a key
 * range of an index with {@link StorageEngine#scanIndex} (or {@link StorageEngine#scanIndexOnly}
 * when the index holds every column read). Either way the statement's whole WHERE
 * condition is still applied to each row, so a range only has to contain the matching rows.
 *
 * @param table      the table read
 * @param index      the index scanned, or null for a full scan
 * @param range      the key range, {@link KeyRange#ALL} for a full scan
 * @param descending whether the index is read in reverse key order
 * @param ordered    whether the rows come in the order the statement asked for (no sort needed)
 * @param ranges     the ranges read, in ascending key order, when there are several (an IN list: one
 *                   per value); {@code range} then spans them all. Empty: {@code range} alone.
 * @param indexOnly  whether the index holds every column the statement reads from the table, so that
 *                   it is read with {@link StorageEngine#scanIndexOnly} (rows then hold the key columns only)
 */
public record AccessPath(TableHandle table, IndexHandle index, KeyRange range, boolean descending,
                         boolean ordered, List<KeyRange> ranges, boolean indexOnly) {
    public AccessPath {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(range, "range");
        ranges = List.copyOf(ranges);
        if (indexOnly && index == null) {
            throw new IllegalArgumentException("an index-only scan needs an index");
        }
    }

    public AccessPath(TableHandle table, IndexHandle index, KeyRange range, boolean descending, boolean ordered,
                      List<KeyRange> ranges) {
        this(table, index, range, descending, ordered, ranges, false);
    }

    public AccessPath(TableHandle table, IndexHandle index, KeyRange range, boolean descending, boolean ordered) {
        this(table, index, range, descending, ordered, List.of());
    }

    /** This path read index-only when the index's key columns include all of {@code needed} (null: unknown, no). */
    public AccessPath indexOnlyIfCovering(java.util.BitSet needed) {
        if (index == null || indexOnly || needed == null || !covers(index, needed)) {
            return this;
        }
        return new AccessPath(table, index, range, descending, ordered, ranges, true);
    }

    /** Whether the index's key columns include every column of {@code needed}. */
    public static boolean covers(IndexHandle index, java.util.BitSet needed) {
        List<Integer> key = index.definition().columns();
        for (int c = needed.nextSetBit(0); c >= 0; c = needed.nextSetBit(c + 1)) {
            if (!key.contains(c)) {
                return false;
            }
        }
        return true;
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
     * {@code Index Scan using t_a_idx on t}, {@code Index Scan Backward using t_a_idx on t}, or
     * {@code Index Only Scan [Backward] using t_a_idx on t}.
     */
    public String describe() {
        String tableName = table.definition().name();
        if (index == null) {
            return "Seq Scan on " + tableName;
        }
        return (indexOnly ? "Index Only Scan" : "Index Scan") + (descending ? " Backward" : "") + " using " + index.definition().name() + " on "
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
            KeyRange r = ranges.isEmpty() ? range : ranges.get(0);
            return indexOnly ? storage.scanIndexOnly(txn, index, r, descending)
                    : storage.scanIndex(txn, index, r, descending, columns);
        }
        return new RangesCursor(storage, txn, columns);
    }

    /** The heap fetches of a cursor this path opened: those of an index-only scan, else 0. */
    public static long heapFetches(RowCursor cursor) {
        if (cursor instanceof IndexOnlyCursor c) {
            return c.heapFetches();
        }
        return cursor instanceof AccessPath.RangesCursor c ? c.heapFetches() : 0;
    }

    /** Reads the ranges one after the other (in reverse order when descending), one cursor open at a time. */
    private final class RangesCursor implements RowCursor {
        private final StorageEngine storage;
        private final Transaction txn;
        private final int[] columns;
        private int next;
        private RowCursor current;
        /** The heap fetches of the cursors already closed. */
        private long fetched;

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
                    fetched += AccessPath.heapFetches(current);
                    current.close();
                    current = null;
                }
                KeyRange r = ranges.get(descending ? ranges.size() - 1 - next : next);
                next++;
                current = indexOnly ? storage.scanIndexOnly(txn, index, r, descending)
                        : storage.scanIndex(txn, index, r, descending, columns);
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

        long heapFetches() {
            return fetched + (current == null ? 0 : AccessPath.heapFetches(current));
        }

        @Override
        public void close() {
            if (current != null) {
                fetched += AccessPath.heapFetches(current);
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
