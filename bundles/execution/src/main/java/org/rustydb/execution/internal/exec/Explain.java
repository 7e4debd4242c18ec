package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.OuterRef;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.ExprText;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * EXPLAIN [ANALYZE]: the plan as PostgreSQL prints it, one node per line with its children below
 * ({@code ->}), node names as PostgreSQL's (Seq Scan, Index Scan, Hash Join, HashAggregate...).
 * With ANALYZE the query runs to the end and each node shows how many rows it returned, the time
 * to its first and last row (ms, inclusive of its children) and how often it was started.
 * Conditions, keys and sort orders are printed as PostgreSQL prints them ({@link ExprText}).
 */
public final class Explain {
    private final SessionContext session;
    private final Transaction txn;
    private final Map<PlanNode, Instrumented.Stats> stats;
    private final PlanExecutor executor;
    private final org.rustydb.execution.internal.plan.Estimates estimates;
    /** The names of each node's output columns, as conditions above it print them. */
    private final Map<PlanNode, List<PlanColumns.Name>> names = new IdentityHashMap<>();
    /** Whether columns are qualified by their table: when the plan reads more than one, as PostgreSQL does. */
    private boolean qualify;
    private SubPlans subPlans;
    /** Subqueries already shown (one used in two places is shown once). */
    private final java.util.Set<SubqueryExpr> shown = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Above zero while printing a subquery's plan, whose nodes run outside the instrumentation. */
    private int inSubquery;

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
        e.executor.analyseColumns(plan); // an index-only scan depends on the columns read
        List<String> out = new ArrayList<>();
        e.subPlans = SubPlans.of(plan);
        e.qualify = e.subPlans.relations() > 1;
        e.print(plan, 0, out, true, e.subPlans.initPlansOf(plan), List.of());
        if (analyze) {
            out.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", (System.nanoTime() - started) / 1e6));
        }
        return out;
    }

    /**
     * Prints {@code node} and its children; {@code inits} are the InitPlans of the plan tree it is
     * the root of, {@code carried} the SubPlans of the projections printed as part of it.
     */
    private void print(PlanNode node, int indent, List<String> out, boolean root, List<SubqueryExpr> inits,
                       List<SubqueryExpr> carried) {
        if (node instanceof PlanNode.Project p) {
            // PostgreSQL shows projections as part of their input
            print(p.input(), indent, out, root, inits, concat(carried, subPlans.subPlansOf(p)));
            return;
        }
        if (node instanceof PlanNode.Sort s && executor.deliversOrder(s.input())) {
            print(s.input(), indent, out, root, inits, carried); // an index scan gives the order: no sort runs
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
        printSubqueries(inits, detail, out);
        List<SubqueryExpr> used = concat(carried, subPlans.subPlansOf(node));
        if (node instanceof PlanNode.IndexJoin j) {
            print(j.left(), childIndent, out, false, List.of(), List.of());
            printLookup(j, childIndent, out);
            printSubqueries(concat(used, subPlans.subPlansOf(j.right())), detail, out);
            return;
        }
        if (node instanceof PlanNode.SetOp op) {
            printSetOpInputs(op, childIndent, out);
            printSubqueries(used, detail, out);
            return;
        }
        for (PlanNode child : children(node)) {
            PlanNode built = node instanceof PlanNode.Join j && !j.leftKeys().isEmpty() && !j.merge()
                    ? (executor.buildsLeft(j) ? j.left() : j.right()) : null;
            if (child == built) {
                out.add(" ".repeat(childIndent) + "->  Hash");
                print(child, childIndent + 6, out, false, List.of(), List.of());
            } else {
                print(child, childIndent, out, false, List.of(), List.of());
            }
        }
        printSubqueries(used, detail, out);
    }

    /**
     * The inputs of UNION, INTERSECT or EXCEPT as PostgreSQL shows them: under an Append line, a
     * UNION's nested unions flattened into it (their duplicates go in this node anyway), and the two
     * sides of INTERSECT and EXCEPT as subquery scans named "*SELECT* 1" and "*SELECT* 2".
     */
    private void printSetOpInputs(PlanNode.SetOp op, int indent, List<String> out) {
        List<PlanNode> inputs = new ArrayList<>();
        if (op.kind() == PlanNode.SetOpKind.UNION && op.all()) { // the node is the Append itself
            unionInputs(op, true, inputs);
            for (PlanNode input : inputs) {
                print(input, indent, out, false, List.of(), List.of());
            }
            return;
        }
        if (op.kind() == PlanNode.SetOpKind.UNION) {
            unionInputs(op, false, inputs);
        } else {
            inputs.add(op.left());
            inputs.add(op.right());
        }
        double rows = 0;
        for (PlanNode input : inputs) {
            rows += estimates.rows(input);
        }
        out.add(" ".repeat(indent) + "->  Append  (rows=" + (long) rows + ")");
        for (int i = 0; i < inputs.size(); i++) {
            if (op.kind() == PlanNode.SetOpKind.UNION) {
                print(inputs.get(i), indent + 6, out, false, List.of(), List.of());
            } else {
                out.add(" ".repeat(indent + 6) + "->  Subquery Scan on \"*SELECT* " + (i + 1) + "\"  (rows="
                        + (long) estimates.rows(inputs.get(i)) + ")");
                print(inputs.get(i), indent + 12, out, false, List.of(), List.of());
            }
        }
    }

    /** The inputs of nested unions; under UNION ALL only UNION ALL nests flatten (a UNION's dedup stays). */
    private static void unionInputs(PlanNode node, boolean all, List<PlanNode> inputs) {
        if (node instanceof PlanNode.SetOp op && op.kind() == PlanNode.SetOpKind.UNION && (op.all() || !all)) {
            unionInputs(op.left(), all, inputs);
            unionInputs(op.right(), all, inputs);
        } else {
            inputs.add(node);
        }
    }

    /** InitPlans or SubPlans, each as PostgreSQL shows them: its name, then its plan below it. */
    private void printSubqueries(List<SubqueryExpr> subqueries, int indent, List<String> out) {
        for (SubqueryExpr s : subqueries) {
            if (!shown.add(s)) {
                continue;
            }
            SubPlans.Entry entry = subPlans.entry(s);
            out.add(" ".repeat(indent) + (entry.init() ? "InitPlan " + entry.number() + " (returns $" + entry.param()
                    + ")" : "SubPlan " + entry.number()));
            inSubquery++;
            print(s.plan(), indent + 2, out, false, subPlans.initPlansOf(s.plan()), List.of());
            inSubquery--;
        }
    }

    private static List<SubqueryExpr> concat(List<SubqueryExpr> a, List<SubqueryExpr> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        List<SubqueryExpr> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The inner scan of an index nested loop: the index it looks each outer row's key up in. */
    private void printLookup(PlanNode.IndexJoin j, int indent, List<String> out) {
        PlanNode.Scan s = j.right();
        String alias = s.alias() != null && !s.alias().equals(s.table().definition().name()) ? " " + s.alias() : "";
        out.add(" ".repeat(indent) + "->  Index Scan using " + j.index().definition().name() + " on "
                + s.table().definition().name() + alias + "  (rows=" + (long) estimates.rows(s) + ")" + actual(s));
        String pad = " ".repeat(indent + 6);
        List<String> scanColumns = scanNames(s);
        out.add(pad + "Index Cond: " + conjunction(IndexSelection.terms(j.lookup()), scanColumns));
        List<BoundExpr> rest = new ArrayList<>(IndexSelection.terms(s.filter()));
        rest.removeIf(t -> IndexSelection.terms(j.lookup()).stream().anyMatch(l -> l == t));
        if (!rest.isEmpty()) {
            out.add(pad + "Filter: " + conjunction(rest, scanColumns));
            removed(s, pad, out);
        }
    }

    private String actual(PlanNode node) {
        if (stats == null || inSubquery > 0) {
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
        if (node instanceof PlanNode.CatalogScan c) {
            String alias = c.alias() != null && !c.alias().equals(c.table().name()) ? " " + c.alias() : "";
            return "Seq Scan on " + c.table().name() + alias;
        }
        if (node instanceof PlanNode.Series s) {
            return "Function Scan on generate_series" + (s.alias().equals("generate_series") ? "" : " " + s.alias());
        }
        if (node instanceof PlanNode.Values) {
            return "Values Scan on \"*VALUES*\"";
        }
        if (node instanceof PlanNode.Filter) {
            return "Result";
        }
        if (node instanceof PlanNode.Join j) {
            if (!j.leftKeys().isEmpty()) {
                return (j.merge() ? "Merge " : "Hash ") + j.kind().label() + "Join";
            }
            return j.kind() == JoinKind.INNER ? "Nested Loop" : "Nested Loop " + j.kind().label() + "Join";
        }
        if (node instanceof PlanNode.LateralJoin j) {
            return j.kind() == JoinKind.LEFT ? "Nested Loop Left Join" : "Nested Loop";
        }
        if (node instanceof PlanNode.IndexJoin) {
            return "Nested Loop";
        }
        if (node instanceof PlanNode.Aggregate a) {
            return a.groupingSets() != null ? "MixedAggregate" : a.keys().isEmpty() ? "Aggregate" : "HashAggregate";
        }
        if (node instanceof PlanNode.Sort) {
            return "Sort";
        }
        if (node instanceof PlanNode.ProjectSet) {
            return "ProjectSet";
        }
        if (node instanceof PlanNode.Window) {
            return "WindowAgg";
        }
        if (node instanceof PlanNode.Limit) {
            return "Limit";
        }
        if (node instanceof PlanNode.Distinct u) {
            return u.input() instanceof PlanNode.Sort ? "Unique" : "HashAggregate";
        }
        if (node instanceof PlanNode.SetOp s) {
            return switch (s.kind()) {
                case UNION -> s.all() ? "Append" : "HashAggregate";
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

    private List<String> details(PlanNode node) {
        List<String> d = new ArrayList<>();
        if (node instanceof PlanNode.Scan s && s.filter() != null) {
            // a scan's own conditions name its columns without the table, as PostgreSQL does
            List<String> columns = scanNames(s);
            List<BoundExpr> indexed = IndexSelection.indexTerms(executor.pathOf(s), s.filter());
            List<BoundExpr> rest = new ArrayList<>(IndexSelection.terms(s.filter()));
            rest.removeIf(t -> indexed.stream().anyMatch(i -> i == t));
            if (!indexed.isEmpty()) {
                d.add("Index Cond: " + conjunction(indexed, columns));
            }
            if (!rest.isEmpty()) {
                d.add("Filter: " + conjunction(rest, columns));
                removed(s, "", d);
            }
        }
        if (node instanceof PlanNode.Scan s && stats != null && inSubquery == 0 && executor.pathOf(s).indexOnly()) {
            Instrumented.Stats st = stats.get(s);
            // a total over all loops, as PostgreSQL counts it
            d.add("Heap Fetches: " + (st == null ? 0 : st.heapFetches));
        }
        if (node instanceof PlanNode.Filter f) {
            List<PlanColumns.Name> columns = columns(f.input());
            boolean[] reads = new boolean[3]; // a column of the row, an InitPlan, anything else unknown
            String condition = ExprText.of(f.condition(), i -> {
                reads[0] = true;
                return i < columns.size() ? columns.get(i).text() : "?column?";
            }, e -> {
                String t = other(e);
                reads[e instanceof SubqueryExpr s && subPlans.entry(s) != null && subPlans.entry(s).init() ? 1 : 2] = true;
                return t;
            });
            // a condition on InitPlans alone is decided once, as PostgreSQL's gating Result does
            boolean oneTime = f.input() instanceof PlanNode.Result || reads[1] && !reads[0] && !reads[2];
            d.add((oneTime ? "One-Time Filter" : "Filter") + ": " + condition);
            if (stats != null && stats.get(f) != null && stats.get(f.input()) != null) {
                removedRows(stats.get(f.input()).rows - stats.get(f).rows, stats.get(f).loops, "", d);
            }
        }
        if (node instanceof PlanNode.Join j) {
            if (!j.leftKeys().isEmpty()) {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < j.leftKeys().size(); i++) {
                    keys.add("(" + text(j.leftKeys().get(i), j.left()) + " = " + text(j.rightKeys().get(i), j.right())
                            + ")");
                }
                d.add((j.merge() ? "Merge Cond: " : "Hash Cond: ")
                        + (keys.size() == 1 ? keys.get(0) : "(" + String.join(" AND ", keys) + ")"));
            }
            if (j.residual() != null) {
                d.add("Join Filter: " + text(j.residual(), node));
            }
        }
        if (node instanceof PlanNode.LateralJoin j && j.condition() != null) {
            d.add("Join Filter: " + text(j.condition(), node));
        }
        if (node instanceof PlanNode.IndexJoin j && j.residual() != null) {
            d.add("Join Filter: " + text(j.residual(), node));
        }
        if (node instanceof PlanNode.Aggregate a && !a.keys().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (BoundExpr k : a.keys()) {
                String t = text(k, a.input());
                keys.add(ExprText.isSimple(k) || t.startsWith("(") ? t : "(" + t + ")");
            }
            d.add("Group Key: " + String.join(", ", keys));
        }
        if (node instanceof PlanNode.SetOp op && op.kind() == PlanNode.SetOpKind.UNION && !op.all()) {
            List<String> keys = new ArrayList<>();
            for (PlanColumns.Name n : columns(op.left())) {
                keys.add(n.simple() ? n.text() : "(" + n.text() + ")"); // PostgreSQL wraps the branch's expression again
            }
            d.add("Group Key: " + String.join(", ", keys));
        }
        if (node instanceof PlanNode.Distinct u && !(u.input() instanceof PlanNode.Sort)) {
            List<PlanColumns.Name> input = columns(u.input());
            List<String> keys = new ArrayList<>();
            for (int c : u.keyColumns()) {
                PlanColumns.Name n = c < input.size() ? input.get(c) : PlanColumns.Name.UNKNOWN;
                keys.add(n.simple() || n.text().startsWith("(") ? n.text() : "(" + n.text() + ")");
            }
            d.add("Group Key: " + String.join(", ", keys));
        }
        if (node instanceof PlanNode.Sort s) {
            List<PlanColumns.Name> input = columns(s.input());
            List<String> keys = new ArrayList<>();
            for (SortKey k : s.keys()) {
                PlanColumns.Name n = k.column() < input.size() ? input.get(k.column()) : PlanColumns.Name.UNKNOWN;
                String key = n.simple() ? n.text() : "(" + n.text() + ")";
                if (k.descending()) {
                    key += " DESC";
                }
                if (k.nullsFirst() != k.descending()) {
                    key += k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST";
                }
                keys.add(key);
            }
            d.add("Sort Key: " + String.join(", ", keys));
        }
        return d;
    }

    /**
     * Subqueries as SubPlans and InitPlans, and their outer references by the names of the row the
     * subquery is evaluated on (qualified, as PostgreSQL names a subquery's outer columns).
     */
    private String other(BoundExpr e) {
        if (e instanceof OuterRef o) {
            PlanNode row = subPlans.outerRow(o.cell());
            if (row == null) {
                return null;
            }
            List<String> outer;
            if (row instanceof PlanNode.Scan s) {
                String table = s.alias() != null ? s.alias() : s.table().definition().name();
                outer = scanNames(s).stream().map(c -> table + "." + c).toList();
            } else {
                boolean joined = row instanceof PlanNode.Join || row instanceof PlanNode.LateralJoin
                        || row instanceof PlanNode.IndexJoin || children(row).isEmpty();
                outer = columns(joined ? row : children(row).get(0)).stream().map(PlanColumns.Name::text).toList();
            }
            return o.index() < outer.size() ? outer.get(o.index()) : null;
        }
        return subPlans.text(e);
    }

    private List<PlanColumns.Name> columns(PlanNode node) {
        return PlanColumns.of(node, qualify, names, this::other);
    }

    /** An expression over the rows of {@code input}. */
    private String text(BoundExpr e, PlanNode input) {
        List<PlanColumns.Name> columns = columns(input);
        return ExprText.of(e, i -> i < columns.size() ? columns.get(i).text() : "?column?", this::other);
    }

    private static List<String> scanNames(PlanNode.Scan s) {
        return s.table().definition().columns().stream().map(c -> c.name()).toList();
    }

    /** Terms joined by AND as PostgreSQL prints an implicit AND list: one alone, else in parentheses. */
    private String conjunction(List<BoundExpr> terms, List<String> columns) {
        if (terms.size() == 1) {
            return scanText(terms.get(0), columns);
        }
        List<String> parts = new ArrayList<>();
        terms.forEach(t -> parts.add(scanText(t, columns)));
        return "(" + String.join(" AND ", parts) + ")";
    }

    private String scanText(BoundExpr e, List<String> columns) {
        return ExprText.of(e, i -> i < columns.size() ? columns.get(i) : "?column?", this::other);
    }

    /** With ANALYZE, the rows a scan's filter removed (per loop, as PostgreSQL counts them). */
    private void removed(PlanNode.Scan s, String pad, List<String> out) {
        Instrumented.Stats st = stats == null ? null : stats.get(s);
        if (st != null) {
            removedRows(st.read - st.rows, st.loops, pad, out);
        }
    }

    private static void removedRows(long removed, long loops, String pad, List<String> out) {
        if (removed > 0 && loops > 0) {
            out.add(pad + "Rows Removed by Filter: " + Math.round((double) removed / loops));
        }
    }

    private static List<PlanNode> children(PlanNode node) {
        return PlanColumns.children(node);
    }
}
