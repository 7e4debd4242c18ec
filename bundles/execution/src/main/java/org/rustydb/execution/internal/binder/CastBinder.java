package org.rustydb.execution.internal.binder;

import java.util.Locale;

import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/** Binds CAST(x AS type) and x::type, and resolves type names as JSqlParser gives them. */
final class CastBinder {
    private CastBinder() {
    }

    static BoundExpr bind(ExpressionBinder binder, CastExpression cast, Scope scope) {
        String keyword = cast.keyword == null ? "::" : cast.keyword.toUpperCase(Locale.ROOT);
        if (!keyword.equals("CAST") && !keyword.equals("::")) {
            throw binder.unsupported(keyword + " is", cast);
        }
        BindContext ctx = binder.context();
        int[] positions = ctx.source().castPositions(cast);
        int operatorPosition = positions[0];
        DataType target = TypeResolution.resolve(cast.getColDataType(), positions[1]);
        BoundExpr input = binder.bind(cast.getLeftExpression(), scope);
        if (input instanceof Literal literal && literal.isUnknown()) {
            return Coercions.convertLiteral(literal, target, true);
        }
        if (input instanceof org.rustydb.execution.internal.expr.Parameter p && p.isUnknown()) {
            input = p.resolve(target); // $1::int makes $1 an integer, as in PostgreSQL
        }
        BoundExpr converted = Coercions.coerce(input, target, Casts.Context.EXPLICIT);
        if (converted == null) {
            throw Casts.cannotCast(input.type(), target, operatorPosition);
        }
        return converted;
    }

    /** The column name PostgreSQL gives a cast: the internal name of the type, e.g. int4. */
    static String columnName(ColDataType type) {
        try {
            return TypeResolution.resolve(type, 0).internalName();
        } catch (RuntimeException e) {
            return "?column?";
        }
    }
}
