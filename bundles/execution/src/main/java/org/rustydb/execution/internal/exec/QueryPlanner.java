package org.rustydb.execution.internal.exec;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BoundSelect;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * Turns a bound SELECT into a pipeline of operators: scan, filter, project (outputs and sort
 * keys), sort, offset/limit, and trimming of the hidden sort columns.
 */
public final class QueryPlanner {
    private QueryPlanner() {
    }

    /** Opens the pipeline; LIMIT and OFFSET are evaluated now. */
    public static RowSource open(BoundSelect select, SessionContext session, Transaction txn) {
        long limit = rowCount(select.limit(), SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, "LIMIT");
        long offset = rowCount(select.offset(), SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET");
        RowSource source = select.table() == null ? Operators.singleRow()
                : new TableScan(session, session.storage(), txn, select.table());
        try {
            if (select.filter() != null) {
                source = Operators.filter(source, select.filter());
            }
            source = Operators.project(source, select.projections());
            if (!select.sortKeys().isEmpty()) {
                source = new Sort(source, select.sortKeys(), session);
            }
            if (limit >= 0 || offset > 0) {
                source = Operators.limit(source, Math.max(offset, 0), limit);
            }
            if (select.projections().size() > select.columns().size()) {
                source = Operators.trim(source, select.columns().size());
            }
            return source;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The value of a LIMIT or OFFSET expression, -1 when absent or NULL. */
    private static long rowCount(BoundExpr e, String sqlState, String clause) {
        if (e == null) {
            return -1;
        }
        Object v = e.eval(new Object[0]);
        if (v == null) {
            return -1;
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw DbException.of(sqlState, "%s must not be negative", clause);
        }
        return n;
    }
}
