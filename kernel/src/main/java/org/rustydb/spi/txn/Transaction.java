package org.rustydb.spi.txn;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.IsolationLevel;

/**
 * One transaction. Made by a {@link TransactionManager}; ended exactly once by commit or rollback.
 *
 * <p>Threading: used by one session thread at a time. Participants are called in enlistment
 * order on commit and in reverse order on rollback.
 */
@ProviderType
public interface Transaction {

    /** States of a transaction. */
    enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    /** A unique, increasing transaction id. */
    long id();

    IsolationLevel isolationLevel();

    boolean isReadOnly();

    State state();

    /**
     * Adds a participant; enlisting the same participant twice has no effect.
     *
     * @throws org.rustydb.api.DbException 25000 if the transaction is no longer active
     */
    void enlist(TransactionParticipant participant);

    /**
     * Commits. If a participant fails, the others are rolled back, the state becomes
     * ROLLED_BACK and the failure is thrown.
     */
    void commit();

    /** Rolls back; a no-op when already rolled back. */
    void rollback();

    /**
     * Takes a table lock held to the end of the transaction; a mode already held, or a weaker one
     * than held, returns at once. Conflicts are only with other transactions.
     *
     * @param relation the qualified table name, e.g. {@code public.t}
     * @return false only with {@link WaitPolicy#SKIP_LOCKED} when the lock is not free
     * @throws org.rustydb.api.DbException 55P03 with NOWAIT or after lock_timeout, 40P01 if waiting
     *         would close a cycle of waits (this transaction is the victim), 57014 when the
     *         statement is canceled while waiting
     */
    boolean lockTable(String relation, LockMode mode, WaitPolicy policy);

    /**
     * Waits until {@code holder} has committed or rolled back: a storage engine calls this when
     * a row it must change or lock is being changed by the holder. The wait is part of the
     * deadlock detector's graph; limits as for {@link #lockTable}.
     */
    void awaitEnd(Transaction holder);

    /**
     * The limits of the waits of the statement about to run: lock_timeout in milliseconds (0 for
     * none) and a check that throws if the statement was canceled, called while waiting.
     */
    void setWaitLimits(long lockTimeoutMillis, Runnable interruptCheck);
}
