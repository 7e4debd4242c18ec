package org.rustydb.spi.txn;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A participant that can undo part of a transaction's work: what it did since a savepoint.
 * Savepoints are numbered by nesting level, 1 for the outermost; levels are reused after a
 * savepoint is released or rolled past. Called on the session thread of the transaction, only
 * while it is active.
 */
@ConsumerType
public interface SavepointParticipant extends TransactionParticipant {

    /**
     * Savepoint {@code level} is set: what the participant does from now on is undone by a
     * rollback to it. Also called for every savepoint already set when the participant enlists.
     */
    void savepoint(Transaction txn, int level);

    /**
     * Undoes what the participant did since savepoint {@code level} was set. The savepoint stays
     * set; deeper ones are gone. A failure makes the transaction roll back whole.
     */
    void rollbackToSavepoint(Transaction txn, int level);

    /**
     * Savepoint {@code level} and the deeper ones are gone; their work stays and belongs to the
     * enclosing savepoint (or the transaction).
     */
    void releaseSavepoint(Transaction txn, int level);
}
