package org.rustydb.spi.txn;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work a transaction must finish or undo when it ends, enlisted by a storage engine with
 * {@link Transaction#enlist}. Called on the thread that ends the transaction, at most once.
 */
@ConsumerType
public interface TransactionParticipant {
    /** Makes the transaction's changes permanent. A failure here aborts the whole transaction. */
    void commit(Transaction txn);

    /** Undoes everything the transaction did in this participant. Must not fail. */
    void rollback(Transaction txn);

    /**
     * Whether this participant may have read data under the transaction's isolation level and
     * access mode, which then can no longer change (SET TRANSACTION "must be called before any
     * query"). Participants that only follow savepoints, as the session settings do, read nothing.
     */
    default boolean readsUnderIsolation() {
        return true;
    }
}
