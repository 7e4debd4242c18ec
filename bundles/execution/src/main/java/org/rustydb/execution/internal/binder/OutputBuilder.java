package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * The output of a query level: its visible columns, then hidden ones that ORDER BY needs, and
 * the ORDER BY, LIMIT and OFFSET over them.
 */
final class OutputBuilder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final Scope scope;
    private final List<BoundExpr> exprs = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<org.rustydb.api.Column> columns = new ArrayList<>();

    OutputBuilder(BindContext ctx, ExpressionBinder binder, Scope scope) {
        this.ctx = ctx;
        this.binder = binder;
        this.scope = scope;
    }

    void add(BoundExpr e, org.rustydb.api.Column column) {
        add(e, column, null);
    }

    /** A visible column, computed by {@code e}, written as {@code text} (null: not by an expression). */
    void add(BoundExpr e, org.rustydb.api.Column column, String text) {
        exprs.add(e);
        texts.add(text);
        columns.add(column);
    }

    List<org.rustydb.api.Column> columns() {
        return columns;
    }

    List<BoundExpr> exprs() {
        return exprs;
    }

    int visible() {
        return columns.size();
    }

    /** A hidden column: an expression ORDER BY or DISTINCT ON sorts by. */
    int hidden(BoundExpr e, String text) {
        exprs.add(e);
        texts.add(text);
        return exprs.size() - 1;
    }

    /** The projection of {@code input} onto the columns (left out when it would change nothing). */
    PlanNode project(PlanNode input) {
        boolean identity = exprs.size() == input.width();
        for (int i = 0; identity && i < exprs.size(); i++) {
            identity = exprs.get(i) instanceof ColumnRef c && c.index() == i;
        }
        return identity ? input : new PlanNode.Project(input, exprs);
    }

    /** The input projected and sorted by ORDER BY. */
    PlanNode sorted(PlanNode input, List<OrderByElement> order, boolean distinct) {
        List<SortKey> keys = keys(order, distinct);
        return new PlanNode.Sort(project(input), keys);
    }

    /**
     * ORDER BY keys: an output column by position or by name (a bare name matching an output
     * column wins), an expression written as an output column, otherwise an expression over the
     * input (a hidden column; not allowed with DISTINCT).
     */
    List<SortKey> keys(List<OrderByElement> order, boolean distinct) {
        List<SortKey> keys = new ArrayList<>();
        for (OrderByElement o : order) {
            boolean descending = !o.isAsc();
            boolean nullsFirst = o.getNullOrdering() == null ? descending
                    : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
            keys.add(new SortKey(column(o.getExpression(), distinct), descending, nullsFirst));
        }
        return keys;
    }

    private int column(Expression e, boolean distinct) {
        int position = ctx.pos(e);
        if (e instanceof LongValue v) {
            long n = v.getValue();
            if (n < 1 || n > columns.size()) {
                throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position %s is not in select list",
                        v.getStringValue()).withPosition(position);
            }
            return (int) n - 1;
        }
        if (e instanceof StringValue || e instanceof NullValue || e instanceof DoubleValue) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "non-integer constant in ORDER BY").withPosition(position);
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Identifiers.name(c.getColumnName());
            int match = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    if (match >= 0 && !exprs.get(match).equals(exprs.get(i))) {
                        throw DbException.of(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"%s\" is ambiguous", name)
                                .withPosition(position);
                    }
                    if (match < 0) {
                        match = i;
                    }
                }
            }
            if (match >= 0) {
                return match;
            }
        }
        String text = e.toString();
        for (int i = 0; i < texts.size(); i++) {
            if (text.equals(texts.get(i))) {
                return i;
            }
        }
        BoundExpr bound = Coercions.resolveUnknown(binder.bind(e, scope));
        for (int i = 0; i < exprs.size(); i++) {
            if (exprs.get(i).equals(bound)) {
                return i;
            }
        }
        if (distinct) {
            throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list").withPosition(position);
        }
        return hidden(bound, text);
    }

    /** LIMIT / OFFSET / FETCH FIRST of the query over {@code plan}. */
    PlanNode limited(PlanNode plan, Select select) {
        BoundExpr limit = null;
        Limit l = select.getLimit();
        if (l != null) {
            if (l.getOffset() != null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "LIMIT #,# syntax is not supported")
                        .withHint("Use separate LIMIT and OFFSET clauses.").withPosition(ctx.pos(l.getRowCount()));
            }
            limit = rowCount(l.getRowCount(), "LIMIT");
        }
        Fetch fetch = select.getFetch();
        if (fetch != null) {
            if (limit != null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed");
            }
            limit = fetch.getExpression() == null ? new Literal(DataType.BIGINT, 1L, 0)
                    : rowCount(fetch.getExpression(), "LIMIT");
        }
        BoundExpr offset = select.getOffset() == null ? null : rowCount(select.getOffset().getOffset(), "OFFSET");
        return limit == null && offset == null ? plan : new PlanNode.Limit(plan, limit, offset);
    }

    /** A LIMIT or OFFSET argument: a bigint expression without column references; ALL or NULL for none. */
    private BoundExpr rowCount(Expression e, String clause) {
        if (e == null || e instanceof AllValue) {
            return null;
        }
        BoundExpr bound = binder.bind(e, Scope.noVariables(clause));
        BoundExpr converted = Coercions.coerce(bound, DataType.BIGINT, Casts.Context.IMPLICIT);
        if (converted == null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH, "argument of %s must be type bigint, not type %s", clause,
                    bound.dataType().displayName()).withPosition(ctx.pos(e));
        }
        return converted;
    }

    /** Drops the hidden columns. */
    PlanNode trimmed(PlanNode plan) {
        if (plan.width() == columns.size()) {
            return plan;
        }
        List<BoundExpr> visible = new ArrayList<>();
        List<DataType> types = plan.types();
        for (int i = 0; i < columns.size(); i++) {
            visible.add(new ColumnRef(i, types.get(i), columns.get(i).name()));
        }
        return new PlanNode.Project(plan, visible);
    }
}
