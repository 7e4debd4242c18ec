package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.Estimates;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.JoinOrder;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.txn.Transaction;

/**
 * Builds merge joins: which keys a merge join can take, what putting an input in key order costs,
 * and the inputs wrapped in the sorts on their keys (a scan that can read an index in key order is
 * told that order; the executor then leaves its sort out).
 */
final class MergeJoins {
    /**
     * Key types whose order is a total order consistent with the join's equality (floating point
     * has NaN and -0, char(n) its padding, json no order at all).
     */
    private static final Set<SqlType> ORDERED = EnumSet.of(SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.INTEGER,
            SqlType.BIGINT, SqlType.TEXT, SqlType.VARCHAR, SqlType.NUMERIC, SqlType.DATE, SqlType.TIME,
            SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.UUID);

    private final SessionContext session;
    private final Transaction txn;
    private final Estimates estimates;
    private final double workMem;

    MergeJoins(SessionContext session, Transaction txn) {
        this.session = session;
        this.txn = txn;
        this.estimates = new Estimates(session.storage());
        this.workMem = Settings.workMemBytes(session);
    }

    double workMem() {
        return workMem;
    }

    /** Whether a merge join can join on these keys: plain columns of the same orderable type. */
    static boolean mergeable(List<BoundExpr> leftKeys, List<BoundExpr> rightKeys) {
        if (leftKeys.isEmpty()) {
            return false;
        }
        for (int i = 0; i < leftKeys.size(); i++) {
            if (!(leftKeys.get(i) instanceof ColumnRef l) || !(rightKeys.get(i) instanceof ColumnRef r)
                    || l.dataType().type() != r.dataType().type() || !ORDERED.contains(l.dataType().type())) {
                return false;
            }
        }
        return true;
    }

    /** About the memory a row of these types takes, as {@code exec.spill.RowSizes} counts it. */
    static double rowBytes(List<DataType> types) {
        double bytes = 16;
        for (DataType t : types) {
            bytes += 4 + switch (t.type()) {
                case BOOLEAN -> 0;
                case TEXT, VARCHAR, CHAR, BYTEA, JSON, JSONB -> 56;
                case NUMERIC -> 40;
                case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> 16;
                default -> 32;
            };
        }
        return bytes;
    }

    /**
     * The order an index scan of {@code input} in the order of {@code keys} would give, or null
     * when the input is not a plain table scan or no index has the keys as its leading columns.
     */
    private AccessPath indexOrder(PlanNode input, List<BoundExpr> keys) {
        if (!(input instanceof PlanNode.Scan scan) || scan.locking() != null || !scan.order().isEmpty()) {
            return null;
        }
        List<IndexHandle> indexes = session.storage().indexes(txn, scan.table());
        AccessPath path = IndexSelection.choose(scan.table(), indexes, scan.filter(), orderOf(keys));
        return path.ordered() ? path : null;
    }

    private static List<IndexSelection.OrderColumn> orderOf(List<BoundExpr> keys) {
        List<IndexSelection.OrderColumn> order = new ArrayList<>();
        for (BoundExpr k : keys) {
            order.add(new IndexSelection.OrderColumn(((ColumnRef) k).index(), false));
        }
        return order;
    }

    /** Whether reading the input in key order through an index beats sorting it. */
    private boolean readsInIndexOrder(PlanNode input, List<BoundExpr> keys) {
        AccessPath path = indexOrder(input, keys);
        if (path == null) {
            return false;
        }
        return orderCost(input, path) <= sortCost(input);
    }

    private double sortCost(PlanNode input) {
        return JoinOrder.sortCost(estimates.rows(input), rowBytes(input.types()), workMem);
    }

    /** What reading a scan along this ordered path costs beyond its own access path. */
    private double orderCost(PlanNode input, AccessPath path) {
        // a range scan already reads the index: the order comes free; a whole index does not
        return path.range().equals(KeyRange.ALL) ? estimates.tableRows((PlanNode.Scan) input) * JoinOrder.INDEX_ORDER
                : 0;
    }

    /** The cheaper of sorting the input and reading it in key order through an index. */
    double orderCost(PlanNode input, List<BoundExpr> keys) {
        AccessPath path = indexOrder(input, keys);
        double sort = sortCost(input);
        return path == null ? sort : Math.min(sort, orderCost(input, path));
    }

    /** The input in key order: a sort on the keys, over a scan told that order when an index gives it cheaper. */
    PlanNode sorted(PlanNode input, List<BoundExpr> keys) {
        if (readsInIndexOrder(input, keys)) {
            PlanNode.Scan s = (PlanNode.Scan) input;
            input = new PlanNode.Scan(s.table(), s.alias(), s.filter(), orderOf(keys), s.locking());
        }
        List<SortKey> sortKeys = new ArrayList<>();
        for (BoundExpr k : keys) {
            sortKeys.add(new SortKey(((ColumnRef) k).index(), false, false));
        }
        return new PlanNode.Sort(input, sortKeys);
    }

    /** A merge join of the two inputs on the keys, each input sorted on its keys. */
    PlanNode join(JoinKind kind, PlanNode left, PlanNode right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                  BoundExpr residual) {
        return new PlanNode.Join(kind, sorted(left, leftKeys), sorted(right, rightKeys), leftKeys, rightKeys,
                residual, true);
    }

    /**
     * Whether an outer join (whose hash join must build on its right input) costs less as a merge
     * join; false when the keys do not allow one.
     */
    boolean mergeCheaper(PlanNode left, PlanNode right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys) {
        if (!mergeable(leftKeys, rightKeys)) {
            return false;
        }
        double l = estimates.rows(left);
        double r = estimates.rows(right);
        double hash = JoinOrder.hashCost(r, rowBytes(right.types()), l, workMem);
        double merge = JoinOrder.mergeCost(l, orderCost(left, leftKeys), r, orderCost(right, rightKeys));
        return merge < hash;
    }
}
