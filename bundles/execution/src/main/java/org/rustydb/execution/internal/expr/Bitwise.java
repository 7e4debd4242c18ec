package org.rustydb.execution.internal.expr;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/** Integer {@code a & b} ({@code and}) or {@code a | b}, both operands of {@code dataType}; NULL if either is. */
public record Bitwise(boolean and, BoundExpr left, BoundExpr right, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        Object l = left.eval(row);
        Object r = right.eval(row);
        if (l == null || r == null) {
            return null;
        }
        long a = ((Number) l).longValue();
        long b = ((Number) r).longValue();
        long v = and ? a & b : a | b;
        SqlType t = dataType.type();
        return t == SqlType.SMALLINT ? (Object) (short) v : t == SqlType.INTEGER ? (Object) (int) v : (Object) v;
    }
}
