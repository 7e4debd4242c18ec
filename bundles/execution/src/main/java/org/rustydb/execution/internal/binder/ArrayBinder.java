package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.Expression;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.ArraySubscript;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/** Binds ARRAY[...] constructors and subscripts {@code a[i]} of one-dimensional arrays. */
final class ArrayBinder {
    private ArrayBinder() {
    }

    static BoundExpr construct(ExpressionBinder binder, ArrayConstructor a, Scope scope) {
        BindContext ctx = binder.context();
        int position = ctx.pos(a);
        if (a.getExpressions() == null || a.getExpressions().isEmpty()) {
            // ARRAY[] has a type only from a cast around it; until then it reads like the literal '{}'
            return new Literal(DataType.UNKNOWN, "{}", position);
        }
        List<BoundExpr> elements = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Expression e : a.getExpressions()) {
            if (e instanceof ArrayConstructor) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported yet")
                        .withPosition(ctx.pos(e));
            }
            elements.add(binder.bind(e, scope));
            positions.add(ctx.pos(e));
        }
        DataType element = Coercions.commonType(elements, "ARRAY", positions);
        DataType array = element.arrayOf();
        if (array == null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type %s are not supported yet",
                    element.displayName()).withPosition(position);
        }
        List<BoundExpr> coerced = Coercions.coerceAll(elements, element, "ARRAY", positions);
        return new org.rustydb.execution.internal.expr.ArrayConstructor(coerced, array);
    }

    static BoundExpr subscript(ExpressionBinder binder, BoundExpr array, List<Expression> indexes, Scope scope,
                               int position) {
        if (!array.type().isArray()) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH,
                    "cannot subscript type %s because it does not support subscripting",
                    array.dataType().displayName()).withPosition(position);
        }
        if (indexes.size() != 1) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported yet")
                    .withPosition(position);
        }
        Expression indexExpr = indexes.get(0);
        BoundExpr index = binder.bind(indexExpr, scope);
        BoundExpr integer = Coercions.coerce(index, DataType.INTEGER, Casts.Context.ASSIGNMENT);
        if (integer == null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer")
                    .withPosition(binder.context().pos(indexExpr));
        }
        return new ArraySubscript(array, integer, array.dataType().element());
    }
}
