package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.DataType;

/** Unary minus on an integer; negating the minimum value overflows (22003). */
public record Negate(BoundExpr operand, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        Object v = operand.eval(row);
        if (v == null) {
            return null;
        }
        return Arithmetic.compute(Arithmetic.Op.SUBTRACT, 0, ((Number) v).longValue(), dataType.type());
    }
}
