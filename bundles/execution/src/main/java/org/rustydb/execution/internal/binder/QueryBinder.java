package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.WorkTable;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Binds queries into plans: SELECT blocks ({@link SelectBlockBinder}), set operations, VALUES,
 * WITH [RECURSIVE], and the ORDER BY / LIMIT of a parenthesized query or set operation.
 */
public final class QueryBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    /** The SELECT block, feeding an INSERT, whose constants keep their unknown type; see {@link #bindInsertSource}. */
    private PlainSelect insertSourceBlock;

    public QueryBinder(BindContext ctx) {
        this.ctx = ctx;
        this.binder = new ExpressionBinder(ctx, this);
    }

    QueryBinder(BindContext ctx, ExpressionBinder binder) {
        this.ctx = ctx;
        this.binder = binder;
    }

    /** A top-level query: constants of unknown type come out as text. */
    public BoundQuery bind(Select select) {
        BoundQuery q = bind(select, null, Map.of());
        return compositesAsText(resolveUnknownColumns(q));
    }

    /**
     * A query's composite columns leave the engine as their text (record_out), so a client reads
     * {@code (1,2)} as from PostgreSQL, typed text rather than record.
     */
    private static BoundQuery compositesAsText(BoundQuery q) {
        List<DataType> types = q.plan().types();
        if (types.stream().noneMatch(DataType::isComposite)) {
            return q;
        }
        List<BoundExpr> exprs = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            BoundExpr ref = new ColumnRef(i, types.get(i), i < q.columns().size() ? q.columns().get(i).name() : "?column?");
            exprs.add(types.get(i).isComposite() ? new org.rustydb.execution.internal.expr.CompositeText(ref) : ref);
        }
        return new BoundQuery(new PlanNode.Project(q.plan(), exprs), q.columns());
    }

    /**
     * The query of INSERT ... SELECT. As in PostgreSQL, the constants of a plain SELECT list keep their
     * unknown type so the target columns type them ({@code SELECT 1, '2020-01-01'} fills a timestamp);
     * DISTINCT, GROUP BY, ORDER BY, set operations and subqueries resolve them to text first.
     */
    public BoundQuery bindInsertSource(Select select) {
        Select inner = select;
        while (inner instanceof ParenthesedSelect p && noOrderOrLimit(p) && p.getWithItemsList() == null) {
            inner = p.getSelect();
        }
        if (!(inner instanceof PlainSelect ps) || ps.getDistinct() != null || ps.getGroupBy() != null
                || (ps.getOrderByElements() != null && !ps.getOrderByElements().isEmpty())) {
            return bind(select);
        }
        insertSourceBlock = ps;
        try {
            return compositesAsText(bind(select, null, Map.of()));
        } finally {
            insertSourceBlock = null;
        }
    }

    private static boolean noOrderOrLimit(ParenthesedSelect p) {
        return (p.getOrderByElements() == null || p.getOrderByElements().isEmpty()) && p.getLimit() == null
                && p.getOffset() == null && p.getFetch() == null;
    }

    /** True when the constants of this SELECT block's list stay of unknown type. */
    boolean keepsUnknownOutputs(PlainSelect block) {
        return block == insertSourceBlock;
    }

    BoundQuery bind(Select select, Scope outer, Map<String, WithQuery> inherited) {
        Map<String, WithQuery> with = bindWith(select.getWithItemsList(), outer, inherited);
        if (select instanceof PlainSelect ps) {
            return new SelectBlockBinder(ctx, binder, this, outer, with).bind(ps);
        }
        BoundQuery q;
        if (select instanceof ParenthesedSelect p) {
            q = bind(p.getSelect(), outer, with);
        } else if (select instanceof SetOperationList set) {
            q = setOperations(set, outer, with);
        } else if (select instanceof Values v) {
            q = values(v.getExpressions(), outer, with);
        } else {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "this form of SELECT is not supported yet")
                    .withPosition(ctx.pos(select));
        }
        return orderAndLimit(q, select, outer, with);
    }

    /** ORDER BY, LIMIT and OFFSET over a query's output columns (by name or position). */
    private BoundQuery orderAndLimit(BoundQuery q, Select select, Scope outer, Map<String, WithQuery> with) {
        List<OrderByElement> order = select.getOrderByElements();
        boolean limited = select.getLimit() != null || select.getOffset() != null || select.getFetch() != null;
        if ((order == null || order.isEmpty()) && !limited) {
            return q;
        }
        List<String> names = q.columns().stream().map(Column::name).toList();
        Scope scope = Scope.nested(outer, List.of(new ScopeEntry(null, null, names, q.plan().types())), with);
        OutputBuilder out = new OutputBuilder(ctx, binder, scope);
        for (int i = 0; i < names.size(); i++) {
            out.add(new ColumnRef(i, q.plan().types().get(i), names.get(i)), q.columns().get(i));
        }
        PlanNode plan = q.plan();
        if (order != null && !order.isEmpty()) {
            plan = out.sorted(plan, order, false);
        }
        plan = out.limited(plan, select);
        return new BoundQuery(out.trimmed(plan), q.columns());
    }

    // ---- WITH ---------------------------------------------------------------------------------

    private Map<String, WithQuery> bindWith(List<WithItem<?>> items, Scope outer, Map<String, WithQuery> inherited) {
        if (items == null || items.isEmpty()) {
            return inherited;
        }
        Map<String, WithQuery> with = new LinkedHashMap<>(inherited);
        Map<String, WithQuery> own = new LinkedHashMap<>();
        for (WithItem<?> item : items) {
            String name = Identifiers.name(item.getAliasName());
            if (own.containsKey(name)) {
                throw DbException.of(SqlState.DUPLICATE_ALIAS, "WITH query name \"%s\" specified more than once", name)
                        .withPosition(ctx.pos(item.getSelect()));
            }
            WithQuery w = new WithQuery(name);
            own.put(name, w);
            List<String> columnNames = columnNames(item);
            ParenthesedSelect select = item.getSelect();
            if (select == null) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "data-modifying statements in WITH are not "
                        + "supported yet");
            }
            if (item.isRecursive() && select.getSelect() instanceof SetOperationList set && references(set, name)) {
                with.put(name, w);
                recursive(w, set, columnNames, outer, with);
            } else {
                BoundQuery q = resolveUnknownColumns(bind(select, outer, with));
                w.bound(q.plan(), renamed(q.columns(), columnNames, name));
                with.put(name, w);
            }
        }
        return with;
    }

    private static List<String> columnNames(WithItem<?> item) {
        List<String> names = new ArrayList<>();
        if (item.getWithItemList() != null) {
            for (SelectItem<?> s : item.getWithItemList()) {
                names.add(Identifiers.name(s.getExpression().toString()));
            }
        }
        return names;
    }

    private List<String> renamed(List<Column> columns, List<String> names, String query) {
        if (names.size() > columns.size()) {
            throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"%s\" has %d columns available but "
                    + "%d columns specified", query, columns.size(), names.size());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(i < names.size() ? names.get(i) : columns.get(i).name());
        }
        return out;
    }

    private static boolean references(Select s, String name) {
        return s.toString().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\b" + java.util.regex.Pattern.quote(name)
                + "\\b.*");
    }

    /** WITH RECURSIVE name AS (anchor UNION [ALL] recursive part). */
    private void recursive(WithQuery w, SetOperationList set, List<String> columnNames, Scope outer,
                           Map<String, WithQuery> with) {
        List<SetOperation> ops = set.getOperations();
        if (ops.size() != 1 || !(ops.get(0) instanceof net.sf.jsqlparser.statement.select.UnionOp)) {
            throw DbException.of(SqlState.INVALID_RECURSION, "recursive query \"%s\" does not have the form "
                    + "non-recursive-term UNION [ALL] recursive-term", w.name()).withPosition(ctx.pos(set));
        }
        BoundQuery anchor = resolveUnknownColumns(bind(set.getSelects().get(0), outer, with));
        List<String> names = renamed(anchor.columns(), columnNames, w.name());
        WorkTable table = new WorkTable(w.name());
        ctx.dependencies().notReusable("a recursive query's work table");
        w.recursing(table, names, anchor.plan().types());
        BoundQuery step = bind(set.getSelects().get(1), outer, with);
        w.doneRecursing();
        PlanNode recursivePlan = conformed(step, anchor.plan().types(), "recursive query", set);
        PlanNode plan = new PlanNode.RecursiveUnion(anchor.plan(), recursivePlan, table, ops.get(0).isAll());
        w.bound(plan, names);
    }

    // ---- set operations -----------------------------------------------------------------------

    private BoundQuery setOperations(SetOperationList set, Scope outer, Map<String, WithQuery> with) {
        List<BoundQuery> operands = new ArrayList<>();
        for (Select s : set.getSelects()) {
            operands.add(bind(s, outer, with));
        }
        List<SetOperation> ops = new ArrayList<>(set.getOperations());
        // INTERSECT binds tighter than UNION and EXCEPT
        for (int i = 0; i < ops.size(); ) {
            if (ops.get(i) instanceof IntersectOp) {
                operands.set(i, combine(operands.get(i), operands.remove(i + 1), ops.remove(i), set));
            } else {
                i++;
            }
        }
        BoundQuery result = operands.get(0);
        for (int i = 0; i < ops.size(); i++) {
            result = combine(result, operands.get(i + 1), ops.get(i), set);
        }
        return result;
    }

    private BoundQuery combine(BoundQuery left, BoundQuery right, SetOperation op, Object node) {
        PlanNode.SetOpKind kind = op instanceof IntersectOp ? PlanNode.SetOpKind.INTERSECT
                : op instanceof ExceptOp || op instanceof MinusOp ? PlanNode.SetOpKind.EXCEPT : PlanNode.SetOpKind.UNION;
        String name = kind.name();
        if (left.columns().size() != right.columns().size()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "each %s query must have the same number of columns", name)
                    .withPosition(ctx.pos(node));
        }
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            BoundExpr l = new ColumnRef(i, left.plan().types().get(i), null);
            BoundExpr r = new ColumnRef(i, right.plan().types().get(i), null);
            types.add(Coercions.commonType(List.of(l, r), name, List.of(ctx.pos(node), ctx.pos(node))));
        }
        PlanNode l = conformed(left, types, name, node);
        PlanNode r = conformed(right, types, name, node);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            DataType t = types.get(i);
            columns.add(new Column(left.columns().get(i).name(), t.type(), t.typmod()));
        }
        return new BoundQuery(new PlanNode.SetOp(kind, op.isAll(), l, r), columns);
    }

    /** The query's plan with its columns converted to {@code types} (NULL constants take any type). */
    private PlanNode conformed(BoundQuery q, List<DataType> types, String construct, Object node) {
        List<DataType> have = q.plan().types();
        if (have.size() == types.size() && have.equals(types)) {
            return q.plan();
        }
        List<BoundExpr> exprs = new ArrayList<>();
        PlanNode input = q.plan();
        List<BoundExpr> projected = input instanceof PlanNode.Project p ? p.exprs() : null;
        for (int i = 0; i < types.size(); i++) {
            DataType target = types.get(i);
            BoundExpr e = projected != null ? projected.get(i) : new ColumnRef(i, have.get(i), null);
            BoundExpr c = e instanceof Literal lit && lit.isUnknown()
                    ? Coercions.convertLiteral(lit, target, false) : Coercions.coerce(e, target, Casts.Context.IMPLICIT);
            if (c == null) {
                throw DbException.of(SqlState.DATATYPE_MISMATCH, "%s could not convert type %s to %s", construct,
                        have.get(i).displayName(), target.displayName()).withPosition(ctx.pos(node));
            }
            exprs.add(c);
        }
        if (projected != null) {
            for (int i = types.size(); i < projected.size(); i++) {
                exprs.add(projected.get(i));
            }
            return new PlanNode.Project(((PlanNode.Project) input).input(), exprs);
        }
        return new PlanNode.Project(input, exprs);
    }

    /** Output columns still of unknown type (NULL, 'text' constants) become text, as in PostgreSQL. */
    BoundQuery resolveUnknownColumns(BoundQuery q) {
        List<DataType> types = q.plan().types();
        if (types.stream().noneMatch(t -> t.type() == org.rustydb.api.SqlType.UNKNOWN)) {
            return q;
        }
        List<DataType> resolved = types.stream()
                .map(t -> t.type() == org.rustydb.api.SqlType.UNKNOWN ? DataType.TEXT : t).toList();
        PlanNode plan = conformed(q, resolved, "SELECT", q);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < q.columns().size(); i++) {
            columns.add(new Column(q.columns().get(i).name(), resolved.get(i).type(), resolved.get(i).typmod()));
        }
        return new BoundQuery(plan, columns);
    }

    // ---- VALUES -------------------------------------------------------------------------------

    BoundQuery values(ExpressionList<?> list, Scope outer, Map<String, WithQuery> with) {
        Scope scope = Scope.nested(outer, List.of(), with);
        List<List<BoundExpr>> rows = new ArrayList<>();
        List<List<Integer>> positions = new ArrayList<>();
        List<Expression> rowList = new ArrayList<>(list);
        if (list instanceof ParenthesedExpressionList<?> single
                && single.stream().noneMatch(e -> e instanceof ParenthesedExpressionList)) {
            rowList = List.of(single); // JSqlParser gives VALUES (1, 'a') as the list of its items: one row
        }
        for (Expression row : rowList) {
            List<BoundExpr> values = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            if (row instanceof ParenthesedExpressionList<?> items) {
                for (Expression e : items) {
                    values.add(binder.bind(e, scope));
                    at.add(ctx.pos(e));
                }
            } else {
                values.add(binder.bind(row, scope));
                at.add(ctx.pos(row));
            }
            if (!rows.isEmpty() && values.size() != rows.get(0).size()) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length")
                        .withPosition(ctx.pos(row));
            }
            rows.add(values);
            positions.add(at);
        }
        int width = rows.get(0).size();
        List<DataType> types = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<BoundExpr> column = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                column.add(rows.get(r).get(c));
                at.add(positions.get(r).get(c));
            }
            if (rows.size() == 1 && column.get(0) instanceof org.rustydb.execution.internal.expr.Parameter p
                    && p.isUnknown()) {
                // PostgreSQL resolves VALUES columns of unknown type to text
                rows.get(0).set(c, Coercions.resolveUnknown(p));
                column.set(0, rows.get(0).get(c));
            }
            DataType type = rows.size() == 1 ? column.get(0).dataType()
                    : Coercions.commonType(column, "VALUES", at);
            if (rows.size() > 1) {
                List<BoundExpr> coerced = Coercions.coerceAll(column, type, "VALUES", at);
                for (int r = 0; r < rows.size(); r++) {
                    rows.get(r).set(c, coerced.get(r));
                }
            }
            types.add(type);
            columns.add(new Column("column" + (c + 1), type.type(), type.typmod()));
        }
        return new BoundQuery(new PlanNode.Values(rows, types), columns);
    }

    /** Whether a parsed expression holds a subquery (which reads rows through its own cell). */
    static boolean containsSubquery(Expression e) {
        boolean[] found = {false};
        e.accept(new ExpressionWalker() {
            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                found[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.operators.relational.ExistsExpression exists,
                                  S context) {
                found[0] = true;
                return null;
            }
        }, null);
        return found[0];
    }
}
