package org.rustydb.execution.internal.plan;

import java.util.List;
import java.util.Optional;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.InList;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.spi.storage.StorageEngine;

/**
 * Row count estimates of plan nodes, from ANALYZE's statistics where there are some and
 * PostgreSQL's default selectivities where not (equality 0.005, other conditions 1/3, a table
 * never analyzed 1000 rows). They order comma joins and show in EXPLAIN.
 */
public final class Estimates {
    static final double DEFAULT_EQ = 0.005;
    static final double DEFAULT_INEQ = 1.0 / 3;
    static final double UNANALYZED_ROWS = 1000;
    /** System catalogs are small: their scans are estimated at this many rows. */
    static final double CATALOG_ROWS = 100;

    private final StorageEngine storage;

    public Estimates(StorageEngine storage) {
        this.storage = storage;
    }

    public double rows(PlanNode node) {
        if (node instanceof PlanNode.Result) {
            return 1;
        }
        if (node instanceof PlanNode.Scan s) {
            Optional<TableStats> stats = Statistics.get(storage, s.table());
            double rows = stats.map(TableStats::rows).map(Long::doubleValue).orElse(UNANALYZED_ROWS);
            return clamp(rows * selectivity(s.filter(), stats.orElse(null)));
        }
        if (node instanceof PlanNode.Values v) {
            return v.rows().size();
        }
        if (node instanceof PlanNode.CatalogScan) {
            return CATALOG_ROWS;
        }
        if (node instanceof PlanNode.Series s) {
            if (s.start() instanceof Literal a && s.stop() instanceof Literal b && a.value() instanceof Number x
                    && b.value() instanceof Number y) {
                long step = s.step() instanceof Literal c && c.value() instanceof Number z ? z.longValue() : 1;
                return Math.max(0, (y.doubleValue() - x.doubleValue()) / (step == 0 ? 1 : step) + 1);
            }
            return UNANALYZED_ROWS;
        }
        if (node instanceof PlanNode.Filter f) {
            return clamp(rows(f.input()) * selectivity(f.condition(), null));
        }
        if (node instanceof PlanNode.Project p) {
            return rows(p.input());
        }
        if (node instanceof PlanNode.Join j) {
            return join(j);
        }
        if (node instanceof PlanNode.Aggregate a) {
            return aggregate(a);
        }
        if (node instanceof PlanNode.LateralJoin j) {
            return clamp(rows(j.left()) * rows(j.right()));
        }
        if (node instanceof PlanNode.IndexJoin j) {
            // the right scan's estimate is per left row: its filter compares with the left row's keys
            return clamp(rows(j.left()) * rows(j.right()) * (j.residual() == null ? 1 : DEFAULT_INEQ));
        }
        if (node instanceof PlanNode.ProjectSet p) {
            return clamp(rows(p.input()) * 10); // PostgreSQL's default guess is 1000 rows per call
        }
        if (node instanceof PlanNode.Window w) {
            return rows(w.input());
        }
        if (node instanceof PlanNode.Sort s) {
            return rows(s.input());
        }
        if (node instanceof PlanNode.Limit l) {
            double input = rows(l.input());
            return l.limit() instanceof Literal lit && lit.value() instanceof Number n ? Math.min(input, n.doubleValue())
                    : input;
        }
        if (node instanceof PlanNode.Distinct d) {
            return rows(d.input());
        }
        if (node instanceof PlanNode.SetOp s) {
            return switch (s.kind()) {
                case UNION -> rows(s.left()) + rows(s.right());
                case INTERSECT -> Math.min(rows(s.left()), rows(s.right()));
                case EXCEPT -> rows(s.left());
            };
        }
        if (node instanceof PlanNode.RecursiveUnion r) {
            return rows(r.anchor()) * 10;
        }
        return 100;
    }

    private static double clamp(double rows) {
        return Math.max(1, Math.rint(rows));
    }

    /** The rows of a scan's table: from its statistics, or the default for a table never analyzed. */
    public double tableRows(PlanNode.Scan s) {
        return Statistics.get(storage, s.table()).map(TableStats::rows).map(Long::doubleValue).orElse(UNANALYZED_ROWS);
    }

    /**
     * The number of distinct values of {@code key} over the rows of {@code node}, when the key is a
     * column of an analyzed table (found through filters and joins), at most the node's rows; else
     * the node's rows, as if the key were unique.
     */
    public double distinct(PlanNode node, BoundExpr key) {
        double rows = rows(node);
        if (!(key instanceof ColumnRef ref)) {
            return rows;
        }
        int column = ref.index();
        PlanNode at = node;
        while (true) {
            if (at instanceof PlanNode.Filter f) {
                at = f.input();
            } else if (at instanceof PlanNode.Sort s) {
                at = s.input();
            } else if (at instanceof PlanNode.Join j && j.kind() != JoinKind.SEMI && j.kind() != JoinKind.ANTI) {
                int leftWidth = j.left().width();
                at = column < leftWidth ? j.left() : j.right();
                column = column < leftWidth ? column : column - leftWidth;
            } else {
                break;
            }
        }
        if (at instanceof PlanNode.Scan s) {
            Optional<TableStats> stats = Statistics.get(storage, s.table());
            if (stats.isPresent() && column < stats.get().columns().size()) {
                return Math.max(1, Math.min(rows, stats.get().columns().get(column).distinct()));
            }
        }
        return rows;
    }

    private double join(PlanNode.Join j) {
        double l = rows(j.left());
        double r = rows(j.right());
        // an equality keeps 1 / max(ndv(left key), ndv(right key)) of the pairs; the most selective key counts
        double ndv = 1;
        for (int i = 0; i < j.leftKeys().size(); i++) {
            ndv = Math.max(ndv, Math.max(distinct(j.left(), j.leftKeys().get(i)),
                    distinct(j.right(), j.rightKeys().get(i))));
        }
        double inner = j.leftKeys().isEmpty() ? l * r : l * r / ndv;
        if (j.residual() != null) {
            inner *= DEFAULT_INEQ;
        }
        return clamp(switch (j.kind()) {
            case INNER -> inner;
            case LEFT -> Math.max(inner, l);
            case RIGHT -> Math.max(inner, r);
            case FULL -> Math.max(inner, Math.max(l, r));
            case SEMI, ANTI -> l * 0.5;
        });
    }

    private double aggregate(PlanNode.Aggregate a) {
        double input = rows(a.input());
        if (a.keys().isEmpty()) {
            return 1;
        }
        PlanNode below = a.input();
        while (below instanceof PlanNode.Filter f) {
            below = f.input();
        }
        double groups = 1;
        Optional<TableStats> stats = below instanceof PlanNode.Scan s ? Statistics.get(storage, s.table())
                : Optional.empty();
        for (BoundExpr key : a.keys()) {
            TableStats.ColumnStats column = stats.isPresent() ? column(key, stats.get()) : null;
            if (column != null) {
                // NULLs make one more group, as PostgreSQL counts them
                groups *= Math.max(1, column.distinct() + (column.nullFraction() > 0 ? 1 : 0));
            } else {
                groups *= Math.max(1, input / 10);
            }
        }
        return clamp(Math.min(groups, input));
    }

    /** The fraction of rows a condition keeps; {@code stats} describe the row's columns, or null. */
    double selectivity(BoundExpr condition, TableStats stats) {
        if (condition == null) {
            return 1;
        }
        if (condition instanceof Logic.Junction j) {
            boolean and = Boolean.FALSE.equals(j.decisive());
            double s = and ? 1 : 0;
            for (BoundExpr operand : j.operands()) {
                double o = selectivity(operand, stats);
                s = and ? s * o : s + o - s * o;
            }
            return s;
        }
        if (condition instanceof Logic.Not n) {
            return 1 - selectivity(n.operand(), stats);
        }
        if (condition instanceof Logic.IsNull n) {
            TableStats.ColumnStats c = column(n.operand(), stats);
            double s = c == null ? DEFAULT_EQ : c.nullFraction();
            return n.negated() ? 1 - s : s;
        }
        if (condition instanceof InList in) {
            double s = 0;
            for (BoundExpr item : in.items()) {
                s += equality(in.value(), item, stats);
            }
            s = Math.min(s, 1);
            return in.negated() ? 1 - s : s;
        }
        if (condition instanceof Comparison c) {
            return switch (c.op()) {
                case EQ -> equality(c.left(), c.right(), stats);
                case NE -> 1 - equality(c.left(), c.right(), stats);
                default -> range(c, stats);
            };
        }
        return DEFAULT_INEQ;
    }

    private static TableStats.ColumnStats column(BoundExpr e, TableStats stats) {
        return stats != null && e instanceof ColumnRef c && c.index() < stats.columns().size()
                ? stats.columns().get(c.index()) : null;
    }

    private double equality(BoundExpr left, BoundExpr right, TableStats stats) {
        BoundExpr col = left instanceof ColumnRef ? left : right;
        BoundExpr other = col == left ? right : left;
        TableStats.ColumnStats c = column(col, stats);
        if (c == null) {
            return DEFAULT_EQ;
        }
        double common = 0;
        for (double f : c.frequencies()) {
            common += f;
        }
        if (other instanceof Literal lit && lit.value() != null) {
            int at = c.mostCommon().indexOf(lit.value());
            if (at >= 0) {
                return c.frequencies()[at];
            }
        }
        double rest = Math.max(c.distinct() - c.mostCommon().size(), 1);
        return Math.max(0, 1 - common - c.nullFraction()) / rest;
    }

    /** col < v and the like: the share of the histogram below (or above) v. */
    private double range(Comparison cmp, TableStats stats) {
        boolean columnLeft = cmp.left() instanceof ColumnRef;
        TableStats.ColumnStats c = column(columnLeft ? cmp.left() : cmp.right(), stats);
        BoundExpr other = columnLeft ? cmp.right() : cmp.left();
        if (c == null || !(other instanceof Literal lit) || lit.value() == null || c.histogram().size() < 2) {
            return DEFAULT_INEQ;
        }
        List<Object> bounds = c.histogram();
        double below;
        try {
            int i = 0;
            while (i < bounds.size() && Comparisons.compare(bounds.get(i), lit.value()) < 0) {
                i++;
            }
            below = Math.min(1, Math.max(0, (i - 0.5) / (bounds.size() - 1)));
        } catch (RuntimeException incomparable) {
            return DEFAULT_INEQ;
        }
        boolean less = (cmp.op() == Comparison.Op.LT || cmp.op() == Comparison.Op.LE) == columnLeft;
        double common = 0;
        for (double f : c.frequencies()) {
            common += f;
        }
        double share = less ? below : 1 - below;
        return Math.max(0.0001, share * Math.max(0, 1 - common - c.nullFraction()));
    }
}
