package org.rustydb.transaction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionParticipant;
import org.rustydb.spi.txn.WaitPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A transaction that commits or rolls back the participants enlisted in it. */
final class CoordinatedTransaction implements Transaction {
    /** Rolled back by {@link #abandon}; guarded by this. */
    private boolean abandoned;
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatedTransaction.class);

    private final long id;
    private final IsolationLevel isolationLevel;
    private final boolean readOnly;
    private final Consumer<CoordinatedTransaction> onEnd;
    private final LockManager locks;
    /** Set by the session thread before each statement, read by its own waits. */
    private volatile long lockTimeoutMillis;
    private volatile Runnable interruptCheck = () -> { };
    private final List<TransactionParticipant> participants = new ArrayList<>();
    private State state = State.ACTIVE;

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
    public IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean lockTable(String relation, LockMode mode, WaitPolicy policy) {
        checkActive();
        return locks.lockTable(this, relation, mode, policy);
    }

    @Override
    public void awaitEnd(Transaction holder) {
        checkActive();
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

    private synchronized void checkActive() {
        if (state != State.ACTIVE) {
            throw notActive();
        }
    }

    @Override
    public synchronized State state() {
        return state;
    }

    @Override
    public synchronized void enlist(TransactionParticipant participant) {
        if (state != State.ACTIVE) {
            throw notActive();
        }
        if (!participants.contains(participant)) {
            participants.add(participant);
        }
    }

    @Override
    public synchronized void commit() {
        if (state != State.ACTIVE) {
            throw notActive();
        }
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

    private DbException notActive() {
        if (abandoned) {
            return DbException.of(SqlState.CANNOT_CONNECT_NOW,
                    "the database system is not available: transaction %d was rolled back when the transaction "
                            + "manager stopped", id);
        }
        return DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction %d is %s", id,
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
        onEnd.accept(this);
    }

    @Override
    public String toString() {
        return "transaction " + id;
    }
}
