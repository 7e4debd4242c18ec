package org.rustydb.execution.internal.expr;

import java.math.BigDecimal;

import org.rustydb.api.Interval;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.IntervalValues;

/** Unary minus on a number or interval; negating the minimum integer overflows (22003). */
public record Negate(BoundExpr operand, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        Object v = operand.eval(row);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.negate();
        }
        if (v instanceof Double d) {
            return -d;
        }
        if (v instanceof Float f) {
            return -f;
        }
        if (v instanceof Interval i) {
            return IntervalValues.negate(i);
        }
        return Arithmetic.compute(Arithmetic.Op.SUBTRACT, 0, ((Number) v).longValue(), dataType.type());
    }
}
