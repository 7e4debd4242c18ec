package org.rustydb.storage.paged.internal.engine;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * Waiting for the transaction in a row's way. Row operations throw {@link RowBusy} from under
 * their latches; here, outside any latch, the waiter finds the holder's transaction by its
 * storage id and waits for its end through {@link Transaction#awaitEnd} (which puts the wait in
 * the deadlock detector's graph and applies lock_timeout and cancel), then tries again.
 *
 * <p>Also keeps the successor links of updated rows (see {@link PagedTable#successors}) for as
 * long as a statement that read the old version may still follow them.
 */
final class RowWaits {
    private final XactManager xacts;
    /** Transactions holding a storage id, by that id: whom a row's xmin or xmax belongs to. */
    private final Map<Long, TxnWork> byXid = new ConcurrentHashMap<>();
    /** Committed updaters whose successor links stay until no snapshot can need them. */
    private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();

    /** The transactions enlisted now: READ COMMITTED ones among them hold row ids past their cursors. */
    private final Collection<TxnWork> live;

    /** A committed updater; {@code committedAt} is the next storage id once its commit was final. */
    private record Retired(long xid, TxnWork work, long committedAt) {
    }

    RowWaits(XactManager xacts, Collection<TxnWork> live) {
        this.xacts = xacts;
        this.live = live;
    }

    void xidTaken(long xid, TxnWork w) {
        byXid.put(xid, w);
    }

    /** Runs a row operation that waits for any transaction in its way. */
    <T> T run(Transaction txn, PagedTable table, Supplier<T> operation) {
        return run(txn, table, WaitPolicy.WAIT, operation);
    }

    /**
     * Runs a row operation under the table's DDL read lock (index builds and drops take the
     * write side); when a transaction in progress is in its way, waits without that lock and
     * tries again, fails with 55P03 (NOWAIT) or returns null (SKIP_LOCKED).
     */
    <T> T run(Transaction txn, PagedTable table, WaitPolicy policy, Supplier<T> operation) {
        for (;;) {
            long holder;
            table.ddlLock().readLock().lock();
            try {
                return operation.get();
            } catch (RowBusy busy) {
                holder = busy.holder;
            } finally {
                table.ddlLock().readLock().unlock();
            }
            if (policy == WaitPolicy.SKIP_LOCKED) {
                return null;
            }
            if (policy == WaitPolicy.NOWAIT) {
                throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row in relation \"%s\"",
                        table.name());
            }
            await(txn, holder);
        }
    }

    private void await(Transaction txn, long holderXid) {
        TxnWork holder = byXid.get(holderXid);
        if (holder != null) {
            txn.awaitEnd(holder.txn);
        } else if (xacts.state(holderXid) == XactManager.State.IN_PROGRESS) {
            // between taking its id and registering it, or ending: a moment at most
            LockSupport.parkNanos(100_000L);
        }
    }

    /**
     * A transaction's end, after its state is final: others stop finding it as a holder. An
     * aborted updater's successor links go now; a committed one's once every snapshot that
     * might have read the old versions is gone (none older than its id is open) and every
     * transaction that was enlisted before it committed has ended.
     */
    void ended(TxnWork w, long xid, boolean committed) {
        if (xid == 0) {
            return;
        }
        byXid.remove(xid);
        if (!w.updatedRows.isEmpty()) {
            if (committed) {
                retired.add(new Retired(xid, w, xacts.nextXid()));
            } else {
                forgetSuccessors(w);
            }
        }
        if (retired.isEmpty()) {
            return;
        }
        long horizon = xacts.pruneHorizon();
        // a READ COMMITTED statement reads row ids under a snapshot it closes before it changes
        // them: a link stays while any transaction enlisted before the updater's commit runs
        long oldestEnlisted = Long.MAX_VALUE;
        for (TxnWork other : live) {
            oldestEnlisted = Math.min(oldestEnlisted, other.enlistedAt());
        }
        for (Retired r = retired.peek(); r != null && r.xid() < horizon && r.committedAt() < oldestEnlisted;
                r = retired.peek()) {
            if (retired.remove(r)) {
                forgetSuccessors(r.work());
            }
        }
    }

    private static void forgetSuccessors(TxnWork w) {
        for (TxnWork.Succession link : w.updatedRows) {
            link.forget();
        }
    }
}
