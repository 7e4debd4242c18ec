package org.rustydb.execution.internal.binder;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.txn.Transaction;

/**
 * Column DEFAULT expressions: kept as SQL text in the column's definition and bound again each
 * time a statement needs them, as an expression over no row converted to the column's type. The
 * bound expression is evaluated once per row it fills, so volatile defaults ({@code nextval},
 * {@code random()}) give each row its own value, as in PostgreSQL.
 */
public final class ColumnDefaults {
    private ColumnDefaults() {
    }

    /** The DEFAULT keyword where a value goes (INSERT VALUES, UPDATE SET). */
    public static boolean isDefaultKeyword(Expression e) {
        return e instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default");
    }

    /** The column's default as a bound expression; a NULL of the column's type when it has none. */
    public static BoundExpr bind(BindContext ctx, ColumnDefinition column) {
        BoundExpr value = bind(ctx.session(), ctx.transaction(), ctx.notices(), column, ctx.dependencies());
        if (!(value instanceof Literal)) {
            // bound in a context of its own: the functions and sequences it reads are not recorded
            ctx.dependencies().notReusable("a column default that is not a constant");
        }
        return value;
    }

    public static BoundExpr bind(SessionContext session, Transaction txn, ResultSink notices, ColumnDefinition column) {
        return bind(session, txn, notices, column, (PlanDependencies) null);
    }

    /** As above; the functions the default calls need EXECUTE, recorded in {@code calls} when given. */
    private static BoundExpr bind(SessionContext session, Transaction txn, ResultSink notices, ColumnDefinition column,
                                  PlanDependencies calls) {
        DataType type = new DataType(column.type(), column.typeModifier());
        if (column.defaultExpression() == null) {
            return new Literal(type, null, 0);
        }
        try {
            if (column.identity() != ColumnDefinition.Identity.NONE) {
                return org.rustydb.execution.internal.function.SequenceFunctions.forIdentity(
                        () -> bind(session, txn, notices, column, ExpressionText.parse(column.defaultExpression()), calls));
            }
            return bind(session, txn, notices, column, ExpressionText.parse(column.defaultExpression()), calls);
        } catch (DbException e) {
            // a position in the stored text would point into the user's statement
            throw e.withPosition(0);
        }
    }

    /**
     * Binds a default as written in CREATE or ALTER TABLE: 42804 if it does not convert to the
     * column's type by assignment; a column reference fails as no column is in scope.
     */
    public static BoundExpr bind(SessionContext session, Transaction txn, ResultSink notices, ColumnDefinition column,
                                 ExpressionText expression) {
        return bind(session, txn, notices, column, expression, null);
    }

    private static BoundExpr bind(SessionContext session, Transaction txn, ResultSink notices, ColumnDefinition column,
                                  ExpressionText expression, PlanDependencies calls) {
        BindContext ctx = new BindContext(session, txn, expression.source(), notices);
        BoundExpr value;
        try {
            value = new ExpressionBinder(ctx).bind(expression.expression(), Scope.empty());
        } catch (DbException e) {
            if (SqlState.UNDEFINED_COLUMN.equals(e.sqlState())) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression")
                        .withPosition(e.position());
            }
            throw e;
        }
        if (calls != null) {
            for (PlanDependencies.Access a : ctx.dependencies().accesses()) {
                if (a.object().kind() == org.rustydb.spi.security.ObjectKind.FUNCTION) {
                    calls.execute(a.name());
                }
            }
        }
        DataType type = new DataType(column.type(), column.typeModifier());
        BoundExpr converted = Coercions.coerce(value, type, Casts.Context.ASSIGNMENT);
        if (converted == null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH,
                            "column \"%s\" is of type %s but default expression is of type %s", column.name(),
                            type.displayName(), value.dataType().displayName())
                    .withHint("You will need to rewrite or cast the expression.");
        }
        return converted;
    }
}
