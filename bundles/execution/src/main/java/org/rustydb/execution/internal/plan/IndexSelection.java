package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.InList;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.execution.internal.types.Comparisons;

/**
 * Chooses how to read a table for a WHERE condition and an ORDER BY: the index whose leading key
 * columns the condition's top-level AND terms compare with constants, and the narrowest key range
 * those terms allow. A unique index matched on all its columns by equalities wins, then the longest
 * equality prefix, then a range on the column after it, then one that also gives the ORDER BY. The
 * range is only a superset of the matching rows: the caller keeps the whole condition on top, so a
 * term that cannot be used (a constant that does not convert exactly to the column type, NULL, an
 * error while evaluating it) just narrows nothing.
 *
 * <p>An index also serves an ORDER BY on its key columns (after those fixed by equalities) in one
 * direction with PostgreSQL's default NULL placement, which the caller then need not sort: the one
 * chosen for the condition if it can, else (when no index serves the condition) any that can.
 *
 * <p>Index keys order as this engine compares values (the storage SPI fixes it: text by code point,
 * PostgreSQL's C collation), so text columns serve equalities, ranges and ORDER BY like the others.
 */
public final class IndexSelection {
    /** One ORDER BY key on a table column; NULLs last ascending, first descending. */
    public record OrderColumn(int column, boolean descending) {
    }

    /**
     * A usable term: {@code column op value}, the value already of the column's type; or for an IN
     * list ({@code op} null) {@code column = } one of {@code in}, distinct and in ascending order.
     */
    record Condition(int column, Comparison.Op op, Object value, List<Object> in) {
        Condition(int column, Comparison.Op op, Object value) {
            this(column, op, value, null);
        }
    }

    /** How well one index serves the condition. */
    private record Match(IndexHandle index, List<Object> equal, Condition lower, Condition upper, Condition in) {
        Match(IndexHandle index, List<Object> equal, Condition lower, Condition upper) {
            this(index, equal, lower, upper, null);
        }

        boolean uniqueFull() {
            return index.definition().unique() && equal.size() == index.definition().columns().size();
        }

        /** Bounds on the column after the equalities; an IN list counts as more (a few points). */
        int bounds() {
            return in != null ? 3 : (lower == null ? 0 : 1) + (upper == null ? 0 : 1);
        }

        boolean usable() {
            return !equal.isEmpty() || bounds() > 0;
        }

        /** Unique full match first, then the longest equality prefix, then an IN list or a range on the next column. */
        boolean betterThan(Match other) {
            if (uniqueFull() != other.uniqueFull()) {
                return uniqueFull();
            }
            if (equal.size() != other.equal.size()) {
                return equal.size() > other.equal.size();
            }
            return bounds() > other.bounds();
        }

        /** One point range per value of the IN list, in ascending order; empty without one. */
        List<KeyRange> ranges() {
            List<KeyRange> out = new ArrayList<>();
            if (in != null) {
                for (Object v : in.in()) {
                    List<Object> key = new ArrayList<>(equal);
                    key.add(v);
                    out.add(new KeyRange(key, true, key, true));
                }
            }
            return out;
        }

        KeyRange range() {
            List<Object> low = new ArrayList<>(equal);
            List<Object> high = new ArrayList<>(equal);
            if (in != null) {
                low.add(in.in().get(0));
                high.add(in.in().get(in.in().size() - 1));
                return new KeyRange(low, true, high, true);
            }
            if (lower != null) {
                low.add(lower.value());
            }
            if (upper != null) {
                high.add(upper.value());
            }
            return new KeyRange(low, lower == null || lower.op() == Comparison.Op.GE, high,
                    upper == null || upper.op() == Comparison.Op.LE);
        }
    }

    private IndexSelection() {
    }

    /**
     * The access path for a statement over {@code table}.
     *
     * @param indexes the table's indexes, in the engine's order (earlier ones win ties)
     * @param filter  the bound WHERE condition over the table's columns, or null
     * @param order   the ORDER BY as table columns, empty when there is none or it is not on plain columns
     *                with the default NULL placement (then no index can provide it)
     */
    public static AccessPath choose(TableHandle table, List<IndexHandle> indexes, BoundExpr filter,
                                    List<OrderColumn> order) {
        return choose(table, indexes, filter, order, null);
    }

    /**
     * {@link #choose(TableHandle, List, BoundExpr, List)} for a scan that reads only the columns
     * {@code needed} (null: unknown): between equally good indexes, one holding all of them is
     * cheaper, as it can be read index-only (no heap fetch for rows on all-visible pages); the path
     * says so ({@link AccessPath#indexOnly}).
     */
    public static AccessPath choose(TableHandle table, List<IndexHandle> indexes, BoundExpr filter,
                                    List<OrderColumn> order, java.util.BitSet needed) {
        List<Condition> conditions = conditions(table, filter);
        Match best = null;
        Boolean bestDirection = null;
        for (IndexHandle index : indexes) {
            Match m = match(index, conditions);
            if (!m.usable()) {
                continue;
            }
            Boolean direction = direction(m, order);
            // between equally good matches, one that also gives the order saves a sort, then one
            // read index-only saves the heap fetches
            boolean tie = best != null && !best.betterThan(m) && !m.betterThan(best);
            if (best == null || m.betterThan(best)
                    || (tie && bestDirection == null && direction != null)
                    || (tie && (bestDirection == null) == (direction == null) && covers(m.index(), needed)
                        && !covers(best.index(), needed))) {
                best = m;
                bestDirection = direction;
            }
        }
        if (best != null) {
            return new AccessPath(table, best.index(), best.range(), Boolean.TRUE.equals(bestDirection),
                    bestDirection != null, best.ranges()).indexOnlyIfCovering(needed);
        }
        if (!order.isEmpty()) {
            AccessPath ordered = null;
            for (IndexHandle index : indexes) {
                Match unrestricted = new Match(index, List.of(), null, null);
                Boolean direction = direction(unrestricted, order);
                if (direction != null && (ordered == null || (!ordered.indexOnly() && covers(index, needed)))) {
                    ordered = new AccessPath(table, index, KeyRange.ALL, direction, true).indexOnlyIfCovering(needed);
                }
            }
            if (ordered != null) {
                return ordered;
            }
        }
        return AccessPath.fullScan(table);
    }

    private static boolean covers(IndexHandle index, java.util.BitSet needed) {
        return needed != null && AccessPath.covers(index, needed);
    }

    /**
     * The scan direction (true for descending) that yields {@code order}, or null if none does: the
     * ORDER BY columns must be consecutive key columns, starting at most after those fixed by
     * equalities, all in the same direction.
     */
    private static Boolean direction(Match m, List<OrderColumn> order) {
        if (order.isEmpty()) {
            return null;
        }
        boolean descending = order.get(0).descending();
        for (OrderColumn o : order) {
            if (o.descending() != descending) {
                return null;
            }
        }
        List<Integer> key = m.index().definition().columns();
        for (int start = 0; start <= m.equal().size(); start++) {
            if (start + order.size() > key.size()) {
                break;
            }
            boolean matches = true;
            for (int i = 0; i < order.size() && matches; i++) {
                matches = key.get(start + i) == order.get(i).column();
            }
            if (matches) {
                return descending;
            }
        }
        return null;
    }

    private static Match match(IndexHandle index, List<Condition> conditions) {
        IndexDefinition def = index.definition();
        List<Object> equal = new ArrayList<>();
        for (int column : def.columns()) {
            Condition eq = find(conditions, column, Comparison.Op.EQ);
            if (eq == null) {
                break;
            }
            equal.add(eq.value());
        }
        Condition lower = null;
        Condition upper = null;
        Condition in = null;
        if (equal.size() < def.columns().size()) {
            int column = def.columns().get(equal.size());
            for (Condition c : conditions) {
                if (c.column() == column && c.in() != null && (in == null || c.in().size() < in.in().size())) {
                    in = c;
                }
            }
            for (Condition c : conditions) {
                if (c.column() != column || c.in() != null || in != null) {
                    continue;
                }
                switch (c.op()) {
                    case GT, GE -> lower = tighter(lower, c, true);
                    case LT, LE -> upper = tighter(upper, c, false);
                    default -> {
                    }
                }
            }
        }
        return new Match(index, equal, lower, upper, in);
    }

    private static Condition find(List<Condition> conditions, int column, Comparison.Op op) {
        for (Condition c : conditions) {
            if (c.column() == column && c.op() == op && c.in() == null) {
                return c;
            }
        }
        return null;
    }

    /** The narrower of two bounds on the same side; on equal values the exclusive one. */
    private static Condition tighter(Condition current, Condition candidate, boolean lower) {
        if (current == null) {
            return candidate;
        }
        int cmp = Comparisons.compare(candidate.value(), current.value());
        if (cmp == 0) {
            boolean candidateExclusive = candidate.op() == Comparison.Op.GT || candidate.op() == Comparison.Op.LT;
            return candidateExclusive ? candidate : current;
        }
        return (lower ? cmp > 0 : cmp < 0) ? candidate : current;
    }

    /**
     * The terms of the top-level AND of {@code filter} that the index of {@code path} serves (its
     * Index Cond in EXPLAIN): those on the key columns its range bounds. Empty for a full scan.
     */
    public static List<BoundExpr> indexTerms(AccessPath path, BoundExpr filter) {
        List<BoundExpr> out = new ArrayList<>();
        if (!path.usesIndex()) {
            return out;
        }
        int bounded = Math.max(path.range().lower().size(), path.range().upper().size());
        List<Integer> key = path.index().definition().columns().subList(0,
                Math.min(bounded, path.index().definition().columns().size()));
        List<BoundExpr> terms = new ArrayList<>();
        flatten(filter, terms);
        List<ColumnDefinition> columns = path.table().definition().columns();
        for (BoundExpr term : terms) {
            Condition c = condition(term, columns);
            if (c != null && key.contains(c.column())) {
                out.add(term);
            }
        }
        return out;
    }

    /** The terms of the top-level AND of a condition. */
    public static List<BoundExpr> terms(BoundExpr condition) {
        List<BoundExpr> out = new ArrayList<>();
        flatten(condition, out);
        return out;
    }

    /** The usable terms of the top-level AND of the condition. */
    static List<Condition> conditions(TableHandle table, BoundExpr filter) {
        List<BoundExpr> terms = new ArrayList<>();
        flatten(filter, terms);
        List<ColumnDefinition> columns = table.definition().columns();
        List<Condition> out = new ArrayList<>();
        for (BoundExpr term : terms) {
            Condition c = condition(term, columns);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static void flatten(BoundExpr e, List<BoundExpr> out) {
        if (e instanceof Logic.Junction j && Boolean.FALSE.equals(j.decisive())) {
            for (BoundExpr operand : j.operands()) {
                flatten(operand, out);
            }
        } else if (e != null) {
            out.add(e);
        }
    }

    private static Condition condition(BoundExpr term, List<ColumnDefinition> columns) {
        // a boolean column on its own, or negated, is a comparison with true or false
        if (term instanceof ColumnRef ref && ref.type() == SqlType.BOOLEAN) {
            return new Condition(ref.index(), Comparison.Op.EQ, Boolean.TRUE);
        }
        if (term instanceof Logic.Not not && not.operand() instanceof ColumnRef ref && ref.type() == SqlType.BOOLEAN) {
            return new Condition(ref.index(), Comparison.Op.EQ, Boolean.FALSE);
        }
        if (term instanceof InList in) {
            return inList(in, columns);
        }
        if (!(term instanceof Comparison cmp) || cmp.op() == Comparison.Op.NE) {
            return null;
        }
        Comparison.Op op = cmp.op();
        int column = KeyConstants.column(cmp.left());
        BoundExpr constant = cmp.right();
        if (column < 0) {
            column = KeyConstants.column(cmp.right());
            constant = cmp.left();
            op = flip(op);
        }
        if (column < 0) {
            return null;
        }
        Object value = KeyConstants.value(constant, columns.get(column).type());
        return value == null ? null : new Condition(column, op, value);
    }

    /**
     * {@code col IN (constants)}: the values as keys, distinct and sorted; items that are NULL or
     * have no exact value of the column's type match nothing and are left out. Null when an item
     * is not constant, or none is left.
     */
    private static Condition inList(InList in, List<ColumnDefinition> columns) {
        int column = KeyConstants.column(in.value());
        if (in.negated() || column < 0) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (BoundExpr item : in.items()) {
            if (!KeyConstants.isConstant(item)) {
                return null;
            }
            Object v = KeyConstants.value(item, columns.get(column).type());
            if (v != null) {
                values.add(v);
            }
        }
        values.sort(Comparisons::compare);
        List<Object> distinct = new ArrayList<>();
        for (Object v : values) {
            if (distinct.isEmpty() || Comparisons.compare(distinct.get(distinct.size() - 1), v) != 0) {
                distinct.add(v);
            }
        }
        return distinct.isEmpty() ? null : new Condition(column, null, null, distinct);
    }

    /** {@code c < col} is {@code col > c}. */
    private static Comparison.Op flip(Comparison.Op op) {
        return switch (op) {
            case LT -> Comparison.Op.GT;
            case LE -> Comparison.Op.GE;
            case GT -> Comparison.Op.LT;
            case GE -> Comparison.Op.LE;
            default -> op;
        };
    }
}
