package org.rustydb.execution.internal.engine;

import java.util.List;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.execution.internal.binder.BoundMerge;
import org.rustydb.execution.internal.binder.BoundQuery;
import org.rustydb.execution.internal.binder.DmlBinder;
import org.rustydb.execution.internal.binder.MergeBinder;
import org.rustydb.execution.internal.binder.QueryBinder;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.ddl.AutoAnalyze;
import org.rustydb.execution.internal.exec.DmlExecutor;
import org.rustydb.execution.internal.exec.MergeExecutor;
import org.rustydb.execution.internal.exec.PlanExecutor;
import org.rustydb.execution.internal.exec.QueryResult;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * The statements that are bound once and may run many times (queries, INSERT, UPDATE, DELETE,
 * MERGE): binding one, and running a bound one.
 */
final class BoundStatements {
    private BoundStatements() {
    }

    /** Whether {@link #bind} takes the statement. */
    static boolean bindable(Statement statement) {
        return statement instanceof Select || statement instanceof Insert || statement instanceof Update
                || statement instanceof Delete || statement instanceof Merge;
    }

    /**
     * The statement bound and its privileges checked (as PostgreSQL checks them once the statement
     * is analysed, so an unknown column is reported before a missing privilege).
     */
    static Object bind(BindContext ctx, Statement statement) {
        Object bound = bindOnly(ctx, statement);
        checkPrivileges(ctx, bound, ctx.dependencies());
        return bound;
    }

    /** Checks the privileges a bound statement needs (again before each reuse of its plan). */
    static void checkPrivileges(BindContext ctx, Object bound, org.rustydb.execution.internal.binder.PlanDependencies
            dependencies) {
        org.rustydb.execution.internal.privilege.AccessControl.check(ctx.session(), ctx.transaction(), dependencies,
                () -> {
                    org.rustydb.execution.internal.plan.ScanColumns scans =
                            new org.rustydb.execution.internal.plan.ScanColumns();
                    if (bound instanceof BoundQuery q) {
                        scans.cover(q.plan());
                    } else if (bound instanceof BoundDml.Insert i && i.query() != null) {
                        scans.cover(i.query().plan());
                    }
                    return scans;
                });
    }

    /** The statement bound: a {@link BoundQuery}, a {@link BoundDml} statement or a {@link BoundMerge}. */
    private static Object bindOnly(BindContext ctx, Statement statement) {
        if (statement instanceof Select select) {
            return new QueryBinder(ctx).bind(select);
        }
        if (statement instanceof Insert insert) {
            return new DmlBinder(ctx).bindInsert(insert);
        }
        if (statement instanceof Update update) {
            return new DmlBinder(ctx).bindUpdate(update);
        }
        if (statement instanceof Delete delete) {
            return new DmlBinder(ctx).bindDelete(delete);
        }
        if (statement instanceof Merge merge) {
            // its executor reaches into the catalog in ways the dependencies do not record
            ctx.dependencies().notReusable("MERGE");
            return new MergeBinder(ctx).bind(merge);
        }
        throw new IllegalArgumentException("not a bindable statement: " + statement.getClass().getSimpleName());
    }

    /** The columns of the rows a bound statement returns, or null when it returns none. */
    static List<Column> columns(Object bound) {
        if (bound instanceof BoundQuery query) {
            return query.columns();
        }
        BoundDml.Returning returning = bound instanceof BoundDml.Insert i ? i.returning()
                : bound instanceof BoundDml.Update u ? u.returning()
                : bound instanceof BoundDml.Delete d ? d.returning() : null;
        return returning == null ? null : returning.columns();
    }

    /**
     * Runs a bound statement; {@code done} is called once its plan is free again (when a query's
     * rows are closed, or when the DML statement has run).
     */
    static Result run(Object bound, SessionContext session, Transaction txn, TransactionConstraints.Registry constraints,
                      AutoAnalyze autoAnalyze, Runnable done) {
        if (bound instanceof BoundQuery query) {
            try {
                return new QueryResult(query.columns(), PlanExecutor.open(query.plan(), query.scanColumns(), session, txn), done);
            } catch (RuntimeException | Error e) {
                done.run();
                throw e;
            }
        }
        try {
            requireWritable(txn, bound);
            DmlExecutor executor = new DmlExecutor(session, txn, constraints);
            String tag;
            BoundDml.Returning returning = null;
            if (bound instanceof BoundDml.Insert insert) {
                tag = executor.insert(insert);
                returning = insert.returning();
            } else if (bound instanceof BoundDml.Update update) {
                tag = executor.update(update);
                returning = update.returning();
            } else if (bound instanceof BoundDml.Delete delete) {
                tag = executor.delete(delete);
                returning = delete.returning();
            } else {
                tag = new MergeExecutor(session, txn, executor).merge((BoundMerge) bound);
            }
            autoAnalyze.written(txn, session.storage(), session.transactions(), executor.written());
            return returning == null ? Results.command(tag)
                    : Results.rows(returning.columns(), executor.returned(), tag);
        } finally {
            done.run();
        }
    }

    /** 25006 for a DML statement in a read-only transaction, naming the command as PostgreSQL does. */
    static void requireWritable(Transaction txn, Object bound) {
        if (txn.isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction",
                    commandName(bound));
        }
    }

    private static String commandName(Object bound) {
        return bound instanceof BoundDml.Insert ? "INSERT" : bound instanceof BoundDml.Update ? "UPDATE"
                : bound instanceof BoundDml.Delete ? "DELETE" : "MERGE";
    }
}
