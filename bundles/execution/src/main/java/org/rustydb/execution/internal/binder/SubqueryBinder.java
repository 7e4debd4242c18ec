package org.rustydb.execution.internal.binder;

import java.util.Map;

import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.exec.SubqueryExpr;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.types.DataType;

/**
 * Binds subqueries used as expressions: scalar, EXISTS, IN and op ANY/ALL. The subquery is bound
 * as a query level nested in the scope of the expression; it is correlated if some name in it
 * resolved to that scope or further out.
 */
final class SubqueryBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final QueryBinder queries;

    SubqueryBinder(BindContext ctx, ExpressionBinder binder, QueryBinder queries) {
        this.ctx = ctx;
        this.binder = binder;
        this.queries = queries;
    }

    /** A bound subquery and whether it reads the enclosing rows. */
    private record Nested(BoundQuery query, boolean correlated) {
    }

    private Nested nested(Select select, Scope scope) {
        int before = scope.referencedFromBelow();
        BoundQuery q = queries.resolveUnknownColumns(queries.bind(select, scope, Map.of()));
        return new Nested(q, scope.referencedFromBelow() != before);
    }

    BoundExpr scalar(Select select, Scope scope) {
        Nested n = nested(select, scope);
        if (n.query().columns().size() != 1) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "subquery must return only one column")
                    .withPosition(ctx.pos(select));
        }
        DataType type = n.query().plan().types().get(0);
        ctx.dependencies().notReusable("a subquery expression");
        return new SubqueryExpr(SubqueryExpr.Kind.SCALAR, n.query().plan(), scope.cell(), n.correlated(), null, null,
                type, ctx.session(), ctx.transaction());
    }

    BoundExpr exists(Select select, Scope scope) {
        Nested n = nested(select, scope);
        ctx.dependencies().notReusable("a subquery expression");
        return new SubqueryExpr(SubqueryExpr.Kind.EXISTS, n.query().plan(), scope.cell(), n.correlated(), null, null,
                DataType.BOOLEAN, ctx.session(), ctx.transaction());
    }

    /** {@code left op ANY (select)} ({@code all}: op ALL); IN is {@code = ANY}. */
    BoundExpr quantified(BoundExpr left, Comparison.Op op, boolean all, Select select, Scope scope, int position) {
        Nested n = nested(select, scope);
        if (n.query().columns().size() != 1) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "subquery has too many columns").withPosition(position);
        }
        DataType rightType = n.query().plan().types().get(0);
        if (left instanceof Literal lit && lit.isUnknown()) {
            left = Coercions.convertLiteral(lit, rightType, false);
        } else if (left instanceof org.rustydb.execution.internal.expr.Parameter p && p.isUnknown()) {
            left = p.resolve(rightType);
        }
        BoundExpr comparison = binder.operators().compare(op, new ColumnRef(0, left.dataType(), null),
                new ColumnRef(1, rightType, null), position);
        boolean hashable = op == Comparison.Op.EQ && !all && sameFamily(left.dataType(), rightType);
        ctx.dependencies().notReusable("a subquery expression");
        return new SubqueryExpr(all ? SubqueryExpr.Kind.ALL : SubqueryExpr.Kind.ANY, n.query().plan(), scope.cell(),
                n.correlated(), left, comparison, DataType.BOOLEAN, ctx.session(), ctx.transaction(), hashable);
    }

    /** Types whose values are equal exactly when their hash keys are (integers of any width, same type, strings). */
    private static boolean sameFamily(DataType a, DataType b) {
        org.rustydb.api.SqlType t = a.type();
        if (t == b.type()) {
            // char(n) compares without its padding, json has no equality to speak of
            return t != org.rustydb.api.SqlType.CHAR && t != org.rustydb.api.SqlType.JSON
                    && t != org.rustydb.api.SqlType.JSONB && t != org.rustydb.api.SqlType.UNKNOWN;
        }
        return (a.type().isInteger() && b.type().isInteger())
                || (a.type() == org.rustydb.api.SqlType.TEXT || a.type() == org.rustydb.api.SqlType.VARCHAR)
                && (b.type() == org.rustydb.api.SqlType.TEXT || b.type() == org.rustydb.api.SqlType.VARCHAR);
    }
}
