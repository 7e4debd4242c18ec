package org.rustydb.execution.internal.engine;

import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.BoundQuery;
import org.rustydb.execution.internal.constraint.ConstraintModes;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.ddl.CreateIndexCommand;
import org.rustydb.execution.internal.ddl.AutoAnalyze;
import org.rustydb.execution.internal.ddl.CreateTableCommand;
import org.rustydb.execution.internal.ddl.DropIndexCommand;
import org.rustydb.execution.internal.ddl.DropTableCommand;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.execution.internal.ddl.LockTableCommand;
import org.rustydb.execution.internal.expr.ParameterSlots;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/** Binds and runs one parsed statement inside a transaction. */
final class StatementRunner {
    private StatementRunner() {
    }

    /** The caches and registries statements use, shared by the engine's sessions. */
    record Shared(TransactionConstraints.Registry constraints, PreparedStatements prepared,
                  PlanCache<Object> queries, PlanCache<Object> dml, AutoAnalyze autoAnalyze) {
    }

    static Result run(ParsedStatement parsedStatement, SessionContext session, Transaction txn, ResultSink sink,
                      Shared shared) {
        PreparedStatements prepared = shared.prepared();
        if (parsedStatement instanceof ParsedStatement.Prepare prepare) {
            prepared.checkNew(session.sessionId(), prepare.name());
            BindContext ctx = new BindContext(session, txn, prepare.statement().source(), sink);
            prepared.prepare(session.sessionId(), prepare.name(),
                    PreparedStatements.prepare(ctx, prepare.statement(), prepare.types()));
            return Results.command("PREPARE");
        }
        if (parsedStatement instanceof ParsedStatement.Deallocate deallocate) {
            prepared.deallocate(session.sessionId(), deallocate.name());
            return Results.command("DEALLOCATE" + (deallocate.name() == null ? " ALL" : ""));
        }
        if (parsedStatement instanceof ParsedStatement.ExecutePrepared api) {
            PreparedStatements.Prepared statement = (PreparedStatements.Prepared) api.prepared();
            BindContext ctx = new BindContext(session, txn, statement.statement.source(), sink);
            if (api.parameterRows().size() > 1) {
                return BatchInserts.run(ctx, sink, statement, api.parameterRows(), shared);
            }
            PreparedStatements.Plan plan = prepared.plan(ctx, statement,
                    PreparedStatements.textArguments(statement, api.parameterRows().get(0)));
            return BoundStatements.run(plan.bound(), session, txn, shared.constraints(), shared.autoAnalyze(),
                    plan.done());
        }
        if (parsedStatement instanceof ParsedStatement.Templated templated) {
            return runTemplated(templated, session, txn, sink, shared);
        }
        if (parsedStatement instanceof ParsedStatement.ExplainExecute explain) {
            PreparedStatements.Plan plan = executionPlan(explain.execute(), session, txn, sink, prepared);
            try {
                if (!(plan.bound() instanceof BoundQuery query)) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "EXPLAIN of this statement is not supported yet");
                }
                return ExplainCommand.result(query, session, txn, explain.analyze());
            } finally {
                plan.done().run();
            }
        }
        if (parsedStatement instanceof ParsedStatement.Sql sql && sql.statement() instanceof Execute execute) {
            PreparedStatements.Plan plan = executionPlan(sql, session, txn, sink, prepared);
            return BoundStatements.run(plan.bound(), session, txn, shared.constraints(), shared.autoAnalyze(),
                    plan.done());
        }
        return runStatement(parsedStatement, session, txn, sink, shared);
    }

    /**
     * Runs a statement from its template's parse: its kept plan when still valid, else a new
     * bind (kept if it can be); a template that does not bind gives way to the statement as written.
     */
    private static Result runTemplated(ParsedStatement.Templated templated, SessionContext session, Transaction txn,
                                       ResultSink sink, Shared shared) {
        PlanCache<Object> plans = templated.template().statement() instanceof Select ? shared.queries() : shared.dml();
        Object[] numbers = TemplatedStatements.numberValues(templated);
        if (numbers != null) {
            Result result = runGeneric(templated, numbers, session, txn, sink, plans, shared);
            if (result != null) {
                return result;
            }
        }
        TemplatedStatements.HeldNotices notices = new TemplatedStatements.HeldNotices(sink);
        // revalidating a kept plan needs the session and transaction only
        PlanCache.Entry<Object> entry = plans.take(new BindContext(session, txn, null, notices), templated);
        Object bound;
        if (entry != null) {
            bound = entry.bound();
        } else {
            BindContext ctx = TemplatedStatements.context(templated, session, txn, notices);
            long statisticsVersion = PlanCache.bindStarts(ctx);
            bound = TemplatedStatements.bind(ctx, templated);
            if (bound == null) {
                return runStatement(SqlParser.parseStatement(templated.text()), session, txn, sink, shared);
            }
            entry = plans.keep(ctx, templated, bound, statisticsVersion);
        }
        notices.release();
        Runnable done = entry == null ? () -> { } : entry::release;
        return BoundStatements.run(bound, session, txn, shared.constraints(), shared.autoAnalyze(), done);
    }

    /**
     * Runs a statement whose constants are all numbers from its template's generic plan (kept per
     * session under the template's parse), or returns null when there is none to run: the
     * template's plan is in use, its numbers were of other types, or it did not bind with
     * parameters. Then the statement is bound for its own text. A plan that cannot be kept (it
     * read the clock) runs once.
     */
    private static Result runGeneric(ParsedStatement.Templated templated, Object[] numbers, SessionContext session,
                                     Transaction txn, ResultSink sink, PlanCache<Object> plans, Shared shared) {
        List<DataType> types = TemplatedStatements.typesOf(numbers);
        TemplatedStatements.HeldNotices notices = new TemplatedStatements.HeldNotices(sink);
        PlanCache.Entry<Object> entry = plans.take(new BindContext(session, txn, null, notices), templated.template(),
                types);
        Object bound;
        ParameterSlots slots;
        if (entry != null) {
            bound = entry.bound();
            slots = entry.slots();
        } else {
            slots = new ParameterSlots(types);
            BindContext ctx = new BindContext(session, txn, templated.source(), notices, slots);
            long statisticsVersion = PlanCache.bindStarts(ctx);
            bound = TemplatedStatements.bind(ctx, templated);
            if (bound == null || !slots.finalTypes().equals(types)) {
                return null;
            }
            entry = plans.keep(ctx, templated.template(), bound, statisticsVersion);
        }
        slots.set(numbers);
        notices.release();
        Runnable done = entry == null ? () -> { } : entry::release;
        return BoundStatements.run(bound, session, txn, shared.constraints(), shared.autoAnalyze(), done);
    }

    /** The plan EXECUTE runs, for the values of its arguments. */
    private static PreparedStatements.Plan executionPlan(ParsedStatement.Sql sql, SessionContext session,
                                                        Transaction txn, ResultSink sink,
                                                        PreparedStatements prepared) {
        Execute execute = (Execute) sql.statement();
        PreparedStatements.Prepared statement = prepared.named(session.sessionId(), execute);
        BindContext ctx = new BindContext(session, txn, sql.source(), sink);
        return prepared.plan(ctx, statement, PreparedStatements.arguments(ctx, execute, statement));
    }

    private static Result runStatement(ParsedStatement parsedStatement, SessionContext session, Transaction txn,
                                       ResultSink sink, Shared shared) {
        if (parsedStatement instanceof ParsedStatement.Index index) {
            return runIndexCommand(index, session, txn, sink);
        }
        if (parsedStatement instanceof ParsedStatement.Ddl ddl) {
            if (txn.isReadOnly()) {
                throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction",
                        ddl.command().commandName());
            }
            return ddl.command().run(new BindContext(session, txn, ddl.source(), sink));
        }
        if (parsedStatement instanceof ParsedStatement.Copy copy) {
            return org.rustydb.execution.internal.copy.CopyRunner.run(new BindContext(session, txn, null, sink),
                    copy.command(), shared.constraints(), shared.autoAnalyze());
        }
        if (parsedStatement instanceof ParsedStatement.Lock lock) {
            return LockTableCommand.run(new BindContext(session, txn, lock.source(), sink), lock.command());
        }
        if (parsedStatement instanceof ParsedStatement.Analyze analyze) {
            return org.rustydb.execution.internal.ddl.AnalyzeCommand.run(
                    new BindContext(session, txn, null, sink), analyze);
        }
        if (parsedStatement instanceof ParsedStatement.SetConstraints set) {
            return ConstraintModes.run(session, txn, shared.constraints(), set.command());
        }
        if (!(parsedStatement instanceof ParsedStatement.Sql parsed)) {
            throw new IllegalArgumentException("not a statement for the binder: " + parsedStatement);
        }
        BindContext ctx = new BindContext(session, txn, parsed.source(), sink);
        Statement statement = parsed.statement();
        if (statement instanceof net.sf.jsqlparser.statement.ExplainStatement explain) {
            return ExplainCommand.run(ctx, explain);
        }
        if (BoundStatements.bindable(statement)) {
            return cached(parsed, ctx, statement instanceof Select ? shared.queries() : shared.dml(), shared);
        }
        if (txn.isReadOnly()) {
            // PostgreSQL names the command; the storage engine would only say "this statement".
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction",
                    commandName(statement));
        }
        if (statement instanceof CreateTable create) {
            return CreateTableCommand.run(ctx, create);
        }
        if (statement instanceof Drop drop) {
            return DropTableCommand.run(ctx, drop);
        }
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not supported yet", parsed.text().firstKeyword());
    }

    /**
     * Runs a query or DML statement from its kept plan when that is still valid, else from a new
     * one (kept if it can be).
     */
    private static Result cached(ParsedStatement.Sql parsed, BindContext ctx, PlanCache<Object> plans, Shared shared) {
        PlanCache.Entry<Object> entry = plans.take(ctx, parsed);
        Object bound;
        if (entry != null) {
            bound = entry.bound();
        } else {
            long statisticsVersion = PlanCache.bindStarts(ctx);
            bound = BoundStatements.bind(ctx, parsed.statement());
            entry = plans.keep(ctx, parsed, bound, statisticsVersion);
        }
        Runnable done = entry == null ? () -> { } : entry::release;
        return BoundStatements.run(bound, ctx.session(), ctx.transaction(), shared.constraints(), shared.autoAnalyze(),
                done);
    }

    private static Result runIndexCommand(ParsedStatement.Index index, SessionContext session, Transaction txn,
                                          ResultSink sink) {
        boolean create = index.command() instanceof IndexCommand.CreateIndex;
        if (txn.isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction",
                    create ? "CREATE INDEX" : "DROP INDEX");
        }
        BindContext ctx = new BindContext(session, txn, index.source(), sink);
        return create ? CreateIndexCommand.run(ctx, (IndexCommand.CreateIndex) index.command())
                : DropIndexCommand.run(ctx, (IndexCommand.DropIndex) index.command());
    }

    private static String commandName(Statement statement) {
        if (statement instanceof Insert) {
            return "INSERT";
        }
        if (statement instanceof Update) {
            return "UPDATE";
        }
        if (statement instanceof Delete) {
            return "DELETE";
        }
        if (statement instanceof CreateTable) {
            return "CREATE TABLE";
        }
        if (statement instanceof net.sf.jsqlparser.statement.merge.Merge) {
            return "MERGE";
        }
        return statement instanceof Drop ? "DROP TABLE" : "this statement";
    }
}
