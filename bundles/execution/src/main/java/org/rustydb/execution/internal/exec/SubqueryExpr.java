package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.RowCell;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * A subquery used as an expression: a scalar subquery (its one value, NULL without rows, 21000
 * with more than one), EXISTS, or the subquery of IN / op ANY / op ALL, whose rows the
 * {@code comparison} compares with the left value in three-valued logic (it reads a row of two
 * values: the left one, then the subquery row's). The row it is evaluated on
 * goes to {@code cell} first, where the subquery's outer references read it. An uncorrelated
 * subquery runs once per execution; its rows are kept.
 */
public final class SubqueryExpr implements BoundExpr {
    /** What the subquery's rows mean. */
    public enum Kind { SCALAR, EXISTS, ANY, ALL }

    private final Kind kind;
    private final PlanNode plan;
    private final RowCell cell;
    private final boolean correlated;
    private final BoundExpr left;
    private final BoundExpr comparison;
    private final DataType type;
    private final SessionContext session;
    private final Transaction txn;
    private List<Object[]> cached;
    /** For an uncorrelated IN whose sides hash alike: the subquery's values, and whether one was NULL. */
    private final boolean hashable;
    private java.util.Set<HashKey> valueSet;
    private boolean valueSetHasNull;

    public SubqueryExpr(Kind kind, PlanNode plan, RowCell cell, boolean correlated, BoundExpr left,
                        BoundExpr comparison, DataType type, SessionContext session, Transaction txn) {
        this(kind, plan, cell, correlated, left, comparison, type, session, txn, false);
    }

    /**
     * As above; {@code hashable} says the comparison is an equality between values that are
     * equal exactly when their {@link HashKey}s are, so that IN can look values up in a hash set.
     */
    public SubqueryExpr(Kind kind, PlanNode plan, RowCell cell, boolean correlated, BoundExpr left,
                        BoundExpr comparison, DataType type, SessionContext session, Transaction txn,
                        boolean hashable) {
        this.hashable = hashable && kind == Kind.ANY && !correlated;
        this.kind = kind;
        this.plan = plan;
        this.cell = cell;
        this.correlated = correlated;
        this.left = left;
        this.comparison = comparison;
        this.type = type;
        this.session = session;
        this.txn = txn;
    }

    public Kind kind() {
        return kind;
    }

    public PlanNode plan() {
        return plan;
    }

    /** The cell the row the subquery is evaluated on goes to, which its outer references read. */
    public RowCell cell() {
        return cell;
    }

    public boolean correlated() {
        return correlated;
    }

    /** Whether IN looks the left value up in a hash set of the subquery's values. */
    public boolean hashed() {
        return hashable;
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public Object eval(Object[] row) {
        cell.set(row);
        if (!correlated) {
            if (cached == null) {
                cached = rows(-1);
            }
            return hashable ? lookUp(row) : result(row, cached);
        }
        return result(row, rows(kind == Kind.SCALAR ? 2 : kind == Kind.EXISTS ? 1 : -1));
    }

    /** x IN (uncorrelated subquery) by a hash lookup, with the same three-valued outcome as the scan. */
    private Object lookUp(Object[] row) {
        if (valueSet == null) {
            valueSet = new java.util.HashSet<>();
            for (Object[] r : cached) {
                if (r[0] == null) {
                    valueSetHasNull = true;
                } else {
                    valueSet.add(new HashKey(new Object[] {r[0]}));
                }
            }
        }
        Object value = left.eval(row);
        if (value == null) {
            return cached.isEmpty() ? false : null;
        }
        if (valueSet.contains(new HashKey(new Object[] {value}))) {
            return true;
        }
        return valueSetHasNull ? null : false;
    }

    /** The subquery's rows; at most {@code max} of them when not negative. */
    private List<Object[]> rows(int max) {
        List<Object[]> rows = new ArrayList<>();
        try (RowSource source = PlanExecutor.open(plan, session, txn)) {
            Object[] r;
            while ((max < 0 || rows.size() < max) && (r = source.next()) != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    private Object result(Object[] row, List<Object[]> rows) {
        switch (kind) {
            case SCALAR:
                if (rows.size() > 1) {
                    throw DbException.of(SqlState.CARDINALITY_VIOLATION,
                            "more than one row returned by a subquery used as an expression");
                }
                return rows.isEmpty() ? null : rows.get(0)[0];
            case EXISTS:
                return !rows.isEmpty();
            case ANY: {
                Object value = left.eval(row);
                boolean unknown = false;
                for (Object[] r : rows) {
                    Boolean b = (Boolean) comparison.eval(new Object[] {value, r[0]});
                    if (Boolean.TRUE.equals(b)) {
                        return true;
                    }
                    unknown |= b == null;
                }
                return unknown ? null : false;
            }
            default: {
                Object value = left.eval(row);
                boolean unknown = false;
                for (Object[] r : rows) {
                    Boolean b = (Boolean) comparison.eval(new Object[] {value, r[0]});
                    if (Boolean.FALSE.equals(b)) {
                        return false;
                    }
                    unknown |= b == null;
                }
                return unknown ? null : true;
            }
        }
    }
}
