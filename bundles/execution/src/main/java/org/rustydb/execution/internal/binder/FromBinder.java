package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Coalesce;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.RowLocking;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * Binds a FROM clause and its WHERE into a join tree. Comma-separated items are joined in an
 * order that follows the WHERE's equalities (each next item is one with an equality to the items
 * joined so far, when there is one); explicit JOINs keep their written order. Each WHERE
 * condition goes as low as it can: into the scan of the one table it reads (where an index may
 * serve it), into a join as hash keys (equalities between the two sides) or as a residual
 * condition, or above everything when it reads no column of this level.
 */
final class FromBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final QueryBinder queries;
    private final Scope outer;
    private final Map<String, WithQuery> with;

    /**
     * A bound FROM item or join: its plan and the names it brings, at offsets in its rows; for a
     * join without USING, also its two sides, so that conditions can go further down.
     */
    record Item(PlanNode plan, List<ScopeEntry> entries, Item left, Item right) {
        Item(PlanNode plan, List<ScopeEntry> entries) {
            this(plan, entries, null, null);
        }

        int width() {
            return plan.width();
        }
    }

    /** The FROM clause bound: the plan (WHERE applied) and the scope of its rows. */
    record Bound(PlanNode plan, Scope scope) {
    }

    FromBinder(BindContext ctx, ExpressionBinder binder, QueryBinder queries, Scope outer,
               Map<String, WithQuery> with) {
        this.ctx = ctx;
        this.binder = binder;
        this.queries = queries;
        this.outer = outer;
        this.with = with;
    }

    private Scope scopeOf(List<ScopeEntry> entries) {
        return Scope.nested(outer, entries, with);
    }

    Bound bind(FromItem from, List<Join> joins, Expression where, RowLocking locking) {
        List<Item> groups = new ArrayList<>();
        Item current = item(from, locking);
        if (joins != null) {
            for (Join j : joins) {
                if (j.getRightItem() instanceof LateralSubSelect lateral) {
                    // it reads the items before it: joined to them where it stands, never reordered
                    current = lateral(current, lateral, j);
                    continue;
                }
                if (j.isSimple()) {
                    groups.add(current);
                    current = item(j.getRightItem(), locking);
                } else {
                    current = join(current, item(j.getRightItem(), locking), j);
                }
            }
        }
        groups.add(current);
        checkDuplicateNames(groups);
        return placeWhere(groups, where);
    }

    private void checkDuplicateNames(List<Item> groups) {
        Set<String> seen = new LinkedHashSet<>();
        for (Item g : groups) {
            for (ScopeEntry e : g.entries()) {
                if (e.qualifier() != null && !seen.add(e.schema() + "." + e.qualifier())) {
                    throw DbException.of(SqlState.DUPLICATE_ALIAS, "table name \"%s\" specified more than once",
                            e.qualifier());
                }
            }
        }
    }

    // ---- FROM items ---------------------------------------------------------------------------

    private Item item(FromItem from, RowLocking locking) {
        if (from instanceof LateralSubSelect) {
            throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "LATERAL must follow the FROM items it reads")
                    .withPosition(ctx.pos(from));
        }
        if (from instanceof Table t) {
            return table(t, locking);
        }
        if (from instanceof ParenthesedSelect p) {
            Alias alias = p.getAlias();
            if (alias == null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias")
                        .withPosition(ctx.pos(from))
                        .withHint("For example, FROM (SELECT ...) [AS] foo.");
            }
            BoundQuery q = queries.bind(p, outer, with);
            List<String> names = q.columns().stream().map(org.rustydb.api.Column::name).toList();
            return named(q.plan(), Identifiers.name(alias.getName()), names, alias, from);
        }
        if (from instanceof net.sf.jsqlparser.statement.select.TableFunction f) {
            return tableFunction(f);
        }
        if (from instanceof ParenthesedFromItem p && p.getFromItem() instanceof net.sf.jsqlparser.statement.select.Values v
                && (p.getJoins() == null || p.getJoins().isEmpty()) && p.getAlias() != null) {
            v.setAlias(p.getAlias());
            return item(v, locking);
        }
        if (from instanceof net.sf.jsqlparser.statement.select.Values v) {
            Alias alias = v.getAlias();
            if (alias == null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "VALUES in FROM must have an alias")
                        .withPosition(ctx.pos(from)).withHint("For example, FROM (VALUES ...) [AS] foo.");
            }
            BoundQuery q = queries.values(v.getExpressions(), outer, with);
            List<String> names = q.columns().stream().map(org.rustydb.api.Column::name).toList();
            return named(q.plan(), Identifiers.name(alias.getName()), names, alias, from);
        }
        if (from instanceof ParenthesedFromItem p) {
            Item inner = item(p.getFromItem(), locking);
            if (p.getJoins() != null) {
                for (Join j : p.getJoins()) {
                    inner = join(inner, item(j.getRightItem(), locking), j);
                }
            }
            if (p.getAlias() != null) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "aliases of joins are not supported yet")
                        .withPosition(ctx.pos(from));
            }
            return inner;
        }
        throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "this FROM item is not supported yet")
                .withPosition(ctx.pos(from));
    }

    private Item table(Table t, RowLocking locking) {
        String alias = t.getAlias() == null ? null : Identifiers.name(t.getAlias().getName());
        if (t.getSchemaName() == null) {
            WithQuery w = scopeOf(List.of()).withQuery(Identifiers.name(t.getName()));
            if (w != null) {
                if (!w.isBound()) {
                    throw DbException.of(SqlState.INVALID_RECURSION,
                            "recursive reference to query \"%s\" must not appear within its non-recursive term",
                            w.name()).withPosition(ctx.pos(t));
                }
                return named(w.reference(), alias != null ? alias : w.name(), w.columnNames(), t.getAlias(), t);
            }
        }
        if (Catalog.findRelation(ctx, t) instanceof org.rustydb.spi.storage.ViewHandle view) {
            BoundQuery q = ViewExpansion.bind(ctx, view);
            List<String> names = q.columns().stream().map(org.rustydb.api.Column::name).toList();
            return named(q.plan(), alias != null ? alias : view.definition().name(), names, t.getAlias(), t);
        }
        TableHandle table = Catalog.require(ctx, t);
        table = TableLocking.lock(ctx, table, locking == null ? LockMode.ACCESS_SHARE : LockMode.ROW_SHARE);
        ScopeEntry entry = Scope.entryOf(table.definition(), alias);
        if (t.getAlias() != null && t.getAlias().getAliasColumns() != null) {
            entry = renamed(entry, t.getAlias(), t);
        }
        return new Item(new PlanNode.Scan(table, alias, null, List.of(), locking), List.of(entry));
    }

    /** A set-returning function in FROM: generate_series over integers. */
    private Item tableFunction(net.sf.jsqlparser.statement.select.TableFunction f) {
        String name = Identifiers.name(f.getFunction().getName());
        List<Expression> args = f.getFunction().getParameters() == null ? List.of()
                : new ArrayList<>(f.getFunction().getParameters());
        if (!name.equals("generate_series") || args.size() < 2 || args.size() > 3) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s(%d arguments) does not exist", name,
                    args.size()).withPosition(ctx.pos(f));
        }
        Scope scope = scopeOf(List.of());
        List<BoundExpr> bound = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Expression a : args) {
            bound.add(binder.bind(a, scope));
            positions.add(ctx.pos(a));
        }
        DataType type = Coercions.commonType(bound, "generate_series", positions);
        if (!type.type().isInteger()) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function generate_series(%s) does not exist",
                    String.join(", ", bound.stream().map(b -> b.dataType().displayName()).toList()))
                    .withPosition(ctx.pos(f));
        }
        if (type.type() == org.rustydb.api.SqlType.SMALLINT) {
            type = DataType.INTEGER;
        }
        List<BoundExpr> coerced = Coercions.coerceAll(bound, type, "generate_series", positions);
        PlanNode plan = new PlanNode.Series(coerced.get(0), coerced.get(1), coerced.size() > 2 ? coerced.get(2) : null,
                type);
        Alias alias = f.getAlias();
        String qualifier = alias == null ? name : Identifiers.name(alias.getName());
        // a function returning one column names it after the alias, as PostgreSQL does
        return named(plan, qualifier, List.of(alias == null ? name : qualifier), alias, f);
    }

    /** A derived table or WITH query under a name, its columns renamed by the alias's column list. */
    private Item named(PlanNode plan, String name, List<String> columns, Alias alias, Object node) {
        ScopeEntry entry = new ScopeEntry(name, null, columns, plan.types());
        if (alias != null && alias.getAliasColumns() != null) {
            entry = renamed(entry, alias, node);
        }
        return new Item(plan, List.of(entry));
    }

    private ScopeEntry renamed(ScopeEntry entry, Alias alias, Object node) {
        List<String> names = new ArrayList<>(entry.names());
        List<Alias.AliasColumn> given = alias.getAliasColumns();
        if (given.size() > names.size()) {
            throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "table \"%s\" has %d columns available but %d "
                    + "columns specified", entry.qualifier(), names.size(), given.size()).withPosition(ctx.pos(node));
        }
        for (int i = 0; i < given.size(); i++) {
            names.set(i, Identifiers.name(given.get(i).name));
        }
        return new ScopeEntry(entry.qualifier(), entry.schema(), names, entry.types(), entry.offset(), entry.hidden(),
                entry.relation());
    }

    // ---- explicit joins -----------------------------------------------------------------------

    private Item join(Item left, Item right, Join j) {
        JoinKind kind = j.isFull() ? JoinKind.FULL : j.isLeft() ? JoinKind.LEFT : j.isRight() ? JoinKind.RIGHT
                : JoinKind.INNER;
        List<ScopeEntry> entries = combined(left, right);
        if (j.isNatural() || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())) {
            return using(left, right, kind, j);
        }
        Scope scope = scopeOf(entries);
        List<Expression> conditions = new ArrayList<>();
        if (j.getOnExpressions() != null) {
            for (Expression on : j.getOnExpressions()) {
                noAggregates(on, "JOIN conditions");
                conjuncts(on, conditions);
            }
        } else if (kind != JoinKind.INNER) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input").withPosition(ctx.pos(j));
        }
        PlanNode l = left.plan();
        PlanNode r = right.plan();
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        int leftEntries = left.entries().size();
        for (Expression c : conditions) {
            scope.recordUses();
            BoundExpr bound = binder.condition(c, scope, "JOIN/ON");
            BitSet uses = scope.uses();
            boolean usesLeft = uses.nextSetBit(0) >= 0 && uses.nextSetBit(0) < leftEntries;
            boolean usesRight = uses.nextSetBit(leftEntries) >= 0;
            if (usesRight && !usesLeft && (kind == JoinKind.INNER || kind == JoinKind.LEFT)) {
                r = filtered(r, binder.condition(c, scopeOf(right.entries()), "JOIN/ON"));
            } else if (usesLeft && !usesRight && (kind == JoinKind.INNER || kind == JoinKind.RIGHT)) {
                l = filtered(l, binder.condition(c, scopeOf(left.entries()), "JOIN/ON"));
            } else if (!equiKey(c, left.entries(), right.entries(), leftKeys, rightKeys)) {
                residual.add(bound);
            }
        }
        PlanNode plan = new PlanNode.Join(kind, l, r, leftKeys, rightKeys, and(residual));
        return new Item(plan, entries, new Item(l, left.entries(), left.left(), left.right()),
                new Item(r, right.entries(), right.left(), right.right()));
    }

    /** {@code left [, | [LEFT] JOIN] LATERAL (subquery) alias [ON condition]}. */
    private Item lateral(Item left, LateralSubSelect lateral, Join j) {
        if (lateral.getAlias() == null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias")
                    .withPosition(ctx.pos(lateral)).withHint("For example, FROM (SELECT ...) [AS] foo.");
        }
        JoinKind kind = j.isLeft() ? JoinKind.LEFT : JoinKind.INNER;
        if (j.isRight() || j.isFull()) {
            throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "The combining JOIN type must be INNER or LEFT for a LATERAL reference.").withPosition(ctx.pos(j));
        }
        Scope leftScope = scopeOf(left.entries());
        BoundQuery q = queries.bind(lateral.getSelect(), leftScope, with);
        List<String> names = q.columns().stream().map(org.rustydb.api.Column::name).toList();
        Item right = named(q.plan(), Identifiers.name(lateral.getAlias().getName()), names, lateral.getAlias(),
                lateral);
        List<ScopeEntry> entries = combined(left, right);
        BoundExpr condition = null;
        if (j.getOnExpressions() != null && !j.getOnExpressions().isEmpty()) {
            List<BoundExpr> parts = new ArrayList<>();
            for (Expression on : j.getOnExpressions()) {
                noAggregates(on, "JOIN conditions");
                parts.add(binder.condition(on, scopeOf(entries), "JOIN/ON"));
            }
            condition = and(parts);
        }
        return new Item(new PlanNode.LateralJoin(kind, left.plan(), right.plan(), leftScope.cell(), condition),
                entries);
    }

    private static List<ScopeEntry> combined(Item left, Item right) {
        List<ScopeEntry> entries = new ArrayList<>(left.entries());
        for (ScopeEntry e : right.entries()) {
            entries.add(e.shifted(left.width()));
        }
        return entries;
    }

    /** JOIN ... USING (cols) and NATURAL JOIN: the merged columns first, then both sides. */
    private Item using(Item left, Item right, JoinKind kind, Join j) {
        List<String> names = new ArrayList<>();
        if (j.isNatural()) {
            Set<String> rightNames = new LinkedHashSet<>();
            right.entries().forEach(e -> visibleNames(e, rightNames));
            Set<String> leftNames = new LinkedHashSet<>();
            left.entries().forEach(e -> visibleNames(e, leftNames));
            for (String n : leftNames) {
                if (rightNames.contains(n)) {
                    names.add(n);
                }
            }
        } else {
            for (Column c : j.getUsingColumns()) {
                names.add(Identifiers.name(c.getColumnName()));
            }
        }
        Scope leftScope = scopeOf(left.entries());
        Scope rightScope = scopeOf(right.entries());
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> merged = new ArrayList<>();
        List<DataType> mergedTypes = new ArrayList<>();
        BitSet hideLeft = new BitSet();
        BitSet hideRight = new BitSet();
        for (String name : names) {
            BoundExpr l = usingColumn(leftScope, name, "left", j);
            BoundExpr r = usingColumn(rightScope, name, "right", j);
            Comparison eq = (Comparison) binder.operators().compare(Comparison.Op.EQ, l, r, ctx.pos(j));
            leftKeys.add(eq.left());
            rightKeys.add(eq.right());
            hideLeft.set(((ColumnRef) l).index());
            hideRight.set(((ColumnRef) r).index());
            DataType type = Coercions.commonType(List.of(l, r), "JOIN/USING", List.of(ctx.pos(j), ctx.pos(j)));
            BoundExpr lc = Coercions.coerce(l, type, Casts.Context.IMPLICIT);
            BoundExpr rc = Coercions.coerce(new ColumnRef(left.width() + ((ColumnRef) r).index(), r.dataType(), name),
                    type, Casts.Context.IMPLICIT);
            merged.add(switch (kind) {
                case RIGHT -> rc;
                case FULL -> new Coalesce(List.of(lc, rc), type);
                default -> lc;
            });
            mergedTypes.add(type);
        }
        PlanNode join = new PlanNode.Join(kind, left.plan(), right.plan(), leftKeys, rightKeys, null);
        List<BoundExpr> outputs = new ArrayList<>(merged);
        List<DataType> joinTypes = join.types();
        for (int i = 0; i < joinTypes.size(); i++) {
            outputs.add(new ColumnRef(i, joinTypes.get(i), null));
        }
        List<ScopeEntry> entries = new ArrayList<>();
        entries.add(new ScopeEntry(null, null, names, mergedTypes));
        int m = names.size();
        for (ScopeEntry e : left.entries()) {
            entries.add(e.shifted(m).hiding(local(hideLeft, e)));
        }
        for (ScopeEntry e : right.entries()) {
            entries.add(e.shifted(m + left.width()).hiding(local(hideRight, e)));
        }
        return new Item(new PlanNode.Project(join, outputs), entries);
    }

    private static void visibleNames(ScopeEntry e, Set<String> out) {
        for (int i = 0; i < e.width(); i++) {
            if (!e.hidden().get(i)) {
                out.add(e.names().get(i));
            }
        }
    }

    /** The columns of {@code row} (row positions) that fall in this entry, as the entry's indexes. */
    private static BitSet local(BitSet row, ScopeEntry e) {
        BitSet out = new BitSet();
        for (int i = row.nextSetBit(0); i >= 0; i = row.nextSetBit(i + 1)) {
            if (i >= e.offset() && i < e.offset() + e.width()) {
                out.set(i - e.offset());
            }
        }
        return out;
    }

    private BoundExpr usingColumn(Scope side, String name, String which, Join j) {
        try {
            BoundExpr found = side.resolveHere(null, null, name, ctx.pos(j));
            if (found instanceof ColumnRef) {
                return found;
            }
        } catch (DbException e) {
            if (SqlState.AMBIGUOUS_COLUMN.equals(e.sqlState())) {
                throw DbException.of(SqlState.AMBIGUOUS_COLUMN,
                        "common column name \"%s\" appears more than once in %s table", name, which)
                        .withPosition(ctx.pos(j));
            }
            throw e;
        }
        throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" specified in USING clause does not exist in "
                + "%s table", name, which).withPosition(ctx.pos(j));
    }

    // ---- WHERE placement and the order of comma joins ----------------------------------------

    private Bound placeWhere(List<Item> groups, Expression where) {
        List<ScopeEntry> all = new ArrayList<>();
        int[] firstEntry = new int[groups.size() + 1];
        int offset = 0;
        for (int g = 0; g < groups.size(); g++) {
            firstEntry[g] = all.size();
            for (ScopeEntry e : groups.get(g).entries()) {
                all.add(e.shifted(offset));
            }
            offset += groups.get(g).width();
        }
        firstEntry[groups.size()] = all.size();
        Scope full = scopeOf(all);
        List<Expression> conditions = new ArrayList<>();
        if (where != null) {
            noAggregates(where, "WHERE");
            conjuncts(where, conditions);
        }
        List<BitSet> groupUses = new ArrayList<>();
        List<BoundExpr> top = new ArrayList<>();
        List<Expression> pending = new ArrayList<>();
        PlanNode[] plans = new PlanNode[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            plans[g] = groups.get(g).plan();
        }
        for (Expression c : conditions) {
            full.recordUses();
            BoundExpr bound = binder.condition(c, full, "WHERE");
            BitSet uses = groupsOf(full.uses(), firstEntry);
            if (uses.isEmpty()) {
                top.add(bound);
            } else if (uses.cardinality() == 1) {
                int g = uses.nextSetBit(0);
                Item pushed = pushDown(new Item(plans[g], groups.get(g).entries(), groups.get(g).left(),
                        groups.get(g).right()), c);
                plans[g] = pushed.plan();
                groups.set(g, new Item(pushed.plan(), groups.get(g).entries(), pushed.left(), pushed.right()));
            } else {
                pending.add(c);
                groupUses.add(uses);
            }
        }
        if (groups.size() == 1) {
            return new Bound(filtered(plans[0], and(top)), full);
        }
        // join the groups: the largest (by estimate) first, as the probe side of the hash joins,
        // then each time the smallest that an equality links to those joined so far (built in
        // memory), or the smallest left when none is linked
        org.rustydb.execution.internal.plan.Estimates estimates =
                new org.rustydb.execution.internal.plan.Estimates(ctx.session().storage());
        double[] size = new double[groups.size()];
        int first = 0;
        for (int g = 0; g < groups.size(); g++) {
            size[g] = estimates.rows(plans[g]);
            if (size[g] > size[first]) {
                first = g;
            }
        }
        List<Integer> order = new ArrayList<>();
        BitSet joined = new BitSet();
        order.add(first);
        joined.set(first);
        PlanNode plan = plans[first];
        List<ScopeEntry> entries = new ArrayList<>(groups.get(first).entries());
        boolean[] applied = new boolean[pending.size()];
        while (order.size() < groups.size()) {
            int nextGroup = -1;
            for (int i = 0; i < pending.size(); i++) {
                BitSet u = (BitSet) groupUses.get(i).clone();
                u.andNot(joined);
                if (!applied[i] && u.cardinality() == 1 && pending.get(i) instanceof EqualsTo) {
                    int candidate = u.nextSetBit(0);
                    if (nextGroup < 0 || size[candidate] < size[nextGroup]) {
                        nextGroup = candidate;
                    }
                }
            }
            if (nextGroup < 0) {
                for (int g = joined.nextClearBit(0); g < groups.size(); g = joined.nextClearBit(g + 1)) {
                    if (nextGroup < 0 || size[g] < size[nextGroup]) {
                        nextGroup = g;
                    }
                }
            }
            Item right = groups.get(nextGroup);
            BitSet after = (BitSet) joined.clone();
            after.set(nextGroup);
            List<ScopeEntry> combined = new ArrayList<>(entries);
            for (ScopeEntry e : right.entries()) {
                combined.add(e.shifted(plan.width()));
            }
            List<BoundExpr> leftKeys = new ArrayList<>();
            List<BoundExpr> rightKeys = new ArrayList<>();
            List<BoundExpr> residual = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                BitSet u = groupUses.get(i);
                BitSet rest = (BitSet) u.clone();
                rest.andNot(after);
                if (applied[i] || !rest.isEmpty()) {
                    continue;
                }
                applied[i] = true;
                if (!equiKey(pending.get(i), entries, right.entries(), leftKeys, rightKeys)) {
                    residual.add(binder.condition(pending.get(i), scopeOf(combined), "WHERE"));
                }
            }
            plan = new PlanNode.Join(JoinKind.INNER, plan, plans[nextGroup], leftKeys, rightKeys, and(residual));
            entries = combined;
            order.add(nextGroup);
            joined.set(nextGroup);
        }
        // the scope lists the entries in FROM order (for *), at their places in the join's rows
        List<ScopeEntry> inFromOrder = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int at = 0;
            for (int o : order) {
                if (o == g) {
                    break;
                }
                at += groups.get(o).width();
            }
            for (ScopeEntry e : groups.get(g).entries()) {
                inFromOrder.add(e.shifted(at));
            }
        }
        // conditions that read no column of this level do not care where the columns are
        return new Bound(filtered(plan, and(top)), scopeOf(inFromOrder));
    }

    /**
     * A WHERE condition on one FROM item placed as low as it may go: through inner joins to the
     * side it reads, through an outer join only to its preserved side.
     */
    private Item pushDown(Item item, Expression c) {
        if (item.left() != null && item.plan() instanceof PlanNode.Join j && !QueryBinder.containsSubquery(c)) {
            Scope scope = scopeOf(item.entries());
            scope.recordUses();
            binder.condition(c, scope, "WHERE");
            BitSet uses = scope.uses();
            int n = item.left().entries().size();
            boolean onlyLeft = !uses.isEmpty() && uses.nextSetBit(n) < 0;
            boolean onlyRight = !uses.isEmpty() && uses.nextSetBit(0) >= n;
            if (onlyLeft && (j.kind() == JoinKind.INNER || j.kind() == JoinKind.LEFT)) {
                Item left = pushDown(item.left(), c);
                PlanNode plan = new PlanNode.Join(j.kind(), left.plan(), j.right(), j.leftKeys(), j.rightKeys(),
                        j.residual());
                return new Item(plan, item.entries(), left, item.right());
            }
            if (onlyRight && (j.kind() == JoinKind.INNER || j.kind() == JoinKind.RIGHT)) {
                Item right = pushDown(item.right(), c);
                PlanNode plan = new PlanNode.Join(j.kind(), j.left(), right.plan(), j.leftKeys(), j.rightKeys(),
                        j.residual());
                return new Item(plan, item.entries(), item.left(), right);
            }
        }
        PlanNode plan = filtered(item.plan(), binder.condition(c, scopeOf(item.entries()), "WHERE"));
        return new Item(plan, item.entries(), item.left(), item.right());
    }

    /** The groups whose entries are among {@code entries}. */
    private static BitSet groupsOf(BitSet entries, int[] firstEntry) {
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
    private boolean equiKey(Expression c, List<ScopeEntry> left, List<ScopeEntry> right, List<BoundExpr> leftKeys,
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
        Scope both = scopeOf(concat(l.entries(), r.entries(), l.width()));
        both.recordUses();
        binder.bind(e, both);
        BitSet uses = both.uses();
        if (uses.isEmpty()) {
            return Side.NONE;
        }
        int n = l.entries().size();
        boolean usesLeft = uses.nextSetBit(0) < n;
        boolean usesRight = uses.nextSetBit(n) >= 0;
        return usesLeft && !usesRight ? Side.LEFT : usesRight && !usesLeft ? Side.RIGHT : Side.NONE;
    }

    private static List<ScopeEntry> concat(List<ScopeEntry> left, List<ScopeEntry> right, int leftWidth) {
        List<ScopeEntry> out = new ArrayList<>(left);
        for (ScopeEntry e : right) {
            out.add(e.shifted(leftWidth));
        }
        return out;
    }

    private boolean addKeys(BoundExpr l, BoundExpr r, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                            Expression c) {
        Comparison eq = (Comparison) binder.operators().compare(Comparison.Op.EQ, l, r, ctx.pos(c));
        leftKeys.add(eq.left());
        rightKeys.add(eq.right());
        return true;
    }

    private static PlanNode filtered(PlanNode plan, BoundExpr condition) {
        if (condition == null) {
            return plan;
        }
        if (plan instanceof PlanNode.Scan s) {
            BoundExpr f = s.filter() == null ? condition : Logic.and(List.of(s.filter(), condition));
            return new PlanNode.Scan(s.table(), s.alias(), f, s.order(), s.locking());
        }
        return new PlanNode.Filter(plan, condition);
    }

    private static BoundExpr and(List<BoundExpr> conditions) {
        return conditions.isEmpty() ? null : conditions.size() == 1 ? conditions.get(0) : Logic.and(conditions);
    }

    static void conjuncts(Expression e, List<Expression> out) {
        if (e instanceof AndExpression a) {
            conjuncts(a.getLeftExpression(), out);
            conjuncts(a.getRightExpression(), out);
        } else if (e instanceof net.sf.jsqlparser.expression.Parenthesis p) {
            conjuncts(p.getExpression(), out);
        } else if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> l
                && l.size() == 1) {
            conjuncts(l.get(0), out);
        } else {
            out.add(e);
        }
    }

    private void noAggregates(Expression e, String clause) {
        Expression agg = AggregateFinder.firstAggregate(e);
        if (agg != null) {
            throw DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in %s", clause)
                    .withPosition(ctx.pos(agg));
        }
        Expression window = AggregateFinder.firstWindow(e);
        if (window != null) {
            throw DbException.of(SqlState.WINDOWING_ERROR, "window functions are not allowed in %s", clause)
                    .withPosition(ctx.pos(window));
        }
    }
}
