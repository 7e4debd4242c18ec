package org.rustydb.spi.txn;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.IsolationLevel;

/**
 * One transaction. Made by a {@link TransactionManager}; ended exactly once by commit or rollback.
 *
 * <p>Threading: used by one session thread at a time. Participants are called in enlistment
 * order on commit and in reverse order on rollback.
 *
 * <p>Savepoints follow PostgreSQL: they form a stack, names may repeat (a name means the newest
 * savepoint of that name), rolling back to one keeps it and destroys the later ones, releasing one
 * destroys it and the later ones and keeps their work. Participants take part through
 * {@link SavepointParticipant}.
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
     * Adds a participant; enlisting the same participant twice has no effect. A
     * {@link SavepointParticipant} enlisted while savepoints are set is told of each of them at
     * once, outermost first, so an engine enlists before it records its first change.
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

    /**
     * Records that a statement that reads or writes data starts in the transaction (not for
     * transaction control, SET or SHOW). From the first one on the isolation level is fixed and
     * the transaction can no longer be made read-write, as in PostgreSQL ("before any query").
     */
    void statementStarted();

    /**
     * Changes the isolation level (SET TRANSACTION ISOLATION LEVEL); setting the current level is
     * always allowed.
     *
     * @throws org.rustydb.api.DbException 25001 after {@link #statementStarted} or while a savepoint
     *                                      is set; 25000 if the transaction is no longer active
     */
    void setIsolationLevel(IsolationLevel isolationLevel);

    /**
     * Makes the transaction read-only, at any time, or read-write again. Rolling back to or
     * releasing a savepoint restores the mode the transaction had when the savepoint was set.
     *
     * @throws org.rustydb.api.DbException 25001 to make a read-only transaction read-write after
     *                                      {@link #statementStarted} or while a savepoint is set
     */
    void setReadOnly(boolean readOnly);

    /**
     * Sets a savepoint named {@code name} (names are compared exactly; the caller folds case).
     *
     * @throws org.rustydb.api.DbException 25000 if the transaction is no longer active
     */
    void savepoint(String name);

    /**
     * Undoes everything done since the newest savepoint named {@code name} was set. That savepoint
     * stays; later ones are destroyed. If a participant fails while undoing, the whole transaction
     * is rolled back and the failure is thrown.
     *
     * @throws org.rustydb.api.DbException 3B001 if no savepoint has that name; 0A000, changing
     *                                      nothing, if an enlisted participant cannot roll back to a
     *                                      savepoint (it is not a {@link SavepointParticipant})
     */
    void rollbackToSavepoint(String name);

    /**
     * Destroys the newest savepoint named {@code name} and every later one, keeping their work.
     *
     * @throws org.rustydb.api.DbException 3B001 if no savepoint has that name
     */
    void releaseSavepoint(String name);

    /** True while at least one savepoint is set. */
    boolean hasSavepoints();
}
