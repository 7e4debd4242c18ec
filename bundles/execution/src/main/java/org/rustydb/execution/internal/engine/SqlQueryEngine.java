package org.rustydb.execution.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.api.ValueText;
import org.rustydb.execution.internal.StackDepth;
import org.rustydb.execution.internal.ddl.AutoAnalyze;
import org.rustydb.execution.internal.ddl.VacuumCommand;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.exec.QueryResult;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.TransactionCommand;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.SessionZone;
import org.rustydb.execution.internal.types.TransactionClock;
import org.rustydb.spi.exec.PreparedQuery;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * The query engine: parses the whole SQL string, then runs its statements in order, with
 * PostgreSQL's transaction semantics. Outside a transaction block a single statement runs in a
 * transaction of its own, and several statements in one string share one implicit transaction
 * (committed at the end, rolled back by an error; an explicit BEGIN turns it into a block). Inside
 * a block a failure marks the block failed and later statements are refused with 25P02 until COMMIT,
 * ROLLBACK or ROLLBACK TO SAVEPOINT. Setting changes end with the transaction they were made in,
 * kept or undone as in PostgreSQL. Deferred constraint checks run before every COMMIT.
 * Thread-safe; the only state is that of transactions with deferred checks or SET CONSTRAINTS
 * modes, dropped when they end, and the automatic analyze's background thread ({@link #close}).
 */
public final class SqlQueryEngine implements QueryEngine {
    /** Deferred constraint checks and SET CONSTRAINTS modes of the transactions that have them. */
    private final TransactionConstraints.Registry constraints = new TransactionConstraints.Registry();
    private final PreparedStatements prepared = new PreparedStatements();
    /** About 4 M characters of SQL text with their parse trees: a few tens of MB at most. */
    private final ParseCache parseCache = new ParseCache(4_000_000);
    private final PlanCache<Object> queryPlans = new PlanCache<>();
    private final PlanCache<Object> dmlPlans = new PlanCache<>();
    private final AutoAnalyze autoAnalyze;
    private final StatementRunner.Shared shared;

    public SqlQueryEngine() {
        this(new AutoAnalyze());
    }

    /** With its automatic analyze made elsewhere (tests shorten the interval between two of a table). */
    public SqlQueryEngine(AutoAnalyze autoAnalyze) {
        this.autoAnalyze = autoAnalyze;
        this.shared = new StatementRunner.Shared(constraints, prepared, queryPlans, dmlPlans, autoAnalyze);
    }

    /** Stops the background work (automatic analyze). */
    public void close() {
        autoAnalyze.close();
    }

    @Override
    public void sessionClosed(long sessionId) {
        prepared.sessionClosed(sessionId);
        queryPlans.sessionClosed(sessionId);
        dmlPlans.sessionClosed(sessionId);
        TransactionClock.sessionClosed(sessionId);
        constraints.sessionClosed(sessionId);
    }

    /** How many query executions reused a kept plan instead of binding their statement. */
    long queryPlanReuses() {
        return queryPlans.reuses();
    }

    /** How many INSERT, UPDATE or DELETE executions reused a kept plan. */
    long dmlPlanReuses() {
        return dmlPlans.reuses();
    }

    /** How many executions of prepared statements ran their kept generic plan. */
    long preparedPlanReuses() {
        return prepared.genericReuses();
    }

    @Override
    public void execute(SessionContext session, String sql, ResultSink sink) {
        List<ParsedStatement> statements;
        try {
            statements = parseCache.parse(sql, session::statementHandler, true);
        } catch (RuntimeException e) {
            // A syntax error aborts an open block too.
            TransactionControl.failBlock(session);
            if (session.transactionStatus() == TransactionStatus.FAILED) {
                Settings.blockFailed(session);
            }
            throw e;
        }
        new Run(session, sink, statements.size() > 1).runAll(statements);
    }

    /**
     * A statement prepared through the API that is not bound ahead (transaction control, SET,
     * DDL...): it runs as if sent as text, and has no parameters. {@code statement} is null for an
     * empty string.
     */
    private record Unbound(ParsedStatement statement) implements PreparedQuery {
        @Override
        public List<SqlType> parameterTypes() {
            return List.of();
        }

        /** Unknown until it runs, except that COPY returns no rows (its data is no result set). */
        @Override
        public List<Column> columns() {
            return statement instanceof ParsedStatement.Copy ? List.of() : null;
        }
    }

    @Override
    public PreparedQuery prepare(SessionContext session, String sql, List<SqlType> parameterTypes) {
        List<ParsedStatement> statements;
        try {
            statements = parseCache.parse(sql, session::statementHandler, false);
            if (statements.size() > 1) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
            }
        } catch (RuntimeException e) {
            TransactionControl.failBlock(session);
            throw e;
        }
        if (statements.isEmpty()) {
            return new Unbound(null);
        }
        if (!(statements.get(0) instanceof ParsedStatement.Sql statement)
                || !BoundStatements.bindable(statement.statement())) {
            return new Unbound(statements.get(0));
        }
        if (session.transactionStatus() == TransactionStatus.FAILED) {
            throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        List<DataType> declared = parameterTypes == null ? List.of()
                : parameterTypes.stream().map(DataType::of).toList();
        Transaction block = session.openTransaction();
        Transaction txn = block != null ? block : session.transactions().begin(SessionSettings.defaultIsolation(session),
                false);
        try {
            SessionZone.set(ValueText.zoneOf(Settings.showOrNull(session, "TimeZone")));
            TransactionClock.statementStarts(session.sessionId(), txn);
            BindContext ctx = new BindContext(StatementDeadline.of(session), txn, statement.source(), result -> { });
            PreparedQuery prepared = PreparedStatements.prepare(ctx, statement, declared);
            if (block == null) {
                txn.commit(); // binding wrote nothing; its locks go
            }
            return prepared;
        } catch (RuntimeException | Error e) {
            if (block == null) {
                TransactionControl.rollbackQuietly(txn);
            } else {
                TransactionControl.failBlock(session);
            }
            throw e;
        }
    }

    @Override
    public void execute(SessionContext session, PreparedQuery statement, List<String> parameters, ResultSink sink) {
        if (statement instanceof Unbound unbound) {
            if (!parameters.isEmpty()) {
                throw DbException.of(SqlState.PROTOCOL_VIOLATION,
                        "bind message supplies %d parameters, but prepared statement requires 0",
                        parameters.size());
            }
            if (unbound.statement() != null) {
                new Run(session, sink, false).runAll(List.of(unbound.statement()));
            }
            return;
        }
        if (!(statement instanceof PreparedStatements.Prepared prepared)) {
            throw new IllegalArgumentException("not a statement this engine prepared: " + statement);
        }
        new Run(session, sink, false).runAll(List.of(new ParsedStatement.ExecutePrepared(prepared.statement.text(),
                prepared, List.of(new ArrayList<>(parameters)))));
    }

    /**
     * A one-row INSERT's batch in a transaction block runs as one statement storing its rows
     * together (a multi-row INSERT); other batches run execution by execution.
     */
    @Override
    public void executeBatch(SessionContext session, PreparedQuery statement, List<List<String>> parameterRows,
                             ResultSink sink) {
        if (statement instanceof PreparedStatements.Prepared prepared && prepared.insertsOneRow
                && parameterRows.size() > 1 && session.transactionStatus() == TransactionStatus.IN_TRANSACTION) {
            new Run(session, sink, false).runAll(List.of(new ParsedStatement.ExecutePrepared(
                    prepared.statement.text(), prepared, List.copyOf(parameterRows))));
            return;
        }
        QueryEngine.super.executeBatch(session, statement, parameterRows, sink);
    }

    @Override
    public String setting(SessionContext session, String name) {
        return Settings.showOrNull(session, name);
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
            boolean committed = false;
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
                committed = true;
            } finally {
                if (implicit != null) {
                    TransactionControl.rollbackQuietly(implicit);
                }
                if (multiStatement && session.transactionStatus() == TransactionStatus.IDLE) {
                    Settings.endTransaction(session, committed); // the implicit transaction's end
                }
            }
        }

        private void run(ParsedStatement statement) {
            boolean wasFailed = session.transactionStatus() == TransactionStatus.FAILED;
            boolean succeeded = false;
            try {
                SessionZone.set(ValueText.zoneOf(Settings.showOrNull(session, "TimeZone")));
                TransactionClock.statementStarts(session.sessionId(), session.openTransaction());
                dispatch(statement);
                succeeded = true;
            } finally {
                TransactionClock.inTransaction(session.sessionId(), session.openTransaction()); // a block BEGIN opened starts now
                endSettings(statement, succeeded, wasFailed);
            }
        }

        /**
         * Ends the setting changes of the transaction the statement ended: a block that failed (at
         * once, as PostgreSQL aborts it), a block that ended, or the statement's own transaction
         * outside a block. A multi-statement string's implicit transaction ends in {@link #runAll}.
         */
        private void endSettings(ParsedStatement statement, boolean succeeded, boolean wasFailed) {
            TransactionStatus now = session.transactionStatus();
            if (now == TransactionStatus.FAILED) {
                Settings.blockFailed(session);
                return;
            }
            if (now != TransactionStatus.IDLE) {
                return;
            }
            TransactionCommand.Kind ended = statement instanceof ParsedStatement.TransactionControl control
                    ? control.command().kind() : null;
            if (multiStatement && succeeded && ended == null) {
                return;
            }
            boolean rolledBack = ended == TransactionCommand.Kind.ROLLBACK
                    || (ended == TransactionCommand.Kind.COMMIT && wasFailed);
            Settings.endTransaction(session, succeeded && !rolledBack);
        }

        private void dispatch(ParsedStatement statement) {
            if (session.transactionStatus() == TransactionStatus.FAILED && !endsBlock(statement)) {
                throw DbException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (statement instanceof ParsedStatement.TransactionControl control) {
                transactionControl(control.command());
            } else if (statement instanceof ParsedStatement.Setting setting) {
                try {
                    SessionSettings.run(session, current(), setting.command(), sink,
                            multiStatement || session.transactionStatus() != TransactionStatus.IDLE);
                } catch (RuntimeException e) {
                    TransactionControl.failBlock(session);
                    throw e;
                }
            } else if (statement instanceof ParsedStatement.Vacuum vacuum) {
                runVacuum(vacuum);
            } else if (statement instanceof ParsedStatement.Handled handled) {
                try {
                    SessionContext target = session;
                    if (multiStatement && session.openTransaction() == null) {
                        if (implicit == null) {
                            implicit = beginImplicit();
                        }
                        target = StatementDeadline.sharing(session, implicit);
                    }
                    handled.handler().execute(target, handled.text().text(), sink);
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

        private void transactionControl(TransactionCommand command) {
            switch (command.kind()) {
                case BEGIN, COMMIT, ROLLBACK -> {
                    if (implicit != null) {
                        endImplicit(command);
                    } else {
                        TransactionControl.run(session, command, sink, constraints);
                    }
                }
                case SET_TRANSACTION -> {
                    Transaction target = current();
                    if (target == null && multiStatement) {
                        // it sets the modes of the implicit transaction the next statements share
                        implicit = beginImplicit();
                        target = implicit;
                    }
                    TransactionControl.setTransaction(session, target, command, sink);
                }
                default -> TransactionControl.savepoint(session, command, sink);
            }
        }

        /** The transaction statements run in now: the open block's, else the implicit one, else null. */
        private Transaction current() {
            Transaction block = session.openTransaction();
            return block != null ? block : implicit;
        }

        private Transaction beginImplicit() {
            return session.transactions().begin(SessionSettings.defaultIsolation(session), false);
        }

        /**
         * VACUUM runs outside any transaction: not in a block, nor in the implicit transaction of
         * a string of several statements (PostgreSQL refuses both alike).
         */
        private void runVacuum(ParsedStatement.Vacuum vacuum) {
            Result result;
            try {
                boolean inBlock = session.openTransaction() != null || multiStatement;
                result = VacuumCommand.run(StatementDeadline.of(session), vacuum, inBlock, sink);
            } catch (RuntimeException e) {
                TransactionControl.failBlock(session);
                throw e;
            }
            try {
                sink.accept(result);
            } finally {
                result.close();
            }
        }

        /** A transaction statement ends the implicit transaction; BEGIN turns it into a block. */
        private void endImplicit(TransactionCommand command) {
            Transaction txn = implicit;
            if (command.kind() == TransactionCommand.Kind.BEGIN) {
                // BEGIN's modes apply to the transaction it takes over, with SET TRANSACTION's rules
                // (an error leaves it implicit, so it is rolled back)
                if (command.isolation() != null) {
                    txn.setIsolationLevel(command.isolation());
                }
                if (command.readOnly() != null) {
                    txn.setReadOnly(command.readOnly());
                }
            }
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
                    implicit = beginImplicit();
                }
                txn = implicit;
            } else {
                if (statement instanceof ParsedStatement.Lock) {
                    throw DbException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                            "LOCK TABLE can only be used in transaction blocks");
                }
                txn = beginImplicit();
                autocommit = true;
            }
            try {
                TransactionClock.inTransaction(session.sessionId(), txn);
                txn.statementStarted();
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
                if (txn == block) {
                    // the block keeps its transaction: ROLLBACK TO SAVEPOINT may continue it
                    TransactionControl.failBlock(session);
                } else {
                    TransactionControl.rollbackQuietly(txn);
                    implicit = null;
                }
                throw e;
            }
        }

        /** Runs the statement and lets the sink read it; a too-deep statement fails with 54001. */
        private Result runGuarded(ParsedStatement statement, Transaction txn) {
            try {
                SessionContext statementSession = StatementDeadline.of(session);
                txn.setWaitLimits(SessionSettings.lockTimeoutMillis(session), statementSession::checkCancelled);
                return StatementRunner.run(statement, statementSession, txn, sink, shared);
            } catch (StackOverflowError e) {
                throw StackDepth.exceeded();
            }
        }

        /** What a failed block still runs: COMMIT, ROLLBACK and ROLLBACK TO SAVEPOINT, as in PostgreSQL. */
        private static boolean endsBlock(ParsedStatement statement) {
            if (!(statement instanceof ParsedStatement.TransactionControl control)) {
                return false;
            }
            TransactionCommand.Kind kind = control.command().kind();
            return kind == TransactionCommand.Kind.COMMIT || kind == TransactionCommand.Kind.ROLLBACK
                    || kind == TransactionCommand.Kind.ROLLBACK_TO;
        }
    }
}
