package org.rustydb.storage.paged.internal.engine;

import java.util.Arrays;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.log.internal.rows.RowChecks;
import org.rustydb.storage.paged.internal.btree.ConflictCheck;
import org.rustydb.storage.paged.internal.btree.KeyEncoder;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;
import org.rustydb.storage.paged.internal.heap.TupleFilter;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * Row versions of a table: inserting a version with its index entries, marking one deleted,
 * and the visibility rule that decides what a transaction sees.
 */
final class TableRows {
    /** Encoding buffers reused per thread; the heap copies the payload. */
    private static final ThreadLocal<ByteWriter> ROW_BUFFERS = ThreadLocal.withInitial(() -> new ByteWriter(1024));
    private final XactManager xacts;

    TableRows(XactManager xacts) {
        this.xacts = xacts;
    }

    XactManager xacts() {
        return xacts;
    }

    /**
     * True if transaction {@code me} (0 for one that has changed nothing) sees a version created
     * by {@code xmin} and deleted by {@code xmax} (0 for none).
     */
    boolean visible(long me, long xmin, long xmax) {
        if (xmin != me && !xacts.isCommitted(xmin)) {
            return false;
        }
        return xmax == 0 || (xmax != me && !xacts.isCommitted(xmax));
    }

    /**
     * The visibility rule for one reader over many versions, against a snapshot taken when the
     * reader starts (a cursor sees each row once, in the state it had then). A creator found
     * committed stays committed, so the last one is remembered (versions loaded together share it).
     */
    final class Reader {
        private final long me;
        private final XactManager.Snapshot snapshot;
        /** False when the snapshot belongs to the transaction (REPEATABLE READ), which releases it. */
        private final boolean ownsSnapshot;
        private long committedXmin = -1;

        /** A reader with a snapshot of its own, taken now (READ COMMITTED: one per statement's cursor). */
        Reader(long me) {
            this(me, xacts.snapshot(), true);
        }

        /** A reader of a transaction-wide snapshot (REPEATABLE READ). */
        Reader(long me, XactManager.Snapshot snapshot) {
            this(me, snapshot, false);
        }

        private Reader(long me, XactManager.Snapshot snapshot, boolean ownsSnapshot) {
            this.me = me;
            this.snapshot = snapshot;
            this.ownsSnapshot = ownsSnapshot;
        }

        boolean sees(long xmin, long xmax) {
            if (xmin != me && xmin != committedXmin) {
                if (!snapshot.committed(xmin)) {
                    return false;
                }
                committedXmin = xmin;
            }
            return xmax == 0 || (xmax != me && !snapshot.committed(xmax));
        }

        void close() {
            if (ownsSnapshot) {
                snapshot.close();
            }
        }
    }

    /** Stores a new row version and its index entries; 23505 if a unique key is taken. */
    long insert(PagedTable table, long xid, Object[] row) {
        return insert(table, xid, row, encode(table, row), null);
    }

    /**
     * {@link #insert(PagedTable, long, Object[])} of {@code row}, stored as {@code payload}: the
     * new version of a row whose old version, with values {@code previous} (null: unknown), this
     * transaction has just locked.
     */
    private long insert(PagedTable table, long xid, Object[] row, byte[] payload, Object[] previous) {
        long rowId = table.heap().insert(xid, payload);
        try {
            for (PagedIndex index : table.indexes()) {
                addEntry(table, index, row, rowId, xid, previous != null && sameKey(index, previous, row));
            }
        } catch (RuntimeException e) {
            // the version must not stay visible to its own transaction once the statement failed
            table.heap().setXmaxIf(rowId, xid, old -> old == 0);
            throw e;
        }
        return rowId;
    }

    /**
     * Rows of a batch as checked copies, up to the first that fails its checks, and that failure
     * (null if none): it is thrown after the rows before it are stored, as a series of inserts would.
     */
    record CheckedRows(Object[][] rows, RuntimeException failure) {
        static CheckedRows of(org.rustydb.spi.storage.TableDefinition definition, java.util.List<Object[]> values) {
            Object[][] checked = new Object[values.size()][];
            for (int i = 0; i < checked.length; i++) {
                try {
                    checked[i] = RowChecks.checkedCopy(definition, values.get(i));
                } catch (RuntimeException e) {
                    return new CheckedRows(Arrays.copyOf(checked, i), e);
                }
            }
            return new CheckedRows(checked, null);
        }
    }

    /**
     * How far a batch insert got, so that a retry after waiting for a row lock (see
     * {@link RowWaits}) goes on where it stopped instead of storing rows twice.
     */
    static final class BatchInsert {
        final Object[][] rows;
        long[] rowIds;
        /** The first row not in every index yet, and the next index for it. */
        int nextRow;
        int nextIndex;

        BatchInsert(Object[][] rows) {
            this.rows = rows;
        }
    }

    /**
     * Stores new row versions in order, filling a heap page per edit, then adds their index
     * entries row by row, so the first failing row reports what it would alone. On a failure the
     * row that failed and the rows after it are hidden (they may lack index entries); the rows
     * before it stay, fully indexed, for the statement's rollback to undo. Returns how many rows
     * are complete, all of them when it returns.
     */
    int insertAll(PagedTable table, long xid, BatchInsert batch) {
        if (batch.rowIds == null) {
            java.util.List<byte[]> payloads = new java.util.ArrayList<>(batch.rows.length);
            ByteWriter out = ROW_BUFFERS.get();
            for (Object[] row : batch.rows) {
                out.reset();
                ValueCodec.writeRow(out, table.record().storedOf(row));
                payloads.add(out.toByteArray());
            }
            batch.rowIds = table.heap().insertAll(xid, payloads);
        }
        java.util.List<PagedIndex> indexes = table.indexes();
        try {
            if (indexes.size() == 1 && indexes.get(0).droppedBy() == 0) {
                appendRuns(table, indexes.get(0), xid, batch);
            }
            for (; batch.nextRow < batch.rows.length; batch.nextRow++, batch.nextIndex = 0) {
                for (; batch.nextIndex < indexes.size(); batch.nextIndex++) {
                    addEntry(table, indexes.get(batch.nextIndex), batch.rows[batch.nextRow],
                            batch.rowIds[batch.nextRow], xid);
                }
            }
        } catch (RowBusy busy) {
            throw busy; // the caller waits and calls again
        } catch (RuntimeException e) {
            for (int i = batch.nextRow; i < batch.rows.length; i++) {
                table.heap().setXmaxIf(batch.rowIds[i], xid, old -> old == 0);
            }
            throw e;
        }
        return batch.rows.length;
    }

    /**
     * The entries of a table's only index, for rows in ascending key order (a serial key): runs of
     * them appended to the rightmost leaf a page per edit, each row that does not continue a run
     * added alone (which also finds the rightmost leaf again after a split). The order of rows
     * and their errors is that of adding them one by one.
     */
    private void appendRuns(PagedTable table, PagedIndex index, long xid, BatchInsert batch) {
        int n = batch.rows.length;
        byte[][] keys = new byte[n][];
        boolean unique = index.storedDefinition().unique();
        for (int i = batch.nextRow; i < n; i++) {
            Object[] key = RowChecks.keyValues(index.asKey(), batch.rows[i]);
            if (unique && RowChecks.hasNull(key)) {
                return; // such keys skip the uniqueness check: leave them to addEntry
            }
            keys[i] = KeyEncoder.encode(key);
        }
        while (batch.nextRow < n) {
            int appended = index.tree().appendRightmostRun(keys, batch.rowIds, batch.nextRow, n, xid, unique);
            if (appended == 0) {
                addEntry(table, index, batch.rows[batch.nextRow], batch.rowIds[batch.nextRow], xid);
                appended = 1;
            }
            batch.nextRow += appended;
        }
    }

    /** Adds the index entry of a row version; for a unique index, 23505 if a live row has the key. */
    void addEntry(PagedTable table, PagedIndex index, Object[] row, long rowId, long xid) {
        addEntry(table, index, row, rowId, xid, false);
    }

    /**
     * Whether an update keeps the key of every index of the table, those dropped by transactions
     * not ended yet included (a rollback brings them back): then the new version may be a
     * heap-only tuple, found through the old one's index entries (see {@code HeapChains}).
     */
    private static boolean keepsEveryKey(PagedTable table, Object[] previous, Object[] row) {
        if (table.alteredBy() != 0) {
            return false; // a layout change in progress: keep to the plain path
        }
        for (PagedIndex index : table.indexes()) {
            if (index.droppedBy() != 0 || !sameKey(index, previous, row)) {
                return false;
            }
        }
        return true;
    }

    /** A row's stored payload bytes. */
    private static byte[] encode(PagedTable table, Object[] row) {
        ByteWriter out = ROW_BUFFERS.get();
        out.reset();
        ValueCodec.writeRow(out, table.record().storedOf(row));
        return out.toByteArray();
    }

    /** Whether a row's new values keep its key in {@code index} (equal values: the same encoded key). */
    private static boolean sameKey(PagedIndex index, Object[] previous, Object[] row) {
        for (int column : index.asKey().columns()) {
            if (!java.util.Objects.equals(previous[column], row[column])) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #addEntry(PagedTable, PagedIndex, Object[], long, long)}; {@code keyKept}: the entry is
     * for a new version of a row that keeps its key, whose old version this transaction has
     * locked. Then no other live version can hold the key (it would have failed the old version's
     * check, or waits on it now), so the check of the other entries is skipped, a heap read each:
     * a row updated often has many. Entries of pruned versions are still removed on the way.
     */
    private void addEntry(PagedTable table, PagedIndex index, Object[] row, long rowId, long xid, boolean keyKept) {
        if (index.droppedBy() == xid && !index.coversLiveSlots()) {
            // dropped with its column's slot by this transaction: what it writes now goes if the drop is undone
            return;
        }
        Object[] key = RowChecks.keyValues(index.asKey(), row);
        byte[] encoded = KeyEncoder.encode(key);
        // an index its own transaction dropped still gets entries (a rollback brings it back) but no longer enforces
        if (index.droppedBy() == xid || !index.storedDefinition().unique() || RowChecks.hasNull(key)) {
            index.tree().insert(encoded, rowId, xid);
        } else {
            ConflictCheck check = keyKept ? existing -> { } : existing -> checkConflict(table, index, row, existing, xid);
            index.tree().insertUnique(encoded, rowId, xid, check, existing -> table.heap().isDeadSlot(existing));
        }
    }

    /**
     * Pruning at insert time may remove versions no one can see: the inserter aborted, or the
     * deleter committed before every open snapshot began (a cursor still walking the table may
     * need the old version otherwise): below {@link XactManager#removalHorizon}, which one pass
     * over a page takes once (see {@link PrunePass}).
     */
    TupleFilter pruneFilter() {
        return new TupleFilter() {
            @Override
            public boolean isDead(long xmin, long xmax) {
                return new PrunePass().isDead(xmin, xmax);
            }

            @Override
            public TupleFilter forOnePass() {
                return new PrunePass();
            }

            @Override
            public boolean worthPruning(long oldestXmax) {
                return oldestXmax < Math.min(xacts.oldestActive(), xacts.pruneHorizon());
            }

            @Override
            public boolean mayDie(long xmin, long xmax) {
                return deleterMayCommit(xmax);
            }
        };
    }

    /** Whether a tuple with this xmax (0: none) may still be deleted for good: its deleter did not abort. */
    private boolean deleterMayCommit(long xmax) {
        return xmax != 0 && xacts.state(xmax) != XactManager.State.ABORTED;
    }

    /**
     * One pruning pass over a page. The removal horizon is taken once, at the first tuple with a
     * deleter, not per tuple (it takes the lock snapshots are taken under and walks the running
     * transactions): a deleter below it was not running then, so its status was final, and any
     * snapshot taken since counts it as every snapshot open then did.
     */
    private final class PrunePass implements TupleFilter {
        private long horizon = -1;

        @Override
        public boolean isDead(long xmin, long xmax) {
            if (xacts.state(xmin) == XactManager.State.ABORTED) {
                return true;
            }
            if (xmax == 0) {
                return false;
            }
            if (horizon < 0) {
                horizon = xacts.removalHorizon();
            }
            return xmax < horizon && xacts.isCommitted(xmax);
        }

        @Override
        public boolean mayDie(long xmin, long xmax) {
            return deleterMayCommit(xmax);
        }
    }

    private void checkConflict(PagedTable table, PagedIndex index, Object[] row, long existing, long me) {
        // the row's newest version: HOT updates keep the key, so the entry's chain is one row
        StoredTuple other = table.heap().newestVersion(existing,
                xid -> xid != me && xacts.state(xid) == XactManager.State.ABORTED);
        if (other == null || other.xmax() == other.xmin()) {
            // a version its own creator deleted (e.g. rolled back to a savepoint) is dead to everyone
            return;
        }
        long xmin = other.xmin();
        if (xmin != me) {
            XactManager.State creator = xacts.state(xmin);
            if (creator == XactManager.State.ABORTED) {
                return;
            }
            if (creator == XactManager.State.IN_PROGRESS) {
                throw new RowBusy(table, xmin);
            }
        }
        long xmax = other.xmax();
        if (xmax != 0) {
            if (xmax == me) {
                return;
            }
            XactManager.State deleter = xacts.state(xmax);
            if (deleter == XactManager.State.COMMITTED) {
                return;
            }
            if (deleter == XactManager.State.IN_PROGRESS) {
                throw new RowBusy(table, xmax);
            }
        }
        throw RowChecks.uniqueViolation(table.definition(), index.asKey(), row);
    }

    /**
     * Marks the version {@code rowId} as deleted by {@code xid}: the first half of an update, or a
     * delete. With {@code expected}, the version must still hold those values. Returns false if
     * the row is gone and nothing was expected (nothing to do); {@link RowBusy} if another active
     * transaction changed or locked it, 40001 if a committed one changed it since the caller read it.
     */
    boolean lockForChange(PagedTable table, long xid, long rowId, Object[] expected) {
        return lockForChange(table, xid, rowId, expected, null);
    }

    /**
     * As {@link #lockForChange(PagedTable, long, long, Object[])}; with a transaction-wide
     * snapshot (REPEATABLE READ), a row that a transaction committed after the snapshot changed
     * is 40001 even without {@code expected}: the transaction must not act on a state it cannot see.
     */
    boolean lockForChange(PagedTable table, long xid, long rowId, Object[] expected,
                          XactManager.Snapshot snapshot) {
        return lockForChange(table, xid, rowId, expected, snapshot, table.heap().read(rowId));
    }

    /**
     * As {@link #lockForChange(PagedTable, long, long, Object[], XactManager.Snapshot)}, checking
     * {@code current}, the version just read at {@code rowId}: its values never change, and a
     * change of its xmax since is found by the test under the page latch that sets it.
     */
    private boolean lockForChange(PagedTable table, long xid, long rowId, Object[] expected,
                                  XactManager.Snapshot snapshot, StoredTuple current) {
        if (!checkCurrent(table, xid, expected, snapshot, current)) {
            return false;
        }
        // what the test under the latch found decides, not a later look at the states: a holder
        // seen in progress there may have aborted by now, and then nothing was written
        long[] blocker = new long[1];
        boolean[] changed = new boolean[1];
        RowLocks locks = table.rowLocks();
        table.heap().setXmaxIf(rowId, xid, x -> {
            if (x != 0 && x != xid) {
                XactManager.State state = xacts.state(x);
                if (state == XactManager.State.IN_PROGRESS) {
                    blocker[0] = x;
                    return false;
                }
                if (state == XactManager.State.COMMITTED) {
                    changed[0] = true;
                    return false;
                }
            }
            if (!locks.isEmpty()) {
                blocker[0] = locks.conflicting(rowId, xid, true, this::inProgress);
            }
            return blocker[0] == 0;
        });
        if (blocker[0] != 0) {
            throw new RowBusy(table, blocker[0]);
        }
        if (changed[0]) {
            if (expected != null || snapshot != null) {
                throw concurrent("update");
            }
            return false;
        }
        return true;
    }

    /**
     * The checks before changing or locking a row: it must still be the version the caller read
     * (with {@code expected}), no transaction in progress may own it ({@link RowBusy}), and under
     * a transaction snapshot no change committed since may be overlooked (40001). False: the
     * row is gone and nothing was expected.
     */
    private boolean checkCurrent(PagedTable table, long xid, Object[] expected, XactManager.Snapshot snapshot,
                                 StoredTuple current) {
        if (snapshot != null && current != null && current.xmax() != 0 && current.xmax() != xid
                && xacts.isCommitted(current.xmax()) && !snapshot.committed(current.xmax())) {
            throw concurrent("update");
        }
        if (current == null || !visible(xid, current.xmin(), current.xmax())) {
            // a version another active transaction created or deleted is its own until it ends
            if (current != null && inProgressOther(current.xmin(), xid)) {
                throw new RowBusy(table, current.xmin());
            }
            if (current != null && inProgressOther(current.xmax(), xid)) {
                throw new RowBusy(table, current.xmax());
            }
            if (expected != null) {
                throw concurrent(current == null ? "delete" : "update");
            }
            return false;
        }
        if (expected != null && !Arrays.equals(expected, decode(table, current.payload()))) {
            throw concurrent("update");
        }
        return true;
    }

    /**
     * Locks a row for SELECT ... FOR UPDATE/SHARE: same checks as a change, then the lock is
     * recorded under the page latch unless another transaction in progress changes the row or
     * holds a conflicting lock ({@link RowBusy}). False if the row is gone and nothing was expected.
     */
    boolean lockRow(PagedTable table, long xid, long rowId, Object[] expected, boolean exclusive,
                    XactManager.Snapshot snapshot) {
        if (!checkCurrent(table, xid, expected, snapshot, table.heap().read(rowId))) {
            return false;
        }
        long[] blocker = new long[1];
        boolean[] changed = new boolean[1];
        RowLocks locks = table.rowLocks();
        boolean locked = table.heap().testXmax(rowId, x -> {
            if (x != 0 && x != xid) {
                XactManager.State state = xacts.state(x);
                if (state == XactManager.State.IN_PROGRESS) {
                    blocker[0] = x;
                    return false;
                }
                if (state == XactManager.State.COMMITTED) {
                    changed[0] = true; // committed between the check and the latch
                    return false;
                }
            }
            blocker[0] = locks.conflicting(rowId, xid, exclusive, this::inProgress);
            if (blocker[0] != 0) {
                return false;
            }
            locks.add(rowId, xid, exclusive);
            return true;
        });
        if (blocker[0] != 0) {
            throw new RowBusy(table, blocker[0]);
        }
        if (changed[0]) {
            throw concurrent("update");
        }
        return locked;
    }

    /**
     * The newest version of a row, following the updates made since {@code rowId} was read;
     * null if a committed transaction deleted it. A version still being changed by another
     * transaction is returned as it is: the caller's next attempt waits for that transaction.
     */
    StoredTuple latest(PagedTable table, long me, long rowId) {
        long id = rowId;
        long priorXmax = 0;
        for (;;) {
            StoredTuple t = table.heap().read(id);
            if (t == null || (priorXmax != 0 && t.xmin() != priorXmax)) {
                // a link outliving its versions (their slots reused since) leads nowhere
                return null;
            }
            long xmax = t.xmax();
            if (xmax == 0 || xmax == me || !xacts.isCommitted(xmax)) {
                return t.xmin() == me || xacts.isCommitted(t.xmin()) || inProgressOther(t.xmin(), me) ? t : null;
            }
            TxnWork.Succession next = table.successors().get(id);
            if (next == null || next.updater() != xmax) {
                return null; // deleted, not updated (a link another version of the slot left is not this one's)
            }
            id = next.newId();
            priorXmax = xmax;
        }
    }

    private boolean inProgress(long xid) {
        return xacts.state(xid) == XactManager.State.IN_PROGRESS;
    }

    private boolean inProgressOther(long other, long me) {
        return other != 0 && other != me && xacts.state(other) == XactManager.State.IN_PROGRESS;
    }

    /**
     * Replaces a version: marks it deleted, then stores the new one, whose row id it returns (-1
     * if the row was gone and nothing was expected). If the new one is refused (23505, or
     * {@link RowBusy} on a key another transaction is inserting), the old one is given back, so
     * the failed attempt leaves the row as it was.
     */
    long update(PagedTable table, long xid, long rowId, Object[] expected, Object[] newRow,
                XactManager.Snapshot snapshot) {
        StoredTuple before = table.heap().read(rowId);
        long previousXmax = before == null ? 0 : before.xmax();
        if (!lockForChange(table, xid, rowId, expected, snapshot, before)) {
            return -1;
        }
        try {
            // expected, when given, was checked equal to the version just locked
            Object[] previous = expected != null ? expected : before == null ? null : decode(table, before.payload());
            byte[] payload = encode(table, newRow);
            if (previous != null && keepsEveryKey(table, previous, newRow)) {
                long heapOnly = table.heap().insertHeapOnly(xid, rowId, payload);
                if (heapOnly >= 0) {
                    return heapOnly;
                }
            }
            return insert(table, xid, newRow, payload, expected);
        } catch (RuntimeException e) {
            table.heap().setXmaxIf(rowId, previousXmax, x -> x == xid);
            throw e;
        }
    }

    /** The visible rows, decoding {@code columns} only (null: all). */
    RowCursor scan(PagedTable table, Reader reader, Runnable checkOpen, int[] columns) {
        return new VersionCursor(table, reader, checkOpen, columns, table.heap().scan());
    }

    /** A stored row version as the table's columns, through its current row layout. */
    static Object[] decode(PagedTable table, byte[] payload) {
        return table.columnsOf(ValueCodec.readRow(new ByteReader(payload)));
    }

    private static DbException concurrent(String what) {
        return DbException.of(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent %s", what);
    }
}
