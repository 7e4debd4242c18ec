package org.rustydb.execution.internal.expr;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Integer arithmetic with PostgreSQL's semantics: the result has the wider operand type,
 * overflow fails with 22003, division truncates toward zero and division by zero fails with 22012.
 */
public record Arithmetic(Op op, BoundExpr left, BoundExpr right, DataType dataType) implements BoundExpr {

    public enum Op {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    @Override
    public Object eval(Object[] row) {
        Object a = left.eval(row);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row);
        if (b == null) {
            return null;
        }
        return compute(op, ((Number) a).longValue(), ((Number) b).longValue(), dataType.type());
    }

    static Object compute(Op op, long x, long y, SqlType type) {
        long result;
        try {
            result = switch (op) {
                case ADD -> Math.addExact(x, y);
                case SUBTRACT -> Math.subtractExact(x, y);
                case MULTIPLY -> Math.multiplyExact(x, y);
                case DIVIDE -> {
                    if (y == 0) {
                        throw divisionByZero();
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException();
                    }
                    yield x / y;
                }
                case MODULO -> {
                    if (y == 0) {
                        throw divisionByZero();
                    }
                    yield y == -1 ? 0 : x % y;
                }
            };
        } catch (ArithmeticException e) {
            throw Casts.outOfRange(type);
        }
        return Casts.fitInteger(result, type);
    }

    static DbException divisionByZero() {
        return DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
    }
}
