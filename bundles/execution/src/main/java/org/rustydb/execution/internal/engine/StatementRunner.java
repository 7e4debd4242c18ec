package org.rustydb.execution.internal.engine;

import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.execution.internal.binder.BoundQuery;
import org.rustydb.execution.internal.binder.DmlBinder;
import org.rustydb.execution.internal.binder.QueryBinder;
import org.rustydb.execution.internal.constraint.ConstraintModes;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.ddl.CreateIndexCommand;
import org.rustydb.execution.internal.ddl.AutoAnalyze;
import org.rustydb.execution.internal.ddl.CreateTableCommand;
import org.rustydb.execution.internal.ddl.DropIndexCommand;
import org.rustydb.execution.internal.ddl.DropTableCommand;
import org.rustydb.execution.internal.exec.DmlExecutor;
import org.rustydb.execution.internal.exec.PlanExecutor;
import org.rustydb.execution.internal.exec.QueryResult;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.ddl.LockTableCommand;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/** Binds and runs one parsed statement inside a transaction. */
final class StatementRunner {
    private StatementRunner() {
    }

    static Result run(ParsedStatement parsedStatement, SessionContext session, Transaction txn, ResultSink sink,
                      TransactionConstraints.Registry constraints, PreparedStatements prepared,
                      PlanCache<BoundQuery> queries, AutoAnalyze autoAnalyze) {
        if (parsedStatement instanceof ParsedStatement.Prepare prepare) {
            prepared.prepare(session.sessionId(), prepare);
            return Results.command("PREPARE");
        }
        if (parsedStatement instanceof ParsedStatement.Deallocate deallocate) {
            prepared.deallocate(session.sessionId(), deallocate.name());
            return Results.command("DEALLOCATE" + (deallocate.name() == null ? " ALL" : ""));
        }
        if (parsedStatement instanceof ParsedStatement.Sql sql
                && sql.statement() instanceof net.sf.jsqlparser.statement.execute.Execute execute) {
            PreparedStatements.Execution execution = prepared.execution(session.sessionId(), execute,
                    new BindContext(session, txn, sql.source(), sink));
            return run(execution.statement(), session, txn, sink, constraints, execution.parameters(), queries,
                    autoAnalyze);
        }
        return run(parsedStatement, session, txn, sink, constraints, List.of(), queries, autoAnalyze);
    }

    private static Result run(ParsedStatement parsedStatement, SessionContext session, Transaction txn,
                              ResultSink sink, TransactionConstraints.Registry constraints,
                              List<org.rustydb.execution.internal.expr.BoundExpr> parameters,
                              PlanCache<BoundQuery> queries, AutoAnalyze autoAnalyze) {
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
        if (parsedStatement instanceof ParsedStatement.Lock lock) {
            return LockTableCommand.run(new BindContext(session, txn, lock.source(), sink), lock.command());
        }
        if (parsedStatement instanceof ParsedStatement.Analyze analyze) {
            return org.rustydb.execution.internal.ddl.AnalyzeCommand.run(
                    new BindContext(session, txn, null, sink), analyze);
        }
        if (parsedStatement instanceof ParsedStatement.SetConstraints set) {
            return ConstraintModes.run(session, txn, constraints, set.command());
        }
        if (!(parsedStatement instanceof ParsedStatement.Sql parsed)) {
            throw new IllegalArgumentException("not a statement for the binder: " + parsedStatement);
        }
        BindContext ctx = new BindContext(session, txn, parsed.source(), sink, parameters);
        Statement statement = parsed.statement();
        if (statement instanceof net.sf.jsqlparser.statement.ExplainStatement explain) {
            return ExplainCommand.run(ctx, explain);
        }
        if (statement instanceof Select select) {
            return query(parsed, select, ctx, queries);
        }
        if (txn.isReadOnly()) {
            // PostgreSQL names the command; the storage engine would only say "this statement".
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction",
                    commandName(statement));
        }
        if (statement instanceof Insert insert) {
            BoundDml.Insert bound = new DmlBinder(ctx).bindInsert(insert);
            DmlExecutor executor = new DmlExecutor(session, txn, constraints);
            return written(executor.insert(bound), bound.returning(), executor, autoAnalyze, session, txn);
        }
        if (statement instanceof Update update) {
            BoundDml.Update bound = new DmlBinder(ctx).bindUpdate(update);
            DmlExecutor executor = new DmlExecutor(session, txn, constraints);
            return written(executor.update(bound), bound.returning(), executor, autoAnalyze, session, txn);
        }
        if (statement instanceof Delete delete) {
            BoundDml.Delete bound = new DmlBinder(ctx).bindDelete(delete);
            DmlExecutor executor = new DmlExecutor(session, txn, constraints);
            return written(executor.delete(bound), bound.returning(), executor, autoAnalyze, session, txn);
        }
        if (statement instanceof net.sf.jsqlparser.statement.merge.Merge merge) {
            DmlExecutor executor = new DmlExecutor(session, txn, constraints);
            String tag = new org.rustydb.execution.internal.exec.MergeExecutor(session, txn, executor)
                    .merge(new org.rustydb.execution.internal.binder.MergeBinder(ctx).bind(merge));
            return written(tag, null, executor, autoAnalyze, session, txn);
        }
        if (statement instanceof CreateTable create) {
            return CreateTableCommand.run(ctx, create);
        }
        if (statement instanceof Drop drop) {
            return DropTableCommand.run(ctx, drop);
        }
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not supported yet", parsed.text().firstKeyword());
    }

    /** A query's rows, from its kept plan when that is still valid, else from a new one (kept if it can be). */
    private static Result query(ParsedStatement.Sql parsed, Select select, BindContext ctx,
                                PlanCache<BoundQuery> queries) {
        PlanCache.Entry<BoundQuery> entry = queries.take(ctx, parsed);
        BoundQuery bound;
        if (entry != null) {
            bound = entry.bound();
        } else {
            long statisticsVersion = queries.bindStarts(ctx);
            bound = new QueryBinder(ctx).bind(select);
            entry = queries.keep(ctx, parsed, bound, statisticsVersion);
        }
        try {
            Runnable done = entry == null ? () -> { } : entry::release;
            return new QueryResult(bound.columns(), PlanExecutor.open(bound.plan(), ctx.session(), ctx.transaction()),
                    done);
        } catch (RuntimeException | Error e) {
            if (entry != null) {
                entry.release();
            }
            throw e;
        }
    }

    /** A DML statement's outcome: its tag, and with RETURNING the rows it returned. */
    private static Result written(String tag, BoundDml.Returning returning, DmlExecutor executor,
                                  AutoAnalyze autoAnalyze, SessionContext session, Transaction txn) {
        autoAnalyze.written(txn, session.storage(), session.transactions(), executor.written());
        return returning == null ? Results.command(tag) : Results.rows(returning.columns(), executor.returned(), tag);
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
