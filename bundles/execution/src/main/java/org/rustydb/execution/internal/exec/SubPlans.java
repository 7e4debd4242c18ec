package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.RowCell;
import org.rustydb.execution.internal.plan.AggregateCall;
import org.rustydb.execution.internal.plan.ExprText;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.WindowCall;

/**
 * The subqueries of a plan as EXPLAIN names them, after PostgreSQL: an uncorrelated scalar or
 * EXISTS subquery runs once and is an {@code InitPlan n (returns $k)}, read as {@code $k} and shown
 * under the root of the plan that uses it; any other is a {@code SubPlan n}, read as
 * {@code (SubPlan n)} ({@code (hashed SubPlan n)} when its values are looked up in a hash set) and
 * shown under the node whose expression uses it. Subqueries nested in a subquery are numbered
 * before it, as PostgreSQL plans them first.
 */
final class SubPlans {
    /** A subquery's number, and the parameter an InitPlan returns (-1 for a SubPlan). */
    record Entry(int number, int param) {
        boolean init() {
            return param >= 0;
        }
    }

    private final Map<SubqueryExpr, Entry> entries = new IdentityHashMap<>();
    /** The subqueries each node's own expressions use, in order of first use. */
    private final Map<PlanNode, List<SubqueryExpr>> byNode = new IdentityHashMap<>();
    /** The InitPlans of each plan tree (the statement's or a subquery's), by the tree's root. */
    private final Map<PlanNode, List<SubqueryExpr>> initsByRoot = new IdentityHashMap<>();
    /** For the cell of each subquery's outer row: the node whose row goes to it. */
    private final Map<RowCell, PlanNode> outerRows = new IdentityHashMap<>();
    private int numbers;
    private int params;
    private int relations;

    private SubPlans() {
    }

    /** The subqueries of {@code plan}, numbered. */
    static SubPlans of(PlanNode plan) {
        SubPlans s = new SubPlans();
        s.relations = PlanColumns.relations(plan);
        s.discover(plan);
        return s;
    }

    /** How many relations the plan reads, its subqueries' included, as PostgreSQL's range table counts them. */
    int relations() {
        return relations;
    }

    /** The text of a subquery used as an expression, or null for any other unknown form. */
    String text(BoundExpr e) {
        Entry entry = e instanceof SubqueryExpr s ? entries.get(s) : null;
        if (entry == null) {
            return null;
        }
        if (entry.init()) {
            return "$" + entry.param();
        }
        return "(" + (((SubqueryExpr) e).hashed() ? "hashed " : "") + "SubPlan " + entry.number() + ")";
    }

    Entry entry(SubqueryExpr s) {
        return entries.get(s);
    }

    /** The node on whose rows the subqueries with this outer cell are evaluated, or null. */
    PlanNode outerRow(RowCell cell) {
        return outerRows.get(cell);
    }

    /** The SubPlans (not InitPlans) that {@code node}'s own expressions use. */
    List<SubqueryExpr> subPlansOf(PlanNode node) {
        return byNode.getOrDefault(node, List.of()).stream().filter(s -> !entries.get(s).init()).toList();
    }

    /** The InitPlans of the plan tree whose root is {@code root}. */
    List<SubqueryExpr> initPlansOf(PlanNode root) {
        return initsByRoot.getOrDefault(root, List.of());
    }

    private void discover(PlanNode root) {
        List<SubqueryExpr> inits = new ArrayList<>();
        initsByRoot.put(root, inits);
        walk(root, root, inits);
    }

    private void walk(PlanNode node, PlanNode root, List<SubqueryExpr> inits) {
        List<SubqueryExpr> used = new ArrayList<>();
        // the expressions are written out to find the subqueries in them, as EXPLAIN will show them
        Function<BoundExpr, String> finder = e -> {
            if (e instanceof SubqueryExpr s) {
                if (!entries.containsKey(s)) {
                    relations += PlanColumns.relations(s.plan());
                    discover(s.plan());
                    boolean init = !s.correlated()
                            && (s.kind() == SubqueryExpr.Kind.SCALAR || s.kind() == SubqueryExpr.Kind.EXISTS);
                    entries.put(s, new Entry(++numbers, init ? params++ : -1));
                    if (init) {
                        inits.add(s);
                    }
                }
                outerRows.putIfAbsent(s.cell(), node);
                if (!used.contains(s)) {
                    used.add(s);
                }
            }
            return null;
        };
        for (BoundExpr e : expressions(node)) {
            if (e != null) {
                ExprText.of(e, i -> "", finder);
            }
        }
        if (!used.isEmpty()) {
            byNode.put(node, used);
        }
        for (PlanNode child : PlanColumns.children(node)) {
            walk(child, root, inits);
        }
    }

    /** The expressions a node evaluates itself (not those of its children). */
    private static List<BoundExpr> expressions(PlanNode node) {
        List<BoundExpr> out = new ArrayList<>();
        if (node instanceof PlanNode.Scan s) {
            out.add(s.filter());
        } else if (node instanceof PlanNode.Series s) {
            out.addAll(java.util.Arrays.asList(s.start(), s.stop(), s.step()));
        } else if (node instanceof PlanNode.Values v) {
            v.rows().forEach(out::addAll);
        } else if (node instanceof PlanNode.Filter f) {
            out.add(f.condition());
        } else if (node instanceof PlanNode.Project p) {
            out.addAll(p.exprs());
        } else if (node instanceof PlanNode.Join j) {
            out.addAll(j.leftKeys());
            out.addAll(j.rightKeys());
            out.add(j.residual());
        } else if (node instanceof PlanNode.LateralJoin j) {
            out.add(j.condition());
        } else if (node instanceof PlanNode.IndexJoin j) {
            out.addAll(j.outerKeys());
            out.add(j.residual());
        } else if (node instanceof PlanNode.Aggregate a) {
            out.addAll(a.keys());
            for (AggregateCall c : a.calls()) {
                out.addAll(c.args());
                out.add(c.filter());
            }
        } else if (node instanceof PlanNode.ProjectSet p) {
            p.calls().forEach(c -> out.addAll(c.args()));
        } else if (node instanceof PlanNode.Window w) {
            for (WindowCall c : w.calls()) {
                out.addAll(c.args());
                out.add(c.filter());
                out.addAll(c.partition());
            }
        } else if (node instanceof PlanNode.Limit l) {
            out.add(l.limit());
            out.add(l.offset());
        }
        return out;
    }
}
