package org.rustydb.execution.internal.expr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.DateTimeValues;
import org.rustydb.execution.internal.types.IntervalValues;
import org.rustydb.execution.internal.types.NumericValues;

/**
 * Arithmetic with PostgreSQL's semantics. Integers: the result has the wider operand type,
 * overflow fails with 22003, division truncates toward zero and division by zero fails with 22012.
 * numeric, real and double precision: the binder converts both operands to the result type first.
 * Date/time operators take their operands as they are (date + integer, timestamp - interval,
 * timestamp - timestamp, interval * double precision...).
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
        return compute(op, a, b, dataType.type());
    }

    /** Applies the operator to non-null operands; the binder chose the operand and result types. */
    public static Object compute(Op op, Object a, Object b, SqlType type) {
        char symbol = op.symbol().charAt(0);
        switch (type) {
            case SMALLINT, INTEGER, BIGINT:
                if (a instanceof LocalDate x && b instanceof LocalDate y) {
                    return DateTimeValues.daysBetween(x, y);
                }
                return compute(op, ((Number) a).longValue(), ((Number) b).longValue(), type);
            case NUMERIC:
                return NumericValues.numeric(symbol, (BigDecimal) a, (BigDecimal) b);
            case DOUBLE:
                return NumericValues.float8(symbol, (Double) a, (Double) b);
            case REAL:
                return NumericValues.float4(symbol, (Float) a, (Float) b);
            default:
                return dateTime(op, a, b);
        }
    }

    private static Object dateTime(Op op, Object a, Object b) {
        int sign = op == Op.SUBTRACT ? -1 : 1;
        if (a instanceof LocalDate d && b instanceof Number n) {
            return DateTimeValues.addDays(d, sign * n.longValue());
        }
        if (a instanceof Number n && b instanceof LocalDate d) {
            return DateTimeValues.addDays(d, n.longValue());
        }
        if (a instanceof LocalDate d && b instanceof LocalTime t) {
            return LocalDateTime.of(d, t);
        }
        if (a instanceof LocalTime t && b instanceof LocalDate d) {
            return LocalDateTime.of(d, t);
        }
        if (b instanceof Interval i) {
            if (a instanceof LocalDateTime t) {
                return DateTimeValues.plus(t, i, sign);
            }
            if (a instanceof Instant t) {
                return DateTimeValues.plus(t, i, sign);
            }
            if (a instanceof LocalTime t) {
                return DateTimeValues.plus(t, i, sign);
            }
            if (a instanceof Interval x) {
                return IntervalValues.add(x, i, sign);
            }
        }
        if (a instanceof Interval i && op == Op.ADD) {
            return dateTime(op, b, a);
        }
        if (a instanceof Interval i && b instanceof Double f) {
            return op == Op.DIVIDE ? IntervalValues.divide(i, f) : IntervalValues.multiply(i, f);
        }
        if (a instanceof Double f && b instanceof Interval i) {
            return IntervalValues.multiply(i, f);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
            return DateTimeValues.minus(x, y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return DateTimeValues.minus(x, y);
        }
        if (a instanceof LocalTime x && b instanceof LocalTime y) {
            return DateTimeValues.minus(x, y);
        }
        throw new IllegalStateException("no operator " + op.symbol() + " for " + a.getClass().getSimpleName()
                + " and " + b.getClass().getSimpleName());
    }

    public static Object compute(Op op, long x, long y, SqlType type) {
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
