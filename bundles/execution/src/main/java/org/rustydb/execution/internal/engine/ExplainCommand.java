package org.rustydb.execution.internal.engine;

import java.util.Iterator;
import java.util.List;

import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.BoundQuery;
import org.rustydb.execution.internal.binder.QueryBinder;
import org.rustydb.execution.internal.exec.Explain;
import org.rustydb.execution.internal.exec.QueryResult;
import org.rustydb.execution.internal.exec.RowSource;

/** EXPLAIN [ANALYZE] of a query: one text column, "QUERY PLAN", a row per line. */
final class ExplainCommand {
    private ExplainCommand() {
    }

    static Result run(BindContext ctx, ExplainStatement explain) {
        if (!(explain.getStatement() instanceof Select select)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of this statement is not supported yet");
        }
        boolean analyze = explain.getOption(ExplainStatement.OptionType.ANALYZE) != null
                && !"false".equalsIgnoreCase(explain.getOption(ExplainStatement.OptionType.ANALYZE).getValue())
                && !"off".equalsIgnoreCase(explain.getOption(ExplainStatement.OptionType.ANALYZE).getValue());
        BoundQuery bound = new QueryBinder(ctx).bind(select);
        // EXPLAIN needs what the query needs, as in PostgreSQL (ANALYZE runs it)
        org.rustydb.execution.internal.privilege.AccessControl.checkQuery(ctx.session(), ctx.transaction(),
                ctx.dependencies(), bound.plan());
        return result(bound, ctx.session(), ctx.transaction(), analyze);
    }

    /** The EXPLAIN [ANALYZE] output of a bound query (a prepared statement's plan for EXPLAIN EXECUTE). */
    static Result result(BoundQuery bound, org.rustydb.spi.exec.SessionContext session,
                         org.rustydb.spi.txn.Transaction txn, boolean analyze) {
        List<String> lines = Explain.lines(bound.plan(), session, txn, analyze);
        Iterator<String> it = lines.iterator();
        RowSource rows = new RowSource() {
            @Override
            public Object[] next() {
                return it.hasNext() ? new Object[] {it.next()} : null;
            }

            @Override
            public void close() {
            }
        };
        return new QueryResult(List.of(new Column("QUERY PLAN", SqlType.TEXT, -1)), rows);
    }
}
