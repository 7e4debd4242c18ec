package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.plan.AggregateCall;
import org.rustydb.execution.internal.plan.ExprText;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.WindowCall;
import org.rustydb.spi.storage.ColumnDefinition;

/**
 * The names EXPLAIN gives the output columns of a plan node, for the conditions of the nodes
 * above it: a table's columns (as {@code alias.column} when the plan reads several relations),
 * or the text of the expression that computes the column (a group key, {@code count(*)}).
 */
final class PlanColumns {
    /** A column's name; {@code simple} when it needs no parentheses as a sort or group key. */
    record Name(String text, boolean simple) {
        static final Name UNKNOWN = new Name("?column?", true);
    }

    private PlanColumns() {
    }

    /** How many relations (tables, functions, VALUES) the plan reads. */
    static int relations(PlanNode node) {
        if (node instanceof PlanNode.Scan || node instanceof PlanNode.Series || node instanceof PlanNode.Values
                || node instanceof PlanNode.WorkTableScan || node instanceof PlanNode.CatalogScan) {
            return 1;
        }
        int n = 0;
        for (PlanNode child : children(node)) {
            n += relations(child);
        }
        return n;
    }

    /** The names of {@code node}'s columns; {@code others} writes subqueries (see {@link ExprText}). */
    static List<Name> of(PlanNode node, boolean qualify, Map<PlanNode, List<Name>> memo,
                         Function<BoundExpr, String> others) {
        List<Name> known = memo.get(node);
        if (known == null) {
            known = compute(node, qualify, memo, others);
            memo.put(node, known);
        }
        return known;
    }

    private static List<Name> compute(PlanNode node, boolean qualify, Map<PlanNode, List<Name>> memo,
                                      Function<BoundExpr, String> others) {
        List<Name> out = new ArrayList<>();
        if (node instanceof PlanNode.Scan s) {
            String table = s.alias() != null ? s.alias() : s.table().definition().name();
            for (ColumnDefinition c : s.table().definition().columns()) {
                out.add(new Name(qualify ? table + "." + c.name() : c.name(), true));
            }
        } else if (node instanceof PlanNode.CatalogScan c) {
            String table = c.alias() != null ? c.alias() : c.table().name();
            for (String column : c.table().columnNames()) {
                out.add(new Name(qualify ? table + "." + column : column, true));
            }
        } else if (node instanceof PlanNode.Series s) {
            out.add(new Name(qualify ? s.alias() + "." + s.column() : s.column(), true));
        } else if (node instanceof PlanNode.Values v) {
            for (int i = 1; i <= v.types().size(); i++) {
                out.add(new Name(qualify ? "\"*VALUES*\".column" + i : "column" + i, true));
            }
        } else if (node instanceof PlanNode.Filter || node instanceof PlanNode.Sort || node instanceof PlanNode.Limit
                || node instanceof PlanNode.Distinct) {
            out.addAll(of(children(node).get(0), qualify, memo, others));
        } else if (node instanceof PlanNode.SetOp s) {
            out.addAll(of(s.left(), qualify, memo, others));
        } else if (node instanceof PlanNode.RecursiveUnion r) {
            out.addAll(of(r.anchor(), qualify, memo, others));
        } else if (node instanceof PlanNode.Project p) {
            List<Name> input = of(p.input(), qualify, memo, others);
            for (BoundExpr e : p.exprs()) {
                out.add(e instanceof ColumnRef c && c.index() < input.size() ? input.get(c.index())
                        : new Name(text(e, input, others), ExprText.isSimple(e)));
            }
        } else if (node instanceof PlanNode.Join j) {
            out.addAll(of(j.left(), qualify, memo, others));
            if (j.types().size() > j.left().width()) {
                out.addAll(of(j.right(), qualify, memo, others));
            }
        } else if (node instanceof PlanNode.LateralJoin j) {
            out.addAll(of(j.left(), qualify, memo, others));
            out.addAll(of(j.right(), qualify, memo, others));
        } else if (node instanceof PlanNode.IndexJoin j) {
            out.addAll(of(j.left(), qualify, memo, others));
            out.addAll(of(j.right(), qualify, memo, others));
        } else if (node instanceof PlanNode.Aggregate a) {
            List<Name> input = of(a.input(), qualify, memo, others);
            for (BoundExpr k : a.keys()) {
                out.add(new Name(text(k, input, others), ExprText.isSimple(k)));
            }
            for (AggregateCall c : a.calls()) {
                List<String> args = new ArrayList<>();
                c.args().forEach(arg -> args.add(text(arg, input, others)));
                out.add(new Name(c.name() + "(" + (c.distinct() ? "DISTINCT " : "")
                        + (args.isEmpty() ? "*" : String.join(", ", args)) + ")", false));
            }
        } else if (node instanceof PlanNode.ProjectSet p) {
            List<Name> input = of(p.input(), qualify, memo, others);
            out.addAll(input);
            for (org.rustydb.execution.internal.plan.SetFunctionCall c : p.calls()) {
                List<String> args = new ArrayList<>();
                c.args().forEach(arg -> args.add(text(arg, input, others)));
                out.add(new Name(c.kind().sqlName() + "(" + String.join(", ", args) + ")", false));
            }
        } else if (node instanceof PlanNode.Window w) {
            List<Name> input = of(w.input(), qualify, memo, others);
            out.addAll(input);
            for (WindowCall c : w.calls()) {
                List<String> args = new ArrayList<>();
                c.args().forEach(arg -> args.add(text(arg, input, others)));
                out.add(new Name(c.name() + "(" + String.join(", ", args) + ") OVER (?)", false));
            }
        }
        while (out.size() < node.width()) {
            out.add(Name.UNKNOWN);
        }
        return out;
    }

    private static String text(BoundExpr e, List<Name> input, Function<BoundExpr, String> others) {
        return ExprText.of(e, i -> i < input.size() ? input.get(i).text() : "?column?", others);
    }

    static List<PlanNode> children(PlanNode node) {
        if (node instanceof PlanNode.Filter f) {
            return List.of(f.input());
        }
        if (node instanceof PlanNode.Project p) {
            return List.of(p.input());
        }
        if (node instanceof PlanNode.Join j) {
            return List.of(j.left(), j.right());
        }
        if (node instanceof PlanNode.LateralJoin j) {
            return List.of(j.left(), j.right());
        }
        if (node instanceof PlanNode.IndexJoin j) {
            return List.of(j.left(), j.right());
        }
        if (node instanceof PlanNode.Aggregate a) {
            return List.of(a.input());
        }
        if (node instanceof PlanNode.Sort s) {
            return List.of(s.input());
        }
        if (node instanceof PlanNode.Window w) {
            return List.of(w.input());
        }
        if (node instanceof PlanNode.ProjectSet p) {
            return List.of(p.input());
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
