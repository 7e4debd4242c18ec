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
        String catalogType = org.rustydb.execution.internal.catalog.Regclass.typeName(cast.getColDataType().getDataType());
        if (catalogType != null && (cast.getColDataType().getArrayData() == null
                || cast.getColDataType().getArrayData().isEmpty())) {
            return catalogCast(binder, catalogType, binder.bind(cast.getLeftExpression(), scope), operatorPosition);
        }
        DataType target = TypeResolution.resolve(cast.getColDataType(), positions[1]);
        if (target.type().isString() && cast.getLeftExpression() instanceof CastExpression inner
                && (inner.getColDataType().getArrayData() == null || inner.getColDataType().getArrayData().isEmpty())) {
            // 'name'::regclass::text: the object's name as the reg type prints it (the oid's type is integer here)
            String reg = org.rustydb.execution.internal.catalog.Regclass.typeName(inner.getColDataType().getDataType());
            if (reg != null && !reg.equals("oid") && !reg.equals("name")) {
                BoundExpr oid = catalogCast(binder, reg, binder.bind(inner.getLeftExpression(), scope), operatorPosition);
                if (oid.type().isInteger()) {
                    oid = catalogCast(binder, reg, oid, operatorPosition);
                }
                BoundExpr converted = Coercions.coerce(oid, target, Casts.Context.EXPLICIT);
                if (converted != null) {
                    return converted;
                }
            }
        }
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

    /**
     * A cast to oid (an integer here), name (text), or an object identifier type: a name becomes
     * the object's oid and an oid its name, computed in the statement's transaction.
     */
    private static BoundExpr catalogCast(ExpressionBinder binder, String type, BoundExpr input, int position) {
        BindContext ctx = binder.context();
        DataType plain = type.equals("name") ? DataType.TEXT : DataType.INTEGER;
        boolean fromOid = input.type().isInteger();
        var function = org.rustydb.execution.internal.catalog.Regclass.cast(
                new org.rustydb.execution.internal.catalog.CatalogReader(ctx.session(), ctx.transaction()), type, fromOid);
        if (function == null || (input.type() == org.rustydb.api.SqlType.UNKNOWN && input instanceof Literal l
                && l.value() != null && l.value().toString().trim().chars().allMatch(Character::isDigit)
                && !l.value().toString().isBlank())) {
            if (input instanceof Literal literal && literal.isUnknown()) {
                return Coercions.convertLiteral(literal, plain, true);
            }
            BoundExpr converted = Coercions.coerce(input, plain, Casts.Context.EXPLICIT);
            if (converted == null) {
                throw Casts.cannotCast(input.type(), plain, position);
            }
            return converted;
        }
        ctx.dependencies().notReusable("a cast that reads the catalog: " + type);
        DataType argument = DataType.of(function.parameterTypes().get(0));
        BoundExpr converted = input instanceof Literal literal && literal.isUnknown()
                ? Coercions.convertLiteral(literal, argument, true)
                : Coercions.coerce(input, argument, Casts.Context.EXPLICIT);
        if (converted == null) {
            throw Casts.cannotCast(input.type(), DataType.of(function.returnType()), position);
        }
        return new org.rustydb.execution.internal.expr.FunctionCall(function, java.util.List.of(converted),
                DataType.of(function.returnType()));
    }

    /** The column name PostgreSQL gives a cast: the internal name of the type, e.g. int4. */
    static String columnName(ColDataType type) {
        String catalogType = org.rustydb.execution.internal.catalog.Regclass.typeName(type.getDataType());
        if (catalogType != null) {
            return catalogType;
        }
        try {
            return TypeResolution.resolve(type, 0).internalName();
        } catch (RuntimeException e) {
            return "?column?";
        }
    }
}
