package org.rustydb.transaction.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

/**
 * Hands out transactions with increasing ids and ends them by calling the storage engines that
 * enlisted in them. Isolation is the engines' (MVCC); table locks and waits for other
 * transactions go through one {@link LockManager}, whose wait-for graph finds deadlocks.
 */
public final class TransactionCoordinator implements TransactionManager {
    private final AtomicLong nextId = new AtomicLong(1);
    private final Set<CoordinatedTransaction> active = ConcurrentHashMap.newKeySet();
    private final LockManager locks = new LockManager();

    @Override
    public Transaction begin(IsolationLevel isolationLevel, boolean readOnly) {
        CoordinatedTransaction txn = new CoordinatedTransaction(nextId.getAndIncrement(), isolationLevel, readOnly,
                this::ended, locks);
        active.add(txn);
        locks.begun(txn);
        return txn;
    }

    /** The lock manager; for tests. */
    LockManager locks() {
        return locks;
    }

    @Override
    public int activeCount() {
        return active.size();
    }

    private void ended(CoordinatedTransaction txn) {
        active.remove(txn);
        locks.ended(txn);
    }

    /** Rolls back every transaction still active; used when the bundle stops. */
    public void rollbackAll() {
        for (CoordinatedTransaction txn : Set.copyOf(active)) {
            txn.abandon();
        }
    }
}
