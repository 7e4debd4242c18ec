package org.rustydb.transaction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionParticipant;
import org.rustydb.spi.txn.WaitPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction that commits or rolls back the participants enlisted in it, and keeps its stack of
 * savepoints: savepoint {@code i} of the list is level {@code i + 1} for the participants.
 */
final class CoordinatedTransaction implements Transaction {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatedTransaction.class);

    /** A set savepoint: its name and the read-only mode to restore when it goes. */
    private record Savepoint(String name, boolean readOnlyBefore) {
    }

    private final long id;
    private final Consumer<CoordinatedTransaction> onEnd;
    private final LockManager locks;
    /** Its locks' state, kept by the lock manager. */
    final LockManager.Held lockState = new LockManager.Held();
    /** Set by the session thread before each statement, read by its own waits. */
    private volatile long lockTimeoutMillis;
    private volatile Runnable interruptCheck = () -> { };
    private final List<TransactionParticipant> participants = new ArrayList<>();
    private final List<Savepoint> savepoints = new ArrayList<>();
    private IsolationLevel isolationLevel;
    private boolean readOnly;
    private boolean statementStarted;
    private State state = State.ACTIVE;
    /** Rolled back by {@link #abandon}. */
    private boolean abandoned;

    CoordinatedTransaction(long id, IsolationLevel isolationLevel, boolean readOnly,
                           Consumer<CoordinatedTransaction> onEnd, LockManager locks) {
        this.id = id;
        this.locks = locks;
        this.isolationLevel = isolationLevel;
        this.readOnly = readOnly;
        this.onEnd = onEnd;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public synchronized IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    @Override
    public synchronized boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean lockTable(String relation, LockMode mode, WaitPolicy policy) {
        requireActive();
        return locks.lockTable(this, relation, mode, policy);
    }

    @Override
    public void awaitEnd(Transaction holder) {
        requireActive();
        if (!(holder instanceof CoordinatedTransaction other)) {
            throw new IllegalArgumentException("not a transaction of this manager: " + holder);
        }
        locks.awaitEnd(this, other);
    }

    @Override
    public void setWaitLimits(long lockTimeoutMillis, Runnable interruptCheck) {
        this.lockTimeoutMillis = Math.max(0, lockTimeoutMillis);
        this.interruptCheck = interruptCheck == null ? () -> { } : interruptCheck;
    }

    long lockTimeoutMillis() {
        return lockTimeoutMillis;
    }

    Runnable interruptCheck() {
        return interruptCheck;
    }

    @Override
    public synchronized State state() {
        return state;
    }

    @Override
    public synchronized void enlist(TransactionParticipant participant) {
        requireActive();
        if (!participants.contains(participant)) {
            participants.add(participant);
            if (participant instanceof SavepointParticipant sp) {
                for (int level = 1; level <= savepoints.size(); level++) {
                    sp.savepoint(this, level);
                }
            }
        }
    }

    @Override
    public synchronized void commit() {
        requireActive();
        for (int i = 0; i < participants.size(); i++) {
            try {
                participants.get(i).commit(this);
            } catch (RuntimeException e) {
                // Participants before i already made their changes permanent; a second phase
                // (prepare) arrives with the write-ahead log. Undo what can still be undone.
                rollbackFrom(participants.size() - 1, i);
                finish(State.ROLLED_BACK);
                throw DbException.wrap(e);
            }
        }
        finish(State.COMMITTED);
    }

    @Override
    public synchronized void rollback() {
        if (state != State.ACTIVE) {
            return;
        }
        rollbackFrom(participants.size() - 1, 0);
        finish(State.ROLLED_BACK);
    }

    @Override
    public synchronized void statementStarted() {
        statementStarted = true;
    }

    @Override
    public synchronized void setIsolationLevel(IsolationLevel level) {
        requireActive();
        if (level == isolationLevel) {
            return;
        }
        // participants may have read under the old level (a REPEATABLE READ snapshot)
        if (hasRead()) {
            throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                    "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        if (!savepoints.isEmpty()) {
            throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                    "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
        }
        isolationLevel = level;
    }

    /** Whether a statement ran or a participant may have read data: the modes are fixed then. */
    private boolean hasRead() {
        if (statementStarted) {
            return true;
        }
        for (TransactionParticipant participant : participants) {
            if (participant.readsUnderIsolation()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void setReadOnly(boolean value) {
        requireActive();
        if (!value && readOnly) {
            if (!savepoints.isEmpty()) {
                throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                        "cannot set transaction read-write mode inside a read-only transaction");
            }
            if (hasRead()) {
                throw DbException.of(SqlState.ACTIVE_SQL_TRANSACTION,
                        "transaction read-write mode must be set before any query");
            }
        }
        readOnly = value;
    }

    @Override
    public synchronized boolean hasSavepoints() {
        return !savepoints.isEmpty();
    }

    @Override
    public synchronized void savepoint(String name) {
        requireActive();
        savepoints.add(new Savepoint(name, readOnly));
        int level = savepoints.size();
        for (TransactionParticipant participant : participants) {
            if (participant instanceof SavepointParticipant sp) {
                sp.savepoint(this, level);
            }
        }
    }

    @Override
    public synchronized void rollbackToSavepoint(String name) {
        requireActive();
        int level = find(name);
        for (TransactionParticipant participant : participants) {
            if (!(participant instanceof SavepointParticipant)) {
                // it may have changed something since the savepoint that it cannot undo alone
                LOG.debug("transaction {}: {} cannot roll back to a savepoint", id, participant);
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "ROLLBACK TO SAVEPOINT is not supported by a storage engine this transaction used");
            }
        }
        for (int i = participants.size() - 1; i >= 0; i--) {
            try {
                ((SavepointParticipant) participants.get(i)).rollbackToSavepoint(this, level);
            } catch (RuntimeException e) {
                // part of the work since the savepoint may be undone and part not: end it all
                LOG.warn("rollback to savepoint of transaction {} failed in {}; rolling it back", id,
                        participants.get(i), e);
                rollback();
                throw DbException.wrap(e);
            }
        }
        readOnly = savepoints.get(level - 1).readOnlyBefore();
        savepoints.subList(level, savepoints.size()).clear();
    }

    @Override
    public synchronized void releaseSavepoint(String name) {
        requireActive();
        int level = find(name);
        for (TransactionParticipant participant : participants) {
            if (participant instanceof SavepointParticipant sp) {
                sp.releaseSavepoint(this, level);
            }
        }
        // PostgreSQL ends the subtransaction, and with it a READ ONLY set inside it
        readOnly = savepoints.get(level - 1).readOnlyBefore();
        savepoints.subList(level - 1, savepoints.size()).clear();
    }

    /** The level of the newest savepoint named {@code name}; 3B001 if none. */
    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw DbException.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"%s\" does not exist", name);
    }

    /**
     * Rolls back because the transaction manager is going away: the statement still using the
     * transaction then fails with 57P03, as every statement does while a required service is
     * missing, rather than with an error that blames the client.
     */
    synchronized void abandon() {
        if (state == State.ACTIVE) {
            abandoned = true;
            rollback();
        }
    }

    private void requireActive() {
        if (state == State.ACTIVE) {
            return;
        }
        if (abandoned) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW,
                    "the database system is not available: transaction %d was rolled back when the transaction "
                            + "manager stopped", id);
        }
        throw DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction %d is %s", id,
                state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    private void rollbackFrom(int last, int first) {
        for (int i = last; i >= first; i--) {
            try {
                participants.get(i).rollback(this);
            } catch (RuntimeException e) {
                LOG.error("rollback of transaction {} failed in {}", id, participants.get(i), e);
            }
        }
    }

    private void finish(State end) {
        state = end;
        participants.clear();
        savepoints.clear();
        onEnd.accept(this);
    }

    @Override
    public String toString() {
        return "transaction " + id;
    }
}
