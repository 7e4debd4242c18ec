package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.RowLocking;
import org.rustydb.execution.internal.plan.SortKey;

/**
 * Binds one SELECT block: FROM and WHERE ({@link FromBinder}), GROUP BY with HAVING and the
 * aggregates, the select list, DISTINCT [ON], ORDER BY, LIMIT and OFFSET, FOR UPDATE/SHARE.
 */
final class SelectBlockBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final QueryBinder queries;
    private final Scope outer;
    private final Map<String, WithQuery> with;

    SelectBlockBinder(BindContext ctx, ExpressionBinder binder, QueryBinder queries, Scope outer,
                      Map<String, WithQuery> with) {
        this.ctx = ctx;
        this.binder = binder;
        this.queries = queries;
        this.outer = outer;
        this.with = with;
    }

    private DbException unsupported(String subject, Object node) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet").withPosition(ctx.pos(node));
    }

    BoundQuery bind(PlainSelect ps) {
        checkSupported(ps);
        RowLocking locking = RowLockClause.bind(ctx, ps);
        PlanNode plan;
        Scope scope;
        if (ps.getFromItem() == null) {
            scope = Scope.nested(outer, List.of(), with);
            plan = new PlanNode.Result();
            if (ps.getWhere() != null) {
                plan = new PlanNode.Filter(plan, binder.condition(ps.getWhere(), scope, "WHERE"));
            }
            locking = null;
        } else {
            FromBinder.Bound from = new FromBinder(ctx, binder, queries, outer, with)
                    .bind(ps.getFromItem(), ps.getJoins(), ps.getWhere(), locking);
            plan = from.plan();
            scope = from.scope();
        }
        boolean aggregate = ps.getGroupBy() != null || ps.getHaving() != null || anyAggregate(ps);
        Scope outScope = scope;
        Grouping grouping = null;
        if (aggregate) {
            grouping = grouping(ps, scope);
            outScope = scope.grouped(grouping);
        }
        if (ps.getHaving() != null && AggregateFinder.firstWindow(ps.getHaving()) != null) {
            throw DbException.of(SqlState.WINDOWING_ERROR, "window functions are not allowed in HAVING")
                    .withPosition(ctx.pos(AggregateFinder.firstWindow(ps.getHaving())));
        }
        BoundExpr having = ps.getHaving() == null ? null : binder.condition(ps.getHaving(), outScope, "HAVING");
        Windowing windowing = new Windowing();
        Scope windowed = outScope.windowed(windowing);
        SetFunctions setFunctions = new SetFunctions();
        windowed.setFunctions(setFunctions);
        OutputBuilder out = new OutputBuilder(ctx, binder, windowed);
        for (SelectItem<?> item : ps.getSelectItems()) {
            addSelectItem(item, scope, windowed, grouping, queries.keepsUnknownOutputs(ps), out);
        }
        boolean distinct = ps.getDistinct() != null;
        List<SelectItem<?>> distinctOn = distinct ? ps.getDistinct().getOnSelectItems() : null;
        List<OrderByElement> order = ps.getOrderByElements() == null ? List.of() : ps.getOrderByElements();
        List<SortKey> keys = out.keys(order, distinct && distinctOn == null);
        List<Integer> onColumns = distinctOn == null ? null : distinctOnColumns(distinctOn, windowed, out, keys);

        if (locking != null) {
            checkLocking(ps, aggregate, distinct);
        }
        if (aggregate) {
            plan = new PlanNode.Aggregate(plan, grouping.keys(), grouping.calls(), grouping.sets());
            if (having != null) {
                plan = new PlanNode.Filter(plan, having);
            }
        } else if (!keys.isEmpty() && !distinct && windowing.calls().isEmpty() && plan instanceof PlanNode.Scan scan) {
            plan = withIndexOrder(scan, keys, out);
        }
        if (!windowing.calls().isEmpty()) {
            windowing.inputWidth(plan.width());
            plan = new PlanNode.Window(plan, windowing.calls());
        }
        if (!setFunctions.calls().isEmpty()) {
            setFunctions.inputWidth(plan.width());
            plan = new PlanNode.ProjectSet(plan, setFunctions.calls());
        }
        plan = out.project(plan);
        if (distinct && distinctOn == null) {
            List<Integer> visible = new ArrayList<>();
            for (int i = 0; i < out.visible(); i++) {
                visible.add(i);
            }
            plan = new PlanNode.Distinct(plan, visible);
        }
        if (onColumns != null) {
            List<SortKey> sortKeys = keys;
            if (sortKeys.isEmpty()) {
                sortKeys = onColumns.stream().map(c -> new SortKey(c, false, false)).toList();
            }
            plan = new PlanNode.Distinct(new PlanNode.Sort(plan, sortKeys), onColumns);
        } else if (!keys.isEmpty()) {
            plan = new PlanNode.Sort(plan, keys);
        }
        plan = out.limited(plan, ps);
        plan = out.trimmed(plan);
        return new BoundQuery(plan, out.columns());
    }

    private void checkSupported(PlainSelect ps) {
        if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            throw unsupported("SELECT INTO is", ps);
        }
        if (ps.getWindowDefinitions() != null && !ps.getWindowDefinitions().isEmpty()) {
            throw unsupported("WINDOW is", ps);
        }
        if (ps.getTop() != null || ps.getFirst() != null || ps.getSkip() != null || ps.getOracleHierarchical() != null
                || ps.getQualify() != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error in SELECT").withPosition(ctx.pos(ps));
        }
        if (ps.getFetch() != null && ps.getFetch().getFetchParameters().stream()
                .anyMatch(p -> p.toUpperCase(java.util.Locale.ROOT).contains("TIES"))) {
            throw unsupported("FETCH WITH TIES is", ps);
        }
    }

    private static boolean anyAggregate(PlainSelect ps) {
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (AggregateFinder.firstAggregate(item.getExpression()) != null) {
                return true;
            }
        }
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                if (AggregateFinder.firstAggregate(o.getExpression()) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private void checkLocking(PlainSelect ps, boolean aggregate, boolean distinct) {
        String clause = RowLockClause.bind(ctx, ps).strength().sql();
        if (ps.getGroupBy() != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not allowed with GROUP BY clause", clause);
        }
        if (aggregate) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not allowed with aggregate functions", clause);
        }
        if (distinct) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not allowed with DISTINCT clause", clause);
        }
        if (ps.getFromItem() instanceof Table && (ps.getJoins() == null || ps.getJoins().isEmpty())) {
            RowLockClause.checkTargets(ctx, ps, Catalog.require(ctx, (Table) ps.getFromItem()));
        }
    }

    // ---- GROUP BY -----------------------------------------------------------------------------

    private Grouping grouping(PlainSelect ps, Scope scope) {
        GroupByElement g = ps.getGroupBy();
        List<Expression> keyExprs = new ArrayList<>();
        List<List<List<Integer>>> factors = new ArrayList<>();
        boolean sets = false;
        if (g != null) {
            ExpressionList<?> list = g.getGroupByExpressionList();
            if (list != null) {
                for (Expression e : list) {
                    if (e instanceof Function f && (isNamed(f, "rollup") || isNamed(f, "cube"))) {
                        sets = true;
                        List<Integer> members = new ArrayList<>();
                        for (Expression m : f.getParameters()) {
                            members.add(keyIndex(m, ps, scope, keyExprs));
                        }
                        factors.add(isNamed(f, "rollup") ? GroupingSets.rollup(members) : GroupingSets.cube(members));
                    } else {
                        factors.add(List.of(List.of(keyIndex(e, ps, scope, keyExprs))));
                    }
                }
            }
            if (g.getGroupingSets() != null && !g.getGroupingSets().isEmpty()) {
                sets = true;
                List<List<Integer>> given = new ArrayList<>();
                for (ExpressionList<?> set : g.getGroupingSets()) {
                    List<Integer> members = new ArrayList<>();
                    for (Expression m : set) {
                        members.add(keyIndex(m, ps, scope, keyExprs));
                    }
                    given.add(members);
                }
                factors.add(given);
            }
        }
        List<BoundExpr> keys = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Expression e : keyExprs) {
            Expression agg = AggregateFinder.firstAggregate(e);
            if (agg != null) {
                throw DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY")
                        .withPosition(ctx.pos(agg));
            }
            keys.add(Coercions.resolveUnknown(binder.bind(e, scope)));
            texts.add(e.toString());
        }
        return new Grouping(scope, keys, texts, sets ? GroupingSets.product(factors) : null);
    }

    private static boolean isNamed(Function f, String name) {
        return f.getName() != null && f.getName().equalsIgnoreCase(name);
    }

    /**
     * The index among the keys of a GROUP BY item: a select-list position, an output column name
     * that is not an input column, or an expression over the input. The same key written twice is
     * one key.
     */
    private int keyIndex(Expression e, PlainSelect ps, Scope scope, List<Expression> keys) {
        Expression key = e;
        List<SelectItem<?>> items = ps.getSelectItems();
        if (e instanceof LongValue v) {
            long n = v.getValue();
            if (n < 1 || n > items.size() || items.get((int) n - 1).getExpression() instanceof AllColumns) {
                throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position %s is not in select list",
                        v.getStringValue()).withPosition(ctx.pos(e));
            }
            key = items.get((int) n - 1).getExpression();
        } else if (e instanceof Column c && c.getTable() == null) {
            String name = Identifiers.name(c.getColumnName());
            for (SelectItem<?> item : items) {
                if (item.getAlias() != null && Identifiers.name(item.getAlias().getName()).equals(name)
                        && !isInputColumn(name, scope)) {
                    key = item.getExpression();
                    break;
                }
            }
        }
        String text = key.toString();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).toString().equals(text)) {
                return i;
            }
        }
        keys.add(key);
        return keys.size() - 1;
    }

    /** Whether an unqualified name is a column of the FROM items (which GROUP BY prefers to output names). */
    private static boolean isInputColumn(String name, Scope scope) {
        try {
            return scope.resolveHere(null, null, name, 0) != null;
        } catch (DbException ambiguous) {
            return true;
        }
    }

    // ---- select list --------------------------------------------------------------------------

    private void addSelectItem(SelectItem<?> item, Scope scope, Scope outScope, Grouping grouping, boolean keepUnknown,
                               OutputBuilder out) {
        Expression e = item.getExpression();
        if (e instanceof AllTableColumns all) {
            Table t = all.getTable();
            String qualifier = Identifiers.name(t.getName());
            String schema = t.getSchemaName() == null ? null : Identifiers.name(t.getSchemaName());
            boolean found = false;
            for (ScopeEntry entry : scope.entries()) {
                if (qualifier.equals(entry.qualifier()) && (schema == null || schema.equals(entry.schema()))) {
                    addColumns(entry, true, grouping, out, ctx.pos(e));
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"%s\"", qualifier)
                        .withPosition(ctx.pos(e));
            }
            return;
        }
        if (e instanceof AllColumns) {
            if (scope.entries().isEmpty()) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid")
                        .withPosition(ctx.pos(e));
            }
            for (ScopeEntry entry : scope.entries()) {
                addColumns(entry, false, grouping, out, ctx.pos(e));
            }
            return;
        }
        BoundExpr bound = binder.bind(e, outScope);
        if (!(bound instanceof org.rustydb.execution.internal.expr.Literal l && l.isUnknown()
                && (l.value() == null || keepUnknown))) {
            bound = Coercions.resolveUnknown(bound);
        }
        String name;
        if (item.getAlias() != null) {
            String raw = item.getAlias().getName();
            if (raw.startsWith("'")) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", raw);
            }
            name = Identifiers.name(raw);
        } else {
            name = ColumnNames.figure(e);
        }
        out.add(bound, new org.rustydb.api.Column(name, bound.type(), bound.dataType().typmod()), e.toString());
    }

    /** The columns of one FROM entry for * or t.* (t.* includes columns merged by USING). */
    private void addColumns(ScopeEntry entry, boolean includeHidden, Grouping grouping, OutputBuilder out,
                            int position) {
        for (int i = 0; i < entry.width(); i++) {
            if (!includeHidden && entry.hidden().get(i)) {
                continue;
            }
            String name = entry.names().get(i);
            BoundExpr ref = new ColumnRef(entry.offset() + i, entry.types().get(i), name);
            if (grouping != null) {
                ref = grouping.resolveColumn(entry.qualifier() == null ? null : entry.schema(), entry.qualifier(),
                        name, position);
            }
            out.add(ref, new org.rustydb.api.Column(name, ref.type(), ref.dataType().typmod()),
                    entry.qualifier() == null ? name : entry.qualifier() + "." + name);
        }
    }

    // ---- DISTINCT ON and index order ----------------------------------------------------------

    private List<Integer> distinctOnColumns(List<SelectItem<?>> on, Scope outScope, OutputBuilder out,
                                            List<SortKey> keys) {
        List<Integer> columns = new ArrayList<>();
        for (SelectItem<?> item : on) {
            Expression e = item.getExpression();
            BoundExpr bound = Coercions.resolveUnknown(binder.bind(e, outScope));
            int found = -1;
            for (int i = 0; i < out.exprs().size() && found < 0; i++) {
                if (out.exprs().get(i).equals(bound)) {
                    found = i;
                }
            }
            columns.add(found >= 0 ? found : out.hidden(bound, e.toString()));
        }
        for (int i = 0; i < Math.min(keys.size(), columns.size()); i++) {
            if (!columns.contains(keys.get(i).column())) {
                throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE,
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
            }
        }
        return columns;
    }

    /** A single-table scan told the order ORDER BY wants when every key is a plain column. */
    private static PlanNode withIndexOrder(PlanNode.Scan scan, List<SortKey> keys, OutputBuilder out) {
        List<IndexSelection.OrderColumn> order = new ArrayList<>();
        for (SortKey key : keys) {
            if (!(out.exprs().get(key.column()) instanceof ColumnRef ref) || key.nullsFirst() != key.descending()) {
                return scan;
            }
            order.add(new IndexSelection.OrderColumn(ref.index(), key.descending()));
        }
        return new PlanNode.Scan(scan.table(), scan.alias(), scan.filter(), order, scan.locking());
    }
}
