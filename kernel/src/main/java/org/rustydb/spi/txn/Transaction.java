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
}
