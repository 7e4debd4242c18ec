package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/** Binds a SELECT over at most one table into a {@link BoundSelect}. */
public final class SelectBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;

    public SelectBinder(BindContext ctx) {
        this.ctx = ctx;
        this.binder = new ExpressionBinder(ctx);
    }

    public BoundSelect bind(Select select) {
        if (select instanceof ParenthesedSelect p && p.getOrderByElements() == null && p.getLimit() == null
                && p.getOffset() == null && p.getFetch() == null && p.getAlias() == null) {
            return bind(p.getSelect());
        }
        if (select instanceof SetOperationList set) {
            String op = set.getOperations().isEmpty() ? "set operations" : set.getOperations().get(0).toString();
            throw unsupported(op + " is", select);
        }
        if (select instanceof Values) {
            throw unsupported("VALUES lists are", select);
        }
        if (!(select instanceof PlainSelect ps)) {
            throw unsupported("this form of SELECT is", select);
        }
        return bindPlain(ps);
    }

    private DbException unsupported(String subject, Object node) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet").withPosition(ctx.pos(node));
    }

    private BoundSelect bindPlain(PlainSelect ps) {
        checkSupported(ps);
        BoundSelect.Locking locking = RowLockClause.bind(ctx, ps);
        TableHandle table = null;
        Scope scope = Scope.empty();
        FromItem from = ps.getFromItem();
        if (from != null) {
            if (!(from instanceof Table t)) {
                throw unsupported(from instanceof ParenthesedSelect ? "subqueries in FROM are" : "this FROM item is",
                        from);
            }
            table = Catalog.require(ctx, t);
            table = TableLocking.lock(ctx, table, locking == null ? LockMode.ACCESS_SHARE : LockMode.ROW_SHARE);
            Alias alias = t.getAlias();
            if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                throw unsupported("column aliases in FROM are", from);
            }
            scope = Scope.of(table.definition(), alias == null ? null : Identifiers.name(alias.getName()));
        }
        List<BoundExpr> projections = new ArrayList<>();
        List<org.rustydb.api.Column> columns = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            addSelectItem(item, scope, projections, columns);
        }
        BoundExpr filter = ps.getWhere() == null ? null : binder.condition(ps.getWhere(), scope, "WHERE");
        List<BoundSelect.SortKey> keys = new ArrayList<>();
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                keys.add(sortKey(o, scope, projections, columns));
            }
        }
        BoundExpr limit = null;
        BoundExpr offset = null;
        Limit l = ps.getLimit();
        if (l != null) {
            if (l.getOffset() != null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "LIMIT #,# syntax is not supported")
                        .withHint("Use separate LIMIT and OFFSET clauses.").withPosition(ctx.pos(l.getRowCount()));
            }
            limit = rowCount(l.getRowCount(), "LIMIT");
        }
        Fetch fetch = ps.getFetch();
        if (fetch != null) {
            if (limit != null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed");
            }
            if (fetch.getExpression() == null) {
                // FETCH FIRST ROW ONLY: one row.
                limit = new Literal(DataType.BIGINT, 1L, 0);
            } else {
                limit = rowCount(fetch.getExpression(), "LIMIT");
            }
        }
        if (ps.getOffset() != null) {
            offset = rowCount(ps.getOffset().getOffset(), "OFFSET");
        }
        if (locking != null && table != null) {
            RowLockClause.checkTargets(ctx, ps, table);
        }
        return new BoundSelect(table, filter, projections, columns, keys, limit, offset, table == null ? null : locking);
    }

    private void checkSupported(PlainSelect ps) {
        if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
            throw unsupported("WITH queries are", ps);
        }
        if (ps.getDistinct() != null) {
            throw unsupported("DISTINCT is", ps);
        }
        if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            throw unsupported("SELECT INTO is", ps);
        }
        if (ps.getJoins() != null && !ps.getJoins().isEmpty()) {
            throw unsupported("joins are", ps);
        }
        if (ps.getGroupBy() != null) {
            throw unsupported("GROUP BY is", ps);
        }
        if (ps.getHaving() != null) {
            throw unsupported("HAVING is", ps.getHaving());
        }
        if (ps.getWindowDefinitions() != null && !ps.getWindowDefinitions().isEmpty()) {
            throw unsupported("WINDOW is", ps);
        }
        if (ps.getTop() != null || ps.getFirst() != null || ps.getSkip() != null || ps.getOracleHierarchical() != null
                || ps.getQualify() != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error in SELECT").withPosition(ctx.pos(ps));
        }
        if (ps.getFetch() != null && ps.getFetch().getFetchParameters().stream()
                .anyMatch(p -> p.equalsIgnoreCase("TIES") || p.toUpperCase(java.util.Locale.ROOT).contains("TIES"))) {
            throw unsupported("FETCH WITH TIES is", ps);
        }
    }

    private void addSelectItem(SelectItem<?> item, Scope scope, List<BoundExpr> projections,
                               List<org.rustydb.api.Column> columns) {
        Expression e = item.getExpression();
        if (e instanceof AllTableColumns all) {
            Table t = all.getTable();
            String qualifier = Identifiers.name(t.getName());
            String schema = t.getSchemaName() == null ? null : Identifiers.name(t.getSchemaName());
            if (!scope.matches(schema, qualifier)) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"%s\"", qualifier)
                        .withPosition(ctx.pos(e));
            }
            addAllColumns(scope, projections, columns);
            return;
        }
        if (e instanceof AllColumns) {
            if (scope.table() == null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid")
                        .withPosition(ctx.pos(e));
            }
            addAllColumns(scope, projections, columns);
            return;
        }
        BoundExpr bound = Coercions.resolveUnknown(binder.bind(e, scope));
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
        projections.add(bound);
        columns.add(new org.rustydb.api.Column(name, bound.type(), bound.dataType().typmod()));
    }

    private static void addAllColumns(Scope scope, List<BoundExpr> projections, List<org.rustydb.api.Column> columns) {
        List<ColumnDefinition> defs = scope.columns();
        for (int i = 0; i < defs.size(); i++) {
            ColumnDefinition d = defs.get(i);
            projections.add(new ColumnRef(i, new DataType(d.type(), d.typeModifier()), d.name()));
            columns.add(new org.rustydb.api.Column(d.name(), d.type(), d.typeModifier()));
        }
    }

    /**
     * An ORDER BY key: an output column by position or by name (a bare name matching an output
     * column wins), otherwise an expression over the input, appended as a hidden projection.
     */
    private BoundSelect.SortKey sortKey(OrderByElement o, Scope scope, List<BoundExpr> projections,
                                        List<org.rustydb.api.Column> columns) {
        boolean descending = !o.isAsc();
        boolean nullsFirst = o.getNullOrdering() == null ? descending
                : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        Expression e = o.getExpression();
        int position = ctx.pos(e);
        if (e instanceof LongValue v) {
            long n = v.getValue();
            if (n < 1 || n > columns.size()) {
                throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position %s is not in select list",
                        v.getStringValue()).withPosition(position);
            }
            return new BoundSelect.SortKey((int) n - 1, descending, nullsFirst);
        }
        if (e instanceof StringValue || e instanceof NullValue || e instanceof DoubleValue) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "non-integer constant in ORDER BY").withPosition(position);
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Identifiers.name(c.getColumnName());
            int match = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    if (match >= 0 && !projections.get(match).equals(projections.get(i))) {
                        throw DbException.of(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"%s\" is ambiguous", name)
                                .withPosition(position);
                    }
                    if (match < 0) {
                        match = i;
                    }
                }
            }
            if (match >= 0) {
                return new BoundSelect.SortKey(match, descending, nullsFirst);
            }
        }
        projections.add(Coercions.resolveUnknown(binder.bind(e, scope)));
        return new BoundSelect.SortKey(projections.size() - 1, descending, nullsFirst);
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
}
