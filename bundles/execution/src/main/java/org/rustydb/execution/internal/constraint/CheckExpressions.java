package org.rustydb.execution.internal.constraint;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.DbException;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.ExpressionBinder;
import org.rustydb.execution.internal.binder.Scope;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.txn.Transaction;

/**
 * Binds the condition of a CHECK constraint over the row of its table, with PostgreSQL's rules:
 * boolean, no subqueries, aggregates or window functions. Used when CREATE TABLE defines the
 * constraint (errors point into the statement) and when rows are checked (the stored text).
 */
public final class CheckExpressions {
    private static final ResultSink NO_RESULTS = result -> {
        throw new IllegalStateException("a CHECK expression produces no results");
    };

    /**
     * A bound condition.
     *
     * @param condition the boolean expression over a row of the table
     * @param columns   the distinct columns it refers to, which PostgreSQL's generated names use
     */
    public record Bound(BoundExpr condition, Set<Integer> columns) {
    }

    private CheckExpressions() {
    }

    /** Binds a condition as written; {@code notices} gets what binding raises. */
    public static Bound bind(SessionContext session, Transaction txn, ResultSink notices, TableDefinition table,
                             ExpressionText expression) {
        BindContext ctx = new BindContext(session, txn, expression.source(), notices == null ? NO_RESULTS : notices);
        Scan scan = new Scan(table);
        expression.expression().accept(scan, null);
        if (scan.subquery != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint")
                    .withPosition(ctx.pos(scan.subquery));
        }
        if (scan.aggregate != null) {
            throw DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in check constraints")
                    .withPosition(ctx.pos(scan.aggregate));
        }
        if (scan.window != null) {
            throw DbException.of(SqlState.WINDOWING_ERROR, "window functions are not allowed in check constraints")
                    .withPosition(ctx.pos(scan.window));
        }
        BoundExpr condition = new ExpressionBinder(ctx).condition(expression.expression(), Scope.of(table, null),
                "CHECK");
        return new Bound(condition, scan.columns);
    }

    /** Binds a stored condition, for checking rows. */
    public static BoundExpr bindStored(SessionContext session, Transaction txn, TableDefinition table, String text) {
        try {
            return bind(session, txn, null, table, ExpressionText.parse(text)).condition();
        } catch (DbException e) {
            // a position in the stored text would point into the user's statement
            throw e.withPosition(0);
        }
    }

    /** Finds what a CHECK may not contain, and the columns it refers to. */
    private static final class Scan extends ExpressionVisitorAdapter<Void> {
        private final TableDefinition table;
        private final Set<Integer> columns = new TreeSet<>();
        private Object subquery;
        private Object aggregate;
        private Object window;

        Scan(TableDefinition table) {
            this.table = table;
        }

        @Override
        public <S> Void visit(Column column, S context) {
            int index = table.columnIndex(Identifiers.name(column.getColumnName()));
            if (index >= 0) {
                columns.add(index);
            }
            return null;
        }

        @Override
        public <S> Void visit(Function function, S context) {
            String name = function.getName() == null ? "" : function.getName();
            name = Identifiers.name(name.substring(name.lastIndexOf('.') + 1)).toLowerCase(Locale.ROOT);
            if (aggregate == null && ExpressionBinder.isAggregate(name)) {
                aggregate = function;
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression expression, S context) {
            if (window == null) {
                window = expression;
            }
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            return subquery(select);
        }

        @Override
        public <S> Void visit(Select select, S context) {
            return subquery(select);
        }

        @Override
        public <S> Void visit(ExistsExpression exists, S context) {
            return subquery(exists);
        }

        private Void subquery(Object node) {
            if (subquery == null) {
                subquery = node;
            }
            return null;
        }
    }
}
