package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * EXPLAIN [ANALYZE]: the plan as PostgreSQL prints it, one node per line with its children below
 * ({@code ->}), node names as PostgreSQL's (Seq Scan, Index Scan, Hash Join, HashAggregate...).
 * With ANALYZE the query runs to the end and each node shows how many rows it returned, the time
 * to its first and last row (ms, inclusive of its children) and how often it was started.
 */
public final class Explain {
    private final SessionContext session;
    private final Transaction txn;
    private final Map<PlanNode, Instrumented.Stats> stats;
    private final PlanExecutor executor;
    private final org.rustydb.execution.internal.plan.Estimates estimates;

    private Explain(SessionContext session, Transaction txn, boolean analyze) {
        this.session = session;
        this.txn = txn;
        this.stats = analyze ? new IdentityHashMap<>() : null;
        this.executor = new PlanExecutor(session, txn, stats);
        this.estimates = new org.rustydb.execution.internal.plan.Estimates(session.storage());
    }

    /** The lines of EXPLAIN, after running the plan if {@code analyze}. */
    public static List<String> lines(PlanNode plan, SessionContext session, Transaction txn, boolean analyze) {
        Explain e = new Explain(session, txn, analyze);
        long started = System.nanoTime();
        if (analyze) {
            try (RowSource source = e.executor.open(plan)) {
                while (source.next() != null) {
                    // counted by the instrumentation
                }
            }
        }
        List<String> out = new ArrayList<>();
        e.print(plan, 0, out, true);
        if (analyze) {
            out.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", (System.nanoTime() - started) / 1e6));
        }
        return out;
    }

    private void print(PlanNode node, int indent, List<String> out, boolean root) {
        if (node instanceof PlanNode.Project p) {
            print(p.input(), indent, out, root); // PostgreSQL shows projections as part of their input
            return;
        }
        String prefix = root ? "" : " ".repeat(indent) + "->  ";
        int detail = root ? 2 : indent + 6;
        out.add(prefix + label(node) + "  (rows=" + (long) estimates.rows(node) + ")" + actual(node));
        for (String d : details(node)) {
            out.add(" ".repeat(detail) + d);
        }
        Instrumented.Stats s = stats == null ? null : stats.get(node);
        if (s != null && s.detail != null) {
            out.add(" ".repeat(detail) + s.detail);
        }
        int childIndent = root ? 2 : indent + 6;
        for (PlanNode child : children(node)) {
            PlanNode built = node instanceof PlanNode.Join j && !j.leftKeys().isEmpty()
                    ? (executor.buildsLeft(j) ? j.left() : j.right()) : null;
            if (child == built) {
                out.add(" ".repeat(childIndent) + "->  Hash");
                print(child, childIndent + 6, out, false);
            } else {
                print(child, childIndent, out, false);
            }
        }
    }

    private String actual(PlanNode node) {
        if (stats == null) {
            return "";
        }
        Instrumented.Stats s = stats.get(node);
        if (s == null || s.loops == 0) {
            return " (never executed)";
        }
        return String.format(Locale.ROOT, " (actual time=%.3f..%.3f rows=%d loops=%d)", s.firstNanos / 1e6 / s.loops,
                s.totalNanos / 1e6 / s.loops, s.rows / s.loops, s.loops);
    }

    private String label(PlanNode node) {
        if (node instanceof PlanNode.Result) {
            return "Result";
        }
        if (node instanceof PlanNode.Scan s) {
            AccessPath path = executor.pathOf(s);
            String alias = s.alias() != null && !s.alias().equals(s.table().definition().name()) ? " " + s.alias() : "";
            return path.describe() + alias + (s.locking() != null ? " (locking rows)" : "");
        }
        if (node instanceof PlanNode.Series) {
            return "Function Scan on generate_series";
        }
        if (node instanceof PlanNode.Values) {
            return "Values Scan on \"*VALUES*\"";
        }
        if (node instanceof PlanNode.Filter) {
            return "Result";
        }
        if (node instanceof PlanNode.Join j) {
            if (!j.leftKeys().isEmpty()) {
                return "Hash " + j.kind().label() + "Join";
            }
            return j.kind() == JoinKind.INNER ? "Nested Loop" : "Nested Loop " + j.kind().label() + "Join";
        }
        if (node instanceof PlanNode.LateralJoin j) {
            return j.kind() == JoinKind.LEFT ? "Nested Loop Left Join" : "Nested Loop";
        }
        if (node instanceof PlanNode.Aggregate a) {
            return a.groupingSets() != null ? "MixedAggregate" : a.keys().isEmpty() ? "Aggregate" : "HashAggregate";
        }
        if (node instanceof PlanNode.Sort) {
            return "Sort";
        }
        if (node instanceof PlanNode.Window) {
            return "WindowAgg";
        }
        if (node instanceof PlanNode.Limit) {
            return "Limit";
        }
        if (node instanceof PlanNode.Distinct) {
            return "Unique";
        }
        if (node instanceof PlanNode.SetOp s) {
            return switch (s.kind()) {
                case UNION -> s.all() ? "Append" : "HashAggregate (Append)";
                case INTERSECT -> "HashSetOp Intersect" + (s.all() ? " All" : "");
                case EXCEPT -> "HashSetOp Except" + (s.all() ? " All" : "");
            };
        }
        if (node instanceof PlanNode.RecursiveUnion) {
            return "Recursive Union";
        }
        if (node instanceof PlanNode.WorkTableScan w) {
            return "WorkTable Scan on " + w.workTable().name();
        }
        return node.getClass().getSimpleName();
    }

    private static List<String> details(PlanNode node) {
        List<String> d = new ArrayList<>();
        if (node instanceof PlanNode.Scan s && s.filter() != null) {
            d.add("Filter: (condition)");
        }
        if (node instanceof PlanNode.Filter f) {
            d.add((f.input() instanceof PlanNode.Result ? "One-Time Filter" : "Filter") + ": (condition)");
        }
        if (node instanceof PlanNode.Join j) {
            if (!j.leftKeys().isEmpty()) {
                d.add("Hash Cond: (" + j.leftKeys().size() + " key" + (j.leftKeys().size() > 1 ? "s" : "") + ")");
            }
            if (j.residual() != null) {
                d.add("Join Filter: (condition)");
            }
        }
        if (node instanceof PlanNode.Aggregate a && !a.keys().isEmpty()) {
            d.add("Group Key: " + a.keys().size() + " column" + (a.keys().size() > 1 ? "s" : ""));
        }
        if (node instanceof PlanNode.Sort s) {
            d.add("Sort Key: " + s.keys().size() + " column" + (s.keys().size() > 1 ? "s" : ""));
        }
        return d;
    }

    private static List<PlanNode> children(PlanNode node) {
        if (node instanceof PlanNode.Filter f) {
            return List.of(f.input());
        }
        if (node instanceof PlanNode.Join j) {
            return List.of(j.left(), j.right());
        }
        if (node instanceof PlanNode.Aggregate a) {
            return List.of(a.input());
        }
        if (node instanceof PlanNode.LateralJoin j) {
            return List.of(j.left(), j.right());
        }
        if (node instanceof PlanNode.Sort s) {
            return List.of(s.input());
        }
        if (node instanceof PlanNode.Window w) {
            return List.of(w.input());
        }
        if (node instanceof PlanNode.Limit l) {
            return List.of(l.input());
        }
        if (node instanceof PlanNode.Distinct d) {
            return List.of(d.input());
        }
        if (node instanceof PlanNode.SetOp s) {
            return List.of(s.left(), s.right());
        }
        if (node instanceof PlanNode.RecursiveUnion r) {
            return List.of(r.anchor(), r.recursive());
        }
        return List.of();
    }
}
