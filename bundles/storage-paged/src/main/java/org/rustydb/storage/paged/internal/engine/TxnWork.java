package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionParticipant;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * What one transaction did in the paged engine: its storage transaction id (taken on the first
 * change), the tables and indexes it created and dropped, the tables it wrote. Commit makes the status page edit durable;
 * rollback only has to forget, because nothing it wrote is visible to anyone else.
 */
final class TxnWork implements TransactionParticipant {
    private final PagedStorageEngine engine;
    private final long txnId;
    private long xid;
    private volatile boolean ended;
    /** The transaction-wide snapshot of REPEATABLE READ, taken by the first read. */
    private XactManager.Snapshot snapshot;
    final List<PagedTable> created = new ArrayList<>();
    final List<PagedTable> dropped = new ArrayList<>();
    /** Tables whose constraints it altered, once each. */
    final Set<PagedTable> altered = new LinkedHashSet<>();
    final Set<PagedTable> written = new LinkedHashSet<>();
    /** The table of the last write, to skip the checks of a table already written. */
    PagedTable lastWritten;
    final List<PagedIndex> createdIndexes = new ArrayList<>();
    final List<PagedIndex> droppedIndexes = new ArrayList<>();

    TxnWork(PagedStorageEngine engine, long txnId) {
        this.engine = engine;
        this.txnId = txnId;
    }

    long txnId() {
        return txnId;
    }

    /** The storage transaction id, taken now if this is the first change. */
    long xid() {
        if (ended) {
            // ended under a statement still running (e.g. the transaction manager stopped)
            throw DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction %d has ended", txnId);
        }
        if (xid == 0) {
            xid = engine.store().xacts().begin();
        }
        return xid;
    }

    XactManager.Snapshot snapshot(XactManager xacts) {
        if (snapshot == null) {
            snapshot = xacts.snapshot();
        }
        return snapshot;
    }

    /** The transaction-wide snapshot, or null (READ COMMITTED, or nothing read yet). */
    XactManager.Snapshot snapshotIfAny() {
        return snapshot;
    }

    /** The id if one was taken, else 0 (a transaction that has changed nothing). */
    long xidIfAny() {
        return xid;
    }

    @Override
    public void commit(Transaction txn) {
        ended = true;
        releaseSnapshot();
        engine.finish(this, true);
    }

    @Override
    public void rollback(Transaction txn) {
        ended = true;
        releaseSnapshot();
        engine.finish(this, false);
    }

    private void releaseSnapshot() {
        if (snapshot != null) {
            snapshot.close();
        }
    }
}
