package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.ArrayValues;
import org.rustydb.execution.internal.types.DataType;

/** a[i]: the element at a 1-based subscript; NULL when either is NULL or the subscript is outside the array. */
public record ArraySubscript(BoundExpr array, BoundExpr index, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        Object a = array.eval(row);
        if (a == null) {
            return null;
        }
        Object i = index.eval(row);
        if (i == null) {
            return null;
        }
        return ArrayValues.element((List<?>) a, ((Number) i).longValue());
    }
}
