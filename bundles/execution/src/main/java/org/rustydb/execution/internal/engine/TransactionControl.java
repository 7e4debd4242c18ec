package org.rustydb.execution.internal.engine;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.api.TransactionStatus;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.parser.TransactionCommand;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction control with PostgreSQL's behaviour: BEGIN inside a block and COMMIT or ROLLBACK
 * outside one do nothing (PostgreSQL only warns), COMMIT of a failed block rolls it back and
 * reports ROLLBACK, and the savepoint statements work only inside a block. A failed block keeps
 * its transaction (what it wrote stays invisible to others) until it ends or ROLLBACK TO SAVEPOINT
 * brings it back to a savepoint set before the failure.
 */
final class TransactionControl {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionControl.class);

    private TransactionControl() {
    }

    /** BEGIN, COMMIT and ROLLBACK outside an implicit transaction. */
    static void run(SessionContext session, TransactionCommand command, ResultSink sink,
                    TransactionConstraints.Registry constraints) {
        TransactionStatus status = session.transactionStatus();
        Transaction open = session.openTransaction();
        String tag;
        switch (command.kind()) {
            case BEGIN -> {
                if (status != TransactionStatus.IDLE) {
                    sink.notice(Notice.warning(SqlState.ACTIVE_SQL_TRANSACTION,
                            "there is already a transaction in progress"));
                } else {
                    IsolationLevel level = command.isolation() == null
                            ? SessionSettings.defaultIsolation(session) : command.isolation();
                    Transaction txn = session.transactions().begin(level, Boolean.TRUE.equals(command.readOnly()));
                    session.setTransactionState(txn, TransactionStatus.IN_TRANSACTION);
                }
                tag = command.tag();
            }
            case COMMIT -> {
                tag = status == TransactionStatus.FAILED ? "ROLLBACK" : command.tag();
                if (open == null) {
                    warnNoTransaction(sink);
                } else {
                    // The block ends whatever happens; a failed commit is reported as the error.
                    session.setTransactionState(null, TransactionStatus.IDLE);
                    if (status == TransactionStatus.FAILED) {
                        rollbackQuietly(open);
                    } else {
                        commit(session, open, constraints);
                    }
                }
            }
            case ROLLBACK -> {
                tag = "ROLLBACK";
                if (open == null) {
                    warnNoTransaction(sink);
                } else {
                    session.setTransactionState(null, TransactionStatus.IDLE);
                    rollbackQuietly(open);
                }
            }
            default -> throw new IllegalStateException("not a block command: " + command.kind());
        }
        deliver(sink, tag);
    }

    /**
     * SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT: only in a block (an implicit
     * transaction is none), and an error fails the block. A successful ROLLBACK TO ends the
     * failed state.
     */
    static void savepoint(SessionContext session, TransactionCommand command, ResultSink sink) {
        Transaction open = session.openTransaction();
        if (open == null) {
            throw DbException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "%s can only be used in transaction blocks",
                    command.statementName());
        }
        if (open.state() != Transaction.State.ACTIVE) {
            // a failed block without savepoints: its transaction is already rolled back
            throw DbException.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"%s\" does not exist",
                    command.savepoint());
        }
        try {
            switch (command.kind()) {
                case SAVEPOINT -> open.savepoint(command.savepoint());
                case RELEASE -> open.releaseSavepoint(command.savepoint());
                case ROLLBACK_TO -> {
                    open.rollbackToSavepoint(command.savepoint());
                    session.setTransactionState(open, TransactionStatus.IN_TRANSACTION);
                }
                default -> throw new IllegalStateException("not a savepoint command: " + command.kind());
            }
        } catch (RuntimeException e) {
            failBlock(session);
            throw e;
        }
        deliver(sink, command.tag());
    }

    /**
     * SET TRANSACTION on the current transaction: the open block or the implicit transaction of
     * a multi-statement string; with neither (a single statement outside a block) PostgreSQL
     * only warns, as the transaction it would change ends with the statement.
     */
    static void setTransaction(SessionContext session, Transaction current, TransactionCommand command,
                               ResultSink sink) {
        if (current == null) {
            sink.notice(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SET TRANSACTION can only be used in transaction blocks"));
        } else {
            try {
                if (command.isolation() != null) {
                    current.setIsolationLevel(command.isolation());
                }
                if (command.readOnly() != null) {
                    current.setReadOnly(command.readOnly());
                }
            } catch (RuntimeException e) {
                failBlock(session);
                throw e;
            }
        }
        deliver(sink, command.tag());
    }

    /** Commits after the deferred constraint checks; a violation rolls the transaction back instead. */
    static void commit(SessionContext session, Transaction txn, TransactionConstraints.Registry constraints) {
        try {
            constraints.beforeCommit(session, txn);
        } catch (RuntimeException e) {
            rollbackQuietly(txn);
            throw e;
        }
        txn.commit();
    }

    private static void warnNoTransaction(ResultSink sink) {
        sink.notice(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
    }

    /** Hands a command tag to the sink. */
    static void deliver(ResultSink sink, String tag) {
        Result result = Results.command(tag);
        try {
            sink.accept(result);
        } finally {
            result.close();
        }
    }

    /**
     * Marks an open block failed after an error. Without savepoints its transaction is rolled
     * back now, giving up its locks at once as PostgreSQL's does, and the block waits for
     * ROLLBACK (or COMMIT, which rolls back); with savepoints it stays active, holding what it
     * changed, until then or a ROLLBACK TO SAVEPOINT.
     */
    static void failBlock(SessionContext session) {
        Transaction open = session.openTransaction();
        if (open != null && session.transactionStatus() == TransactionStatus.IN_TRANSACTION) {
            if (open.state() == Transaction.State.ACTIVE && !open.hasSavepoints()) {
                rollbackQuietly(open);
            }
            session.setTransactionState(open, TransactionStatus.FAILED);
        }
    }

    static void rollbackQuietly(Transaction txn) {
        try {
            if (txn.state() == Transaction.State.ACTIVE) {
                txn.rollback();
            }
        } catch (RuntimeException e) {
            LOG.warn("rollback of transaction {} failed", txn.id(), e);
        }
    }
}
