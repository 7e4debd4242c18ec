package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.ScanColumns;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * Opens a {@link PlanNode} tree as pull-based operators. Scans pick their access path here (an
 * index range for their filter, or an index that delivers the order a sort above asks for, in
 * which case the sort is left out).
 */
public final class PlanExecutor {
    /** Up to this many rows, ORDER BY ... LIMIT keeps a heap of the best instead of sorting everything. */
    private static final long TOP_N_LIMIT = 100_000;

    private final SessionContext session;
    private final Transaction txn;
    private final Map<PlanNode.Scan, AccessPath> paths = new IdentityHashMap<>();
    /** EXPLAIN ANALYZE's counters per node, or null. */
    private final Map<PlanNode, Instrumented.Stats> stats;
    /** The columns each scan reads, shared with the executors of LATERAL and index-join reruns. */
    private final ScanColumns scanColumns;

    public PlanExecutor(SessionContext session, Transaction txn) {
        this(session, txn, null);
    }

    PlanExecutor(SessionContext session, Transaction txn, Map<PlanNode, Instrumented.Stats> stats) {
        this(session, txn, stats, new ScanColumns());
    }

    private PlanExecutor(SessionContext session, Transaction txn, Map<PlanNode, Instrumented.Stats> stats,
                         ScanColumns scanColumns) {
        this.session = session;
        this.txn = txn;
        this.stats = stats;
        this.scanColumns = scanColumns;
    }

    /** Opens the plan; the caller closes the source. */
    public static RowSource open(PlanNode plan, SessionContext session, Transaction txn) {
        return new PlanExecutor(session, txn).open(plan);
    }

    /**
     * Opens a plan whose scan columns were analysed before ({@link ScanColumns#of}), as a kept
     * plan's are once for all its runs; the caller closes the source.
     */
    public static RowSource open(PlanNode plan, ScanColumns analysed, SessionContext session, Transaction txn) {
        return new PlanExecutor(session, txn, null, analysed).open(plan);
    }

    public RowSource open(PlanNode node) {
        scanColumns.cover(node);
        RowSource source = openOperator(node);
        if (stats != null && !(node instanceof PlanNode.Project)) {
            source = new Instrumented(source, stats.computeIfAbsent(node, n -> new Instrumented.Stats()));
        }
        return source;
    }

    private RowSource openOperator(PlanNode node) {
        if (node instanceof PlanNode.Result) {
            return Operators.singleRow();
        }
        if (node instanceof PlanNode.Scan scan) {
            return openScan(scan);
        }
        if (node instanceof PlanNode.Values values) {
            return values(values);
        }
        if (node instanceof PlanNode.Series series) {
            return Series.open(series, session);
        }
        if (node instanceof PlanNode.CatalogScan c) {
            Iterator<Object[]> rows = c.table().rows()
                    .apply(new org.rustydb.execution.internal.catalog.CatalogReader(session, txn)).iterator();
            return new RowSource() {
                @Override
                public Object[] next() {
                    return rows.hasNext() ? rows.next() : null;
                }

                @Override
                public void close() {
                }
            };
        }
        if (node instanceof PlanNode.Filter f) {
            return Operators.filter(open(f.input()), f.condition());
        }
        if (node instanceof PlanNode.Project p) {
            return Operators.project(open(p.input()), p.exprs());
        }
        if (node instanceof PlanNode.Join j) {
            RowSource left = open(j.left());
            try {
                if (j.merge()) {
                    return new MergeJoin(j.kind(), left, open(j.right()), j.leftKeys(), j.rightKeys(), j.residual(),
                            j.left().width(), j.right().width(), session);
                }
                long workMem = org.rustydb.execution.internal.settings.Settings.workMemBytes(session);
                if (buildsLeft(j)) {
                    return Joins.buildingLeft(left, open(j.right()), j.leftKeys(), j.rightKeys(), j.residual(),
                            j.left().width(), j.right().width(), session).spillingPast(workMem);
                }
                return new Joins(j.kind(), left, open(j.right()), j.leftKeys(), j.rightKeys(), j.residual(),
                        j.left().width(), j.right().width(), session).spillingPast(workMem);
            } catch (RuntimeException e) {
                left.close();
                throw e;
            }
        }
        if (node instanceof PlanNode.LateralJoin j) {
            return new LateralJoin(j, open(j.left()), this);
        }
        if (node instanceof PlanNode.IndexJoin j) {
            return new IndexNestedLoop(j, open(j.left()), this);
        }
        if (node instanceof PlanNode.Aggregate a) {
            return new HashAggregate(open(a.input()), a.keys(), a.calls(), a.groupingSets(), session);
        }
        if (node instanceof PlanNode.ProjectSet p) {
            return new ProjectSetOperator(open(p.input()), p.calls(), session);
        }
        if (node instanceof PlanNode.Window w) {
            return new WindowOperator(open(w.input()), w.calls(), scanColumns.columnsOf(w), session);
        }
        if (node instanceof PlanNode.Sort s) {
            if (deliversOrder(s.input())) {
                return open(s.input());
            }
            return new Sort(open(s.input()), s.keys(), session);
        }
        if (node instanceof PlanNode.Limit l) {
            long limit = rowCount(l.limit(), SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, "LIMIT");
            long offset = rowCount(l.offset(), SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET");
            RowSource input;
            if (limit >= 0 && l.input() instanceof PlanNode.Sort s && !deliversOrder(s.input())
                    && limit + Math.max(offset, 0) < TOP_N_LIMIT) {
                input = new TopN(open(s.input()), s.keys(), limit + Math.max(offset, 0), session);
                if (stats != null) {
                    input = new Instrumented(input, stats.computeIfAbsent(s, n -> new Instrumented.Stats()));
                }
            } else {
                input = open(l.input());
            }
            return Operators.limit(input, Math.max(offset, 0), limit);
        }
        if (node instanceof PlanNode.Distinct d) {
            int[] columns = d.keyColumns().stream().mapToInt(Integer::intValue).toArray();
            // DISTINCT ON reads its input sorted on the ON columns first: equal keys come together
            return d.input() instanceof PlanNode.Sort ? SetOperations.unique(open(d.input()), columns)
                    : new HashDistinct(open(d.input()), columns, session);
        }
        if (node instanceof PlanNode.SetOp s) {
            RowSource left = open(s.left());
            try {
                return SetOperations.open(s.kind(), s.all(), left, open(s.right()), session);
            } catch (RuntimeException e) {
                left.close();
                throw e;
            }
        }
        if (node instanceof PlanNode.RecursiveUnion r) {
            return new RecursiveUnion(r, this, session);
        }
        if (node instanceof PlanNode.WorkTableScan w) {
            Iterator<Object[]> rows = new ArrayList<>(w.workTable().rows()).iterator();
            return new RowSource() {
                @Override
                public Object[] next() {
                    return rows.hasNext() ? rows.next() : null;
                }

                @Override
                public void close() {
                }
            };
        }
        throw new IllegalStateException("no operator for " + node.getClass().getSimpleName());
    }

    /**
     * An executor for one more run of a plan whose scans may read an outer row that changed
     * (LATERAL): access paths are chosen again; EXPLAIN ANALYZE's counters are shared.
     */
    PlanExecutor forNextRun() {
        return new PlanExecutor(session, txn, stats, scanColumns);
    }

    /** Whether an inner hash join builds on its left input, the smaller by the estimates. */
    public boolean buildsLeft(PlanNode.Join j) {
        if (j.kind() != org.rustydb.execution.internal.plan.JoinKind.INNER || j.leftKeys().isEmpty() || j.merge()) {
            return false;
        }
        org.rustydb.execution.internal.plan.Estimates e =
                new org.rustydb.execution.internal.plan.Estimates(session.storage());
        return e.rows(j.left()) < e.rows(j.right());
    }

    /** The access path of a scan, chosen once per execution. */
    public AccessPath pathOf(PlanNode.Scan scan) {
        return paths.computeIfAbsent(scan, s -> {
            List<IndexHandle> indexes = session.storage().indexes(txn, s.table());
            // a scan that locks rows needs them whole (and their ids from the table)
            java.util.BitSet needed = s.locking() == null ? scanColumns.neededOf(s) : null;
            return IndexSelection.choose(s.table(), indexes, s.filter(), s.order(), needed);
        });
    }

    /** Works out the columns each scan of the plan reads, which decide index-only scans (EXPLAIN without running). */
    void analyseColumns(PlanNode plan) {
        scanColumns.cover(plan);
    }

    private RowSource openScan(PlanNode.Scan scan) {
        TableScan table = new TableScan(session, txn, pathOf(scan), scanColumns.columnsOf(scan));
        if (scan.locking() != null) {
            return new LockingScan(table, scan.filter(), scan.locking(), session, txn, scan.table());
        }
        RowSource source = table;
        if (stats != null) {
            source = Instrumented.counting(table, stats.computeIfAbsent(scan, n -> new Instrumented.Stats()));
        }
        return scan.filter() == null ? source : Operators.filter(source, scan.filter());
    }

    /** Whether the rows already come in the order of a sort over this node (an ordered index scan). */
    boolean deliversOrder(PlanNode node) {
        while (node instanceof PlanNode.Project || node instanceof PlanNode.Filter) {
            node = node instanceof PlanNode.Project p ? p.input() : ((PlanNode.Filter) node).input();
        }
        return node instanceof PlanNode.Scan scan && !scan.order().isEmpty() && pathOf(scan).ordered();
    }

    private static RowSource values(PlanNode.Values values) {
        Iterator<List<BoundExpr>> rows = values.rows().iterator();
        Object[] empty = new Object[0];
        return new RowSource() {
            @Override
            public Object[] next() {
                if (!rows.hasNext()) {
                    return null;
                }
                List<BoundExpr> exprs = rows.next();
                Object[] row = new Object[exprs.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = exprs.get(i).eval(empty);
                }
                return row;
            }

            @Override
            public void close() {
            }
        };
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
