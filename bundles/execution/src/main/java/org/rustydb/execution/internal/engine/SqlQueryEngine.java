package org.rustydb.execution.internal.engine;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.api.TransactionStatus;
import org.rustydb.execution.internal.StackDepth;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.exec.QueryResult;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.execution.internal.parser.TransactionCommand;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * The query engine: parses the whole SQL string, then runs its statements in order, with
 * PostgreSQL's transaction semantics. Outside a transaction block a single statement runs in a
 * transaction of its own, and several statements in one string share one implicit transaction
 * (committed at the end, rolled back by an error; an explicit BEGIN turns it into a block). Inside
 * a block a failure marks the block failed and later statements are refused with 25P02 until COMMIT
 * or ROLLBACK. Deferred constraint checks run before every COMMIT. Thread-safe; the only state is
 * that of transactions with deferred checks or SET CONSTRAINTS modes, dropped when they end.
 */
public final class SqlQueryEngine implements QueryEngine {
    /** Deferred constraint checks and SET CONSTRAINTS modes of the transactions that have them. */
    private final TransactionConstraints.Registry constraints = new TransactionConstraints.Registry();

    @Override
    public void execute(SessionContext session, String sql, ResultSink sink) {
        List<ParsedStatement> statements;
        try {
            statements = SqlParser.parse(sql, session::statementHandler);
        } catch (RuntimeException e) {
            // A syntax error aborts an open block too.
            TransactionControl.failBlock(session);
            throw e;
        }
        new Run(session, sink, statements.size() > 1).runAll(statements);
    }

    /** The statements of one SQL string, with the implicit transaction they may share. */
    private final class Run {
        private final SessionContext session;
        private final ResultSink sink;
        private final boolean multiStatement;
        private Transaction implicit;

        Run(SessionContext session, ResultSink sink, boolean multiStatement) {
            this.session = session;
            this.sink = sink;
            this.multiStatement = multiStatement;
        }

        void runAll(List<ParsedStatement> statements) {
            try {
                for (ParsedStatement statement : statements) {
                    run(statement);
                }
                if (implicit != null) {
                    constraints.beforeCommit(session, implicit);
                    Transaction txn = implicit;
                    implicit = null;
                    txn.commit();
                }
            } finally {
                if (implicit != null) {
                    TransactionControl.rollbackQuietly(implicit);
                }
            }
        }

        private void run(ParsedStatement statement) {
            if (session.transactionStatus() == TransactionStatus.FAILED && !endsBlock(statement)) {
                throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (statement instanceof ParsedStatement.TransactionControl control) {
                if (implicit != null) {
                    endImplicit(control.command());
                } else {
                    TransactionControl.run(session, control.command(), sink, constraints);
                }
            } else if (statement instanceof ParsedStatement.Setting setting) {
                try {
                    SessionSettings.run(session, setting.command(), sink);
                } catch (RuntimeException e) {
                    TransactionControl.failBlock(session);
                    throw e;
                }
            } else if (statement instanceof ParsedStatement.Handled handled) {
                try {
                    handled.handler().execute(session, handled.text().text(), sink);
                } catch (RuntimeException | Error e) {
                    TransactionControl.failBlock(session);
                    throw e;
                }
            } else if (statement instanceof ParsedStatement.Unsupported unsupported) {
                TransactionControl.failBlock(session);
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not supported yet", unsupported.kind())
                        .withPosition(unsupported.text().position(unsupported.text().tokens().get(0).start()));
            } else {
                if (statement instanceof ParsedStatement.SetConstraints && session.openTransaction() == null
                        && !multiStatement) {
                    sink.notice(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                            "SET CONSTRAINTS can only be used in transaction blocks"));
                }
                runSql(statement);
            }
        }

        /** A transaction statement ends the implicit transaction; BEGIN turns it into a block. */
        private void endImplicit(TransactionCommand command) {
            Transaction txn = implicit;
            implicit = null;
            switch (command.kind()) {
                case BEGIN -> session.setTransactionState(txn, TransactionStatus.IN_TRANSACTION);
                case COMMIT -> TransactionControl.commit(session, txn, constraints);
                case ROLLBACK -> TransactionControl.rollbackQuietly(txn);
                default -> throw new IllegalStateException("unknown transaction command " + command.kind());
            }
            TransactionControl.deliver(sink, command.tag());
        }

        /** Runs a statement of the binder (SQL through JSqlParser, or an index command) in a transaction. */
        private void runSql(ParsedStatement statement) {
            Transaction block = session.openTransaction();
            Transaction txn;
            boolean autocommit = false;
            if (block != null) {
                txn = block;
            } else if (multiStatement) {
                if (implicit == null) {
                    implicit = session.transactions().begin(SessionSettings.defaultIsolation(session), false);
                }
                txn = implicit;
            } else {
                txn = session.transactions().begin(SessionSettings.defaultIsolation(session), false);
                autocommit = true;
            }
            try {
                Result result = runGuarded(statement, txn);
                try {
                    sink.accept(result);
                } finally {
                    result.close();
                }
                // A failure while the sink read rows fails the statement even if the sink swallowed it.
                if (result instanceof QueryResult query && query.failure() != null) {
                    throw query.failure();
                }
                if (autocommit) {
                    constraints.beforeCommit(session, txn);
                    txn.commit();
                }
            } catch (RuntimeException | Error e) {
                TransactionControl.rollbackQuietly(txn);
                if (txn == block) {
                    session.setTransactionState(txn, TransactionStatus.FAILED);
                }
                implicit = null;
                throw e;
            }
        }

        /** Runs the statement and lets the sink read it; a too-deep statement fails with 54001. */
        private Result runGuarded(ParsedStatement statement, Transaction txn) {
            try {
                return StatementRunner.run(statement, StatementDeadline.of(session), txn, sink, constraints);
            } catch (StackOverflowError e) {
                throw StackDepth.exceeded();
            }
        }

        private static boolean endsBlock(ParsedStatement statement) {
            return statement instanceof ParsedStatement.TransactionControl control
                    && control.command().kind() != TransactionCommand.Kind.BEGIN;
        }
    }
}
