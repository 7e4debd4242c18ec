package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.execution.internal.types.DataType;

/** NULLIF(a, b): NULL when a = b, else a. */
public record NullIf(BoundExpr left, BoundExpr right, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        Object a = left.eval(row);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row);
        return b != null && Comparisons.equal(a, b) ? null : a;
    }
}
