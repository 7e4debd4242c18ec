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
 * Binds a FROM clause and its WHERE into a join tree. Comma-separated items and the items of
 * inner and cross joins are ordered together by cost ({@link JoinPlanner}), their ON conditions
 * placed like the WHERE's; outer joins, USING, NATURAL and LATERAL keep their written place (the
 * items before them are joined first). Each condition goes as low as it can: into the scan of
 * the one table it reads (where an index may serve it), into a join as hash keys (equalities
 * between the two sides) or as a residual condition, or above everything when it reads no column
 * of this level.
 */
final class FromBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final QueryBinder queries;
    private final Scope outer;
    private final Map<String, WithQuery> with;
    private final JoinPlanner planner;
    /** WHERE's EXISTS and IN subqueries that become semi and anti joins; null when rows are locked. */
    private Decorrelation decorrelation;

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
        this.planner = new JoinPlanner(ctx, binder, outer, with);
    }

    private Scope scopeOf(List<ScopeEntry> entries) {
        return Scope.nested(outer, entries, with);
    }

    /**
     * The items of one comma-separated FROM entry that inner joins connect, with their ON
     * conditions, to be ordered with the others; an outer join, USING or LATERAL over them first
     * joins them into one item.
     */
    private static final class Segment {
        final List<Item> items = new ArrayList<>();
        final List<JoinPlanner.Condition> on = new ArrayList<>();

        Segment(Item first) {
            items.add(first);
        }
    }

    Bound bind(FromItem from, List<Join> joins, Expression where, RowLocking locking) {
        List<Segment> segments = new ArrayList<>();
        Segment current = new Segment(item(from, locking));
        if (joins != null) {
            for (Join j : joins) {
                if (j.getRightItem() instanceof LateralSubSelect lateral) {
                    // it reads the items before it: joined to them where it stands, never reordered
                    current = new Segment(lateral(collapse(current), lateral, j));
                    continue;
                }
                if (j.isSimple()) {
                    segments.add(current);
                    current = new Segment(item(j.getRightItem(), locking));
                } else if (reorderable(j)) {
                    addInner(current, item(j.getRightItem(), locking), j);
                } else {
                    current = new Segment(join(collapse(current), item(j.getRightItem(), locking), j));
                }
            }
        }
        segments.add(current);
        List<Item> groups = new ArrayList<>();
        segments.forEach(seg -> groups.addAll(seg.items));
        checkDuplicateNames(groups);
        decorrelation = locking == null ? new Decorrelation(ctx, binder, queries, with) : null;
        return placeWhere(segments, where);
    }

    /** An inner or cross join with ON (or nothing): PostgreSQL reorders those freely. */
    private static boolean reorderable(Join j) {
        return !j.isFull() && !j.isLeft() && !j.isRight() && !j.isNatural() && !j.isSemi()
                && (j.getUsingColumns() == null || j.getUsingColumns().isEmpty());
    }

    /**
     * {@code right} joins the segment; its ON condition is checked here, against the names the
     * join sees (the segment so far and {@code right}), and placed with the WHERE later.
     */
    private void addInner(Segment segment, Item right, Join j) {
        List<Item> items = new ArrayList<>(segment.items);
        items.add(right);
        Scope scope = planner.scopeOfAll(items);
        if (j.getOnExpressions() != null) {
            for (Expression on : j.getOnExpressions()) {
                noAggregates(on, "JOIN conditions");
                List<Expression> parts = new ArrayList<>();
                conjuncts(on, parts);
                for (Expression c : parts) {
                    binder.condition(c, scope, "JOIN/ON");
                    segment.on.add(new JoinPlanner.Condition(c, "JOIN/ON"));
                }
            }
        }
        segment.items.add(right);
    }

    /** The segment's items joined into one. */
    private Item collapse(Segment segment) {
        if (segment.items.size() == 1 && segment.on.isEmpty()) {
            return segment.items.get(0);
        }
        return planner.join(segment.items, segment.on);
    }

    private Bound placeWhere(List<Segment> segments, Expression where) {
        List<Item> groups = new ArrayList<>();
        for (Segment seg : segments) {
            groups.addAll(seg.items);
        }
        Scope all = planner.scopeOfAll(groups);
        List<Item> items = new ArrayList<>();
        // the ON conditions first: a scan's filter then lists its conditions in the written order
        List<JoinPlanner.Condition> conditions = new ArrayList<>();
        for (Segment seg : segments) {
            // an ON condition must mean the same among all the FROM items as in its join (no name
            // it did not see may capture its columns); else its join is ordered on its own
            if (seg.on.isEmpty() || sameMeaning(seg, all, groups)) {
                items.addAll(seg.items);
                conditions.addAll(seg.on);
            } else {
                items.add(collapse(seg));
            }
        }
        if (where != null) {
            noAggregates(where, "WHERE");
            List<Expression> parts = new ArrayList<>();
            conjuncts(where, parts);
            if (decorrelation != null) {
                decorrelation.take(parts);
            }
            parts.forEach(c -> conditions.add(new JoinPlanner.Condition(c, "WHERE")));
        }
        Item joined = planner.join(items, conditions);
        Scope scope = scopeOf(joined.entries());
        return new Bound(decorrelated(joined.plan(), scope), scope);
    }

    private PlanNode decorrelated(PlanNode plan, Scope scope) {
        return decorrelation == null ? plan : decorrelation.apply(plan, scope);
    }

    private boolean sameMeaning(Segment seg, Scope all, List<Item> groups) {
        Scope own = planner.scopeOfAll(seg.items);
        int entriesBefore = 0;
        for (Item g : groups) {
            if (g == seg.items.get(0)) {
                break;
            }
            entriesBefore += g.entries().size();
        }
        int before = entriesBefore;
        for (JoinPlanner.Condition c : seg.on) {
            own.recordUses();
            binder.condition(c.expr(), own, c.clause());
            BitSet expected = own.uses();
            all.recordUses();
            try {
                binder.condition(c.expr(), all, c.clause());
            } catch (DbException e) {
                return false;
            }
            BitSet found = all.uses();
            BitSet shifted = new BitSet();
            expected.stream().forEach(i -> shifted.set(i + before));
            if (!shifted.equals(found)) {
                return false;
            }
        }
        return true;
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
            BoundQuery q = queries.resolveUnknownColumns(queries.bind(p, outer, with));
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
        org.rustydb.execution.internal.catalog.SystemTable system = Catalog.findSystem(ctx, t);
        if (system != null) {
            // computed when the scan opens, so a kept plan still reads the current catalog
            String qualifier = alias != null ? alias : system.name();
            ScopeEntry entry = new ScopeEntry(qualifier, alias != null ? null : system.schema(), system.columnNames(),
                    system.types());
            if (t.getAlias() != null && t.getAlias().getAliasColumns() != null) {
                entry = renamed(entry, t.getAlias(), t);
            }
            return new Item(new PlanNode.CatalogScan(system, alias), List.of(entry));
        }
        if (Catalog.findRelation(ctx, t) instanceof org.rustydb.spi.storage.ViewHandle view) {
            ctx.dependencies().access(new PlanDependencies.Access(org.rustydb.spi.security.ObjectRef.relation(
                    view.definition().schema(), view.definition().name()), "view", view.definition().name(),
                    org.rustydb.spi.security.Privilege.SELECT.bit(), null, null, ViewExpansion.checkedAs()));
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
        PlanNode.Scan scan = new PlanNode.Scan(table, alias, null, List.of(), locking);
        int needed = org.rustydb.spi.security.Privilege.SELECT.bit()
                | (locking == null ? 0 : org.rustydb.spi.security.Privilege.UPDATE.bit());
        ctx.dependencies().access(new PlanDependencies.Access(org.rustydb.spi.security.ObjectRef.relation(
                table.definition().schema(), table.definition().name()), "table", table.definition().name(), needed,
                null, scan, ViewExpansion.checkedAs()));
        return new Item(scan, List.of(entry));
    }

    /** A set-returning function in FROM: generate_series over integers. */
    private Item tableFunction(net.sf.jsqlparser.statement.select.TableFunction f) {
        String name = Identifiers.name(f.getFunction().getName());
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        List<Expression> args = f.getFunction().getParameters() == null ? List.of()
                : new ArrayList<>(f.getFunction().getParameters());
        if (name.equals("pg_partition_ancestors") && args.size() == 1) {
            return partitionAncestors(f, args.get(0));
        }
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
        Alias alias = f.getAlias();
        String qualifier = alias == null ? name : Identifiers.name(alias.getName());
        String column = alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()
                ? Identifiers.name(alias.getAliasColumns().get(0).name) : qualifier;
        PlanNode plan = new PlanNode.Series(coerced.get(0), coerced.get(1), coerced.size() > 2 ? coerced.get(2) : null,
                type, qualifier, column);
        // a function returning one column names it after the alias, as PostgreSQL does
        return named(plan, qualifier, List.of(alias == null ? name : qualifier), alias, f);
    }

    /**
     * pg_partition_ancestors(regclass) [WITH ORDINALITY]: no relation is a partition, so it has no
     * rows; its columns are the relid (and the ordinality's bigint).
     */
    private Item partitionAncestors(net.sf.jsqlparser.statement.select.TableFunction f, Expression arg) {
        binder.bind(arg, scopeOf(List.of()));
        Alias alias = f.getAlias();
        boolean ordinality = f.toString().toUpperCase(java.util.Locale.ROOT).contains("WITH ORDINALITY");
        List<DataType> types = ordinality ? List.of(DataType.INTEGER, DataType.BIGINT) : List.of(DataType.INTEGER);
        String qualifier = alias == null ? "pg_partition_ancestors" : Identifiers.name(alias.getName());
        List<String> names = ordinality ? List.of("relid", "ordinality") : List.of("relid");
        return named(new PlanNode.Values(List.of(), types), qualifier, names, alias, f);
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
            } else if (!planner.equiKey(c, left.entries(), right.entries(), leftKeys, rightKeys)) {
                residual.add(bound);
            }
        }
        PlanNode plan = planner.mergeCheaper(kind, l, r, leftKeys, rightKeys)
                ? planner.mergeJoin(kind, l, r, leftKeys, rightKeys, and(residual))
                : new PlanNode.Join(kind, l, r, leftKeys, rightKeys, and(residual));
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
        BoundQuery q = queries.resolveUnknownColumns(queries.bind(lateral.getSelect(), leftScope, with));
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

    static List<ScopeEntry> combined(Item left, Item right) {
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

    static PlanNode filtered(PlanNode plan, BoundExpr condition) {
        if (condition == null) {
            return plan;
        }
        if (plan instanceof PlanNode.Scan s) {
            BoundExpr f = s.filter() == null ? condition : Logic.and(List.of(s.filter(), condition));
            return new PlanNode.Scan(s.table(), s.alias(), f, s.order(), s.locking());
        }
        return new PlanNode.Filter(plan, condition);
    }

    static BoundExpr and(List<BoundExpr> conditions) {
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
