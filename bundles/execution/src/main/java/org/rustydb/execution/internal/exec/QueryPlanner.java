package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BoundSelect;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * Turns a bound SELECT into a pipeline of operators: scan (of the table, or of an index range when
 * {@link IndexSelection} finds one), filter, project (outputs and sort keys), sort (unless the
 * index scan delivers the order), offset/limit, and trimming of the hidden sort columns.
 */
public final class QueryPlanner {
    private QueryPlanner() {
    }

    /** Opens the pipeline; LIMIT and OFFSET are evaluated now. */
    public static RowSource open(BoundSelect select, SessionContext session, Transaction txn) {
        long limit = rowCount(select.limit(), SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, "LIMIT");
        long offset = rowCount(select.offset(), SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET");
        AccessPath path = select.table() == null ? null : accessPath(select, session, txn);
        RowSource source = path == null ? Operators.singleRow() : new TableScan(session, txn, path);
        try {
            if (select.locking() != null) {
                source = new LockingScan((TableScan) source, select.filter(), select.locking(), session, txn,
                        select.table());
            } else if (select.filter() != null) {
                source = Operators.filter(source, select.filter());
            }
            source = Operators.project(source, select.projections());
            if (!select.sortKeys().isEmpty() && (path == null || !path.ordered())) {
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

    /** How a SELECT reads its table (which must not be null): for its WHERE and ORDER BY. */
    public static AccessPath accessPath(BoundSelect select, SessionContext session, Transaction txn) {
        return accessPath(session, txn, select.table(), select.filter(), orderColumns(select));
    }

    /** How a statement reads a table for a WHERE condition (or null) and an order (or none). */
    public static AccessPath accessPath(SessionContext session, Transaction txn, TableHandle table, BoundExpr filter,
                                        List<IndexSelection.OrderColumn> order) {
        List<IndexHandle> indexes = session.storage().indexes(txn, table);
        return IndexSelection.choose(table, indexes, filter, order);
    }

    /**
     * The ORDER BY as table columns an index could deliver: plain columns with PostgreSQL's default
     * NULL placement (last ascending, first descending); empty if any key is something else.
     */
    private static List<IndexSelection.OrderColumn> orderColumns(BoundSelect select) {
        List<IndexSelection.OrderColumn> order = new ArrayList<>();
        for (BoundSelect.SortKey key : select.sortKeys()) {
            if (!(select.projections().get(key.projection()) instanceof ColumnRef ref)
                    || key.nullsFirst() != key.descending()) {
                return List.of();
            }
            order.add(new IndexSelection.OrderColumn(ref.index(), key.descending()));
        }
        return order;
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
