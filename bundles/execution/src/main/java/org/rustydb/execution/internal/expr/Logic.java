package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.execution.internal.types.DataType;

/** AND, OR and NOT with SQL's three-valued logic. */
public final class Logic {
    private Logic() {
    }

    /** AND of the operands: true if all are true, false if any is false, else NULL. */
    public static Junction and(List<BoundExpr> operands) {
        return new Junction(operands, Boolean.FALSE);
    }

    /** OR of the operands: true if any is true, false if all are false, else NULL. */
    public static Junction or(List<BoundExpr> operands) {
        return new Junction(operands, Boolean.TRUE);
    }

    /**
     * AND and OR, which are duals: the first operand equal to {@code decisive} (false for AND, true
     * for OR) decides the result; otherwise a NULL operand makes it NULL, else it is the opposite.
     */
    public record Junction(List<BoundExpr> operands, Boolean decisive) implements BoundExpr {
        public Junction {
            operands = List.copyOf(operands);
        }

        @Override
        public DataType dataType() {
            return DataType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            boolean sawNull = false;
            for (BoundExpr e : operands) {
                Object v = e.eval(row);
                if (v == null) {
                    sawNull = true;
                } else if (decisive.equals(v)) {
                    return decisive;
                }
            }
            return sawNull ? null : !decisive;
        }
    }

    public record Not(BoundExpr operand) implements BoundExpr {
        @Override
        public DataType dataType() {
            return DataType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            return v == null ? null : !(Boolean) v;
        }
    }

    /** IS [NOT] NULL. */
    public record IsNull(BoundExpr operand, boolean negated) implements BoundExpr {
        @Override
        public DataType dataType() {
            return DataType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            return (operand.eval(row) == null) != negated;
        }
    }

    /** a IS [NOT] DISTINCT FROM b: equality that treats NULLs as equal values; never NULL. */
    public record IsDistinct(BoundExpr left, BoundExpr right, boolean negated) implements BoundExpr {
        @Override
        public DataType dataType() {
            return DataType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object a = left.eval(row);
            Object b = right.eval(row);
            boolean distinct = a == null || b == null ? a != b : !Comparisons.equal(a, b);
            return distinct != negated;
        }
    }

    /** IS [NOT] TRUE / IS [NOT] FALSE / IS [NOT] UNKNOWN: never NULL. */
    public record IsBoolean(BoundExpr operand, Boolean value, boolean negated) implements BoundExpr {
        @Override
        public DataType dataType() {
            return DataType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            boolean matches = value == null ? v == null : value.equals(v);
            return matches != negated;
        }
    }
}
