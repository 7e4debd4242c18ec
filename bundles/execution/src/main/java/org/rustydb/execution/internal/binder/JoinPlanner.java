package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.FromBinder.Item;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.expr.OuterRef;
import org.rustydb.execution.internal.expr.RowCell;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.Estimates;
import org.rustydb.execution.internal.plan.ExprText;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.JoinOrder;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;

/**
 * Joins a group of FROM items that inner joins connect (comma items, INNER and CROSS JOINs), in
 * the order {@link JoinOrder} finds cheapest, and places the conditions among them: a condition
 * on one item goes into it (into its scan, where an index may serve it), one reading several
 * goes to the lowest join that has them all, as hash keys (an equality whose sides each read one
 * input), as the lookup of an index nested loop, or as a residual condition.
 */
final class JoinPlanner {
    /** The items one join tree takes: the join order numbers them in the bits of a long. */
    private static final int MAX_ITEMS = 63;
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final Scope outer;
    private final Map<String, WithQuery> with;

    /** A condition to place, and the clause it came from (for messages). */
    record Condition(Expression expr, String clause) {
    }

    JoinPlanner(BindContext ctx, ExpressionBinder binder, Scope outer, Map<String, WithQuery> with) {
        this.ctx = ctx;
        this.binder = binder;
        this.outer = outer;
        this.with = with;
    }

    Scope scopeOf(List<ScopeEntry> entries) {
        return Scope.nested(outer, entries, with);
    }

    /** The scope of all the items, each at its offset in a row of them all in this order. */
    Scope scopeOfAll(List<Item> items) {
        return scopeOf(entriesOfAll(items, new int[items.size() + 1]));
    }

    private static List<ScopeEntry> entriesOfAll(List<Item> items, int[] firstEntry) {
        List<ScopeEntry> all = new ArrayList<>();
        int offset = 0;
        for (int g = 0; g < items.size(); g++) {
            firstEntry[g] = all.size();
            for (ScopeEntry e : items.get(g).entries()) {
                all.add(e.shifted(offset));
            }
            offset += items.get(g).width();
        }
        firstEntry[items.size()] = all.size();
        return all;
    }

    /**
     * The items joined, with the conditions placed. The item's entries list the items' names in
     * their written order, each at its place in the join's rows.
     */
    Item join(List<Item> groups, List<Condition> conditions) {
        groups = new ArrayList<>(groups);
        int[] firstEntry = new int[groups.size() + 1];
        Scope full = scopeOf(entriesOfAll(groups, firstEntry));
        List<BoundExpr> top = new ArrayList<>();
        List<Condition> pending = new ArrayList<>();
        List<BitSet> pendingUses = new ArrayList<>();
        for (Condition c : conditions) {
            full.recordUses();
            BoundExpr bound = binder.condition(c.expr(), full, c.clause());
            BitSet uses = groupsOf(full.uses(), firstEntry);
            if (uses.isEmpty()) {
                top.add(bound);
            } else if (uses.cardinality() == 1) {
                int g = uses.nextSetBit(0);
                groups.set(g, pushDown(groups.get(g), c));
            } else {
                pending.add(c);
                pendingUses.add(uses);
            }
        }
        if (groups.size() > MAX_ITEMS) {
            throw DbException.of(SqlState.STATEMENT_TOO_COMPLEX, "too many FROM items joined (at most %d)",
                    MAX_ITEMS);
        }
        Item joined;
        if (groups.size() == 1) {
            joined = groups.get(0);
        } else {
            Estimates estimates = new Estimates(ctx.session().storage());
            List<JoinOrder.Relation> relations = new ArrayList<>();
            for (Item g : groups) {
                relations.add(relation(g, estimates));
            }
            List<JoinOrder.Predicate> predicates = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                predicates.add(predicate(pending.get(i).expr(), pendingUses.get(i), groups, full, firstEntry,
                        estimates));
            }
            JoinOrder.Tree tree = JoinOrder.best(relations, predicates, JoinOrder.DP_LIMIT, merges().workMem());
            boolean[] applied = new boolean[pending.size()];
            joined = build(tree, groups, pending, pendingUses, applied);
            joined = new Item(joined.plan(), inWrittenOrder(tree, groups), joined.left(), joined.right());
        }
        return new Item(FromBinder.filtered(joined.plan(), FromBinder.and(top)), joined.entries(), joined.left(),
                joined.right());
    }

    /**
     * An item as the join order sees it. A table read whole costs its rows; one an index range
     * serves costs about the rows it returns.
     */
    private JoinOrder.Relation relation(Item item, Estimates estimates) {
        double rows = estimates.rows(item.plan());
        double bytes = MergeJoins.rowBytes(item.plan().types());
        if (!(item.plan() instanceof PlanNode.Scan scan)) {
            return new JoinOrder.Relation(rows, rows, 0, bytes);
        }
        double tableRows = estimates.tableRows(scan);
        List<IndexHandle> indexes = ctx.session().storage().indexes(ctx.transaction(), scan.table());
        ctx.dependencies().indexes(scan.table(), indexes); // the join order depends on them
        AccessPath path = IndexSelection.choose(scan.table(), indexes, scan.filter(), scan.order());
        boolean ranged = path.usesIndex() && !path.range().equals(KeyRange.ALL);
        return new JoinOrder.Relation(rows, ranged ? Math.min(tableRows, rows * 2) : tableRows, tableRows, bytes);
    }

    /** The groups' entries in their written order, at their places in the rows of the tree. */
    private static List<ScopeEntry> inWrittenOrder(JoinOrder.Tree tree, List<Item> groups) {
        int[] at = new int[groups.size()];
        placeLeaves(tree, groups, at, 0);
        List<ScopeEntry> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (ScopeEntry e : groups.get(g).entries()) {
                out.add(e.shifted(at[g]));
            }
        }
        return out;
    }

    private static int placeLeaves(JoinOrder.Tree tree, List<Item> groups, int[] at, int offset) {
        if (tree instanceof JoinOrder.Leaf leaf) {
            at[leaf.relation()] = offset;
            return offset + groups.get(leaf.relation()).width();
        }
        JoinOrder.Node node = (JoinOrder.Node) tree;
        return placeLeaves(node.right(), groups, at, placeLeaves(node.left(), groups, at, offset));
    }

    /** A multi-item condition as the join order sees it. */
    private JoinOrder.Predicate predicate(Expression c, BitSet uses, List<Item> groups, Scope full, int[] firstEntry,
                                          Estimates estimates) {
        long mask = 0;
        for (int g = uses.nextSetBit(0); g >= 0; g = uses.nextSetBit(g + 1)) {
            mask |= 1L << g;
        }
        if (uses.cardinality() == 2 && c instanceof EqualsTo eq && !QueryBinder.containsSubquery(c)) {
            int ga = oneGroup(eq.getLeftExpression(), full, firstEntry);
            int gb = oneGroup(eq.getRightExpression(), full, firstEntry);
            if (ga >= 0 && gb >= 0 && ga != gb) {
                BoundExpr a = binder.bind(eq.getLeftExpression(), scopeOf(groups.get(ga).entries()));
                BoundExpr b = binder.bind(eq.getRightExpression(), scopeOf(groups.get(gb).entries()));
                double ndv = Math.max(estimates.distinct(groups.get(ga).plan(), a),
                        estimates.distinct(groups.get(gb).plan(), b));
                long indexed = (lookupIndex(groups.get(ga), a) != null ? 1L << ga : 0)
                        | (lookupIndex(groups.get(gb), b) != null ? 1L << gb : 0);
                long ordered = (readsInOrder(groups.get(ga), a) ? 1L << ga : 0)
                        | (readsInOrder(groups.get(gb), b) ? 1L << gb : 0);
                return new JoinOrder.Predicate(mask, true, 1 / Math.max(ndv, 1), indexed, ordered);
            }
        }
        return new JoinOrder.Predicate(mask, false, 1.0 / 3, 0);
    }

    /** Whether the item's scan reads an index range in the order of {@code key} already (a merge join's input for free). */
    private boolean readsInOrder(Item item, BoundExpr key) {
        return key instanceof ColumnRef && merges().orderCost(item.plan(), List.of(key)) == 0;
    }

    private MergeJoins merges;

    private MergeJoins merges() {
        if (merges == null) {
            merges = new MergeJoins(ctx.session(), ctx.transaction());
        }
        return merges;
    }

    /**
     * Whether a join kept in its written place (an outer join, or one with USING or NATURAL) costs
     * less as a merge join than as a hash join (built on the right, or for an inner join on the
     * smaller input).
     */
    boolean mergeCheaper(JoinKind kind, PlanNode left, PlanNode right, List<BoundExpr> leftKeys,
                         List<BoundExpr> rightKeys) {
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            return false;
        }
        if (kind == JoinKind.INNER) {
            Estimates e = new Estimates(ctx.session().storage());
            if (e.rows(left) < e.rows(right)) {
                return merges().mergeCheaper(right, left, rightKeys, leftKeys);
            }
        }
        return merges().mergeCheaper(left, right, leftKeys, rightKeys);
    }

    PlanNode mergeJoin(JoinKind kind, PlanNode left, PlanNode right, List<BoundExpr> leftKeys,
                       List<BoundExpr> rightKeys, BoundExpr residual) {
        return merges().join(kind, left, right, leftKeys, rightKeys, residual);
    }

    /** The one group an expression reads, or -1. */
    private int oneGroup(Expression e, Scope full, int[] firstEntry) {
        full.recordUses();
        binder.bind(e, full);
        BitSet g = groupsOf(full.uses(), firstEntry);
        return g.cardinality() == 1 ? g.nextSetBit(0) : -1;
    }

    /**
     * An index of the table an item scans whose leading column is {@code key}, or null: the item
     * can then be the inner side of an index nested loop on that key.
     */
    private IndexHandle lookupIndex(Item item, BoundExpr key) {
        if (!(item.plan() instanceof PlanNode.Scan scan) || scan.locking() != null || !(key instanceof ColumnRef ref)) {
            return null;
        }
        List<IndexHandle> indexes = ctx.session().storage().indexes(ctx.transaction(), scan.table());
        ctx.dependencies().indexes(scan.table(), indexes); // an index nested loop reads the one chosen
        for (IndexHandle index : indexes) {
            if (!index.definition().columns().isEmpty() && index.definition().columns().get(0) == ref.index()) {
                return index;
            }
        }
        return null;
    }

    private Item build(JoinOrder.Tree tree, List<Item> groups, List<Condition> pending, List<BitSet> uses,
                       boolean[] applied) {
        if (tree instanceof JoinOrder.Leaf leaf) {
            return groups.get(leaf.relation());
        }
        JoinOrder.Node node = (JoinOrder.Node) tree;
        Item left = build(node.left(), groups, pending, uses, applied);
        Item right = build(node.right(), groups, pending, uses, applied);
        List<ScopeEntry> combined = FromBinder.combined(left, right);
        List<Condition> here = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (!applied[i] && within(uses.get(i), tree.set())) {
                applied[i] = true;
                here.add(pending.get(i));
            }
        }
        if (node.method() == JoinOrder.Method.INDEX_NESTED_LOOP) {
            Item nl = indexJoin(left, right, combined, here);
            if (nl != null) {
                return nl;
            }
        }
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (Condition c : here) {
            if (!equiKey(c.expr(), left.entries(), right.entries(), leftKeys, rightKeys)) {
                residual.add(binder.condition(c.expr(), scopeOf(combined), c.clause()));
            }
        }
        PlanNode plan = node.method() == JoinOrder.Method.MERGE && MergeJoins.mergeable(leftKeys, rightKeys)
                ? merges().join(JoinKind.INNER, left.plan(), right.plan(), leftKeys, rightKeys, FromBinder.and(residual))
                : new PlanNode.Join(JoinKind.INNER, left.plan(), right.plan(), leftKeys, rightKeys,
                        FromBinder.and(residual));
        return new Item(plan, combined, left, right);
    }

    /**
     * The right item (a table scan) looked up through an index for each left row: the equalities
     * between an expression of the left rows and a column of the right table go into the scan's
     * filter, comparing with the left row's values; null if none of them has an index to use.
     */
    private Item indexJoin(Item left, Item right, List<ScopeEntry> combined, List<Condition> here) {
        PlanNode.Scan scan = (PlanNode.Scan) right.plan();
        RowCell cell = new RowCell();
        List<BoundExpr> outerKeys = new ArrayList<>();
        List<BoundExpr> lookups = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        IndexHandle index = null;
        List<String> leftNames = qualifiedNames(left.entries(), left.width());
        for (Condition c : here) {
            List<BoundExpr> lk = new ArrayList<>();
            List<BoundExpr> rk = new ArrayList<>();
            if (equiKey(c.expr(), left.entries(), right.entries(), lk, rk) && rk.get(0) instanceof ColumnRef) {
                BoundExpr outerKey = lk.get(0);
                OuterRef value = new OuterRef(cell, outerKeys.size(), outerKey.dataType(),
                        ExprText.of(outerKey, leftNames));
                outerKeys.add(outerKey);
                lookups.add(new Comparison(Comparison.Op.EQ, rk.get(0), value));
                if (index == null) {
                    index = lookupIndex(right, rk.get(0));
                }
            } else {
                residual.add(binder.condition(c.expr(), scopeOf(combined), c.clause()));
            }
        }
        if (index == null) {
            return null;
        }
        BoundExpr lookup = FromBinder.and(lookups);
        List<BoundExpr> filter = new ArrayList<>();
        if (scan.filter() != null) {
            filter.add(scan.filter());
        }
        filter.add(lookup);
        PlanNode.Scan probe = new PlanNode.Scan(scan.table(), scan.alias(), Logic.and(filter), scan.order(),
                scan.locking());
        PlanNode plan = new PlanNode.IndexJoin(left.plan(), probe, cell, outerKeys, lookup, index,
                FromBinder.and(residual));
        return new Item(plan, combined);
    }

    /** The names of a row's columns as EXPLAIN qualifies them: {@code alias.column}. */
    static List<String> qualifiedNames(List<ScopeEntry> entries, int width) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            names.add("?column?");
        }
        for (ScopeEntry e : entries) {
            for (int i = 0; i < e.width(); i++) {
                String name = e.names().get(i);
                names.set(e.offset() + i, e.qualifier() == null ? name : e.qualifier() + "." + name);
            }
        }
        return names;
    }

    private static boolean within(BitSet uses, long set) {
        for (int g = uses.nextSetBit(0); g >= 0; g = uses.nextSetBit(g + 1)) {
            if ((set & (1L << g)) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A condition on one item placed as low as it may go: through inner joins to the side it
     * reads, through an outer join only to its preserved side.
     */
    Item pushDown(Item item, Condition c) {
        if (item.left() != null && item.plan() instanceof PlanNode.Join j && !QueryBinder.containsSubquery(c.expr())) {
            Scope scope = scopeOf(item.entries());
            scope.recordUses();
            binder.condition(c.expr(), scope, c.clause());
            BitSet uses = scope.uses();
            // which side an entry belongs to follows from its place in the row, not in the list
            boolean onlyLeft = !uses.isEmpty();
            boolean onlyRight = !uses.isEmpty();
            for (int e = uses.nextSetBit(0); e >= 0; e = uses.nextSetBit(e + 1)) {
                boolean left = item.entries().get(e).offset() < item.left().width();
                onlyLeft &= left;
                onlyRight &= !left;
            }
            if (onlyLeft && (j.kind() == JoinKind.INNER || j.kind() == JoinKind.LEFT)) {
                Item left = pushDown(item.left(), c);
                PlanNode plan = j.merge()
                        ? merges().join(j.kind(), left.plan(), item.right().plan(), j.leftKeys(), j.rightKeys(),
                                j.residual())
                        : new PlanNode.Join(j.kind(), left.plan(), j.right(), j.leftKeys(), j.rightKeys(), j.residual());
                return new Item(plan, item.entries(), left, item.right());
            }
            if (onlyRight && (j.kind() == JoinKind.INNER || j.kind() == JoinKind.RIGHT)) {
                Item right = pushDown(item.right(), c);
                PlanNode plan = j.merge()
                        ? merges().join(j.kind(), item.left().plan(), right.plan(), j.leftKeys(), j.rightKeys(),
                                j.residual())
                        : new PlanNode.Join(j.kind(), j.left(), right.plan(), j.leftKeys(), j.rightKeys(), j.residual());
                return new Item(plan, item.entries(), item.left(), right);
            }
        }
        PlanNode plan = FromBinder.filtered(item.plan(), binder.condition(c.expr(), scopeOf(item.entries()),
                c.clause()));
        return new Item(plan, item.entries(), item.left(), item.right());
    }

    /** The groups whose entries are among {@code entries}. */
    static BitSet groupsOf(BitSet entries, int[] firstEntry) {
        BitSet groups = new BitSet();
        for (int e = entries.nextSetBit(0); e >= 0; e = entries.nextSetBit(e + 1)) {
            int g = 0;
            while (firstEntry[g + 1] <= e) {
                g++;
            }
            groups.set(g);
        }
        return groups;
    }

    /**
     * An equality whose sides each read one side of a join becomes a pair of hash keys (each side
     * bound over its own rows); false if {@code c} is not such an equality.
     */
    boolean equiKey(Expression c, List<ScopeEntry> left, List<ScopeEntry> right, List<BoundExpr> leftKeys,
                    List<BoundExpr> rightKeys) {
        if (!(c instanceof EqualsTo eq)) {
            return false;
        }
        Scope l = scopeOf(left);
        Scope r = scopeOf(right);
        Expression a = eq.getLeftExpression();
        Expression b = eq.getRightExpression();
        Side sa = side(a, l, r);
        Side sb = side(b, l, r);
        if (sa == Side.LEFT && sb == Side.RIGHT) {
            return addKeys(binder.bind(a, l), binder.bind(b, r), leftKeys, rightKeys, c);
        }
        if (sa == Side.RIGHT && sb == Side.LEFT) {
            return addKeys(binder.bind(b, l), binder.bind(a, r), leftKeys, rightKeys, c);
        }
        return false;
    }

    private enum Side { LEFT, RIGHT, NONE }

    /** Which one side alone an expression reads (no subqueries: they keep their own cells). */
    private Side side(Expression e, Scope l, Scope r) {
        if (QueryBinder.containsSubquery(e)) {
            return Side.NONE;
        }
        List<ScopeEntry> both = new ArrayList<>(l.entries());
        for (ScopeEntry entry : r.entries()) {
            both.add(entry.shifted(l.width()));
        }
        Scope scope = scopeOf(both);
        scope.recordUses();
        binder.bind(e, scope);
        BitSet uses = scope.uses();
        if (uses.isEmpty()) {
            return Side.NONE;
        }
        int n = l.entries().size();
        boolean usesLeft = uses.nextSetBit(0) < n;
        boolean usesRight = uses.nextSetBit(n) >= 0;
        return usesLeft && !usesRight ? Side.LEFT : usesRight && !usesLeft ? Side.RIGHT : Side.NONE;
    }

    private boolean addKeys(BoundExpr l, BoundExpr r, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                            Expression c) {
        Comparison eq = (Comparison) binder.operators().compare(Comparison.Op.EQ, l, r, ctx.pos(c));
        leftKeys.add(eq.left());
        rightKeys.add(eq.right());
        return true;
    }
}
