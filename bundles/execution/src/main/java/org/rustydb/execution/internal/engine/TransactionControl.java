package org.rustydb.execution.internal.engine;

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
 * BEGIN, COMMIT and ROLLBACK with PostgreSQL's behaviour: BEGIN inside a block and COMMIT or
 * ROLLBACK outside one do nothing (PostgreSQL only warns), and COMMIT of a failed block rolls it
 * back and reports ROLLBACK.
 */
final class TransactionControl {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionControl.class);

    private TransactionControl() {
    }

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
            default -> throw new IllegalStateException("unknown transaction command " + command.kind());
        }
        deliver(sink, tag);
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

    /** Marks an open block failed after an error, rolling its work back now to free what it holds. */
    static void failBlock(SessionContext session) {
        Transaction open = session.openTransaction();
        if (open != null && session.transactionStatus() == TransactionStatus.IN_TRANSACTION) {
            rollbackQuietly(open);
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
