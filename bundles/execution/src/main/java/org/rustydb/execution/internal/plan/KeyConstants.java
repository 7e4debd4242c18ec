package org.rustydb.execution.internal.plan;

import java.math.BigDecimal;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.Arithmetic;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.CastExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.Negate;
import org.rustydb.execution.internal.types.Casts;

/**
 * The two sides of a comparison an index can serve: a key column (possibly under a cast that keeps
 * its order and values), and a constant whose value converts exactly to the column's type.
 */
final class KeyConstants {
    private static final Object[] NO_ROW = new Object[0];

    private KeyConstants() {
    }

    /**
     * The table column an expression is, or -1. A cast counts only when it changes neither values
     * nor order: between string types without a length limit, or to an integer type at least as wide.
     */
    static int column(BoundExpr e) {
        if (e instanceof ColumnRef ref) {
            return ref.index();
        }
        if (e instanceof CastExpr cast && cast.input() instanceof ColumnRef ref) {
            SqlType from = ref.type();
            SqlType to = cast.type();
            // character(n) compares without its padding, which its stored (padded) keys keep
            boolean strings = from.isString() && to.isString() && to != SqlType.UNKNOWN && cast.dataType().typmod() < 0
                    && from != SqlType.CHAR && to != SqlType.CHAR;
            boolean widening = from.isInteger() && to.isInteger() && Casts.widerOrEqual(to, from);
            return strings || widening ? ref.index() : -1;
        }
        return -1;
    }

    /**
     * The value of a constant expression as a key value of a column of type {@code columnType}, or
     * null when it is not constant, is NULL, fails to evaluate (the filter reports that, or not, as
     * it would without the index) or has no exact value of that type (e.g. 70000 for a smallint).
     */
    static Object value(BoundExpr e, SqlType columnType) {
        if (!isConstant(e)) {
            return null;
        }
        Object v;
        try {
            v = e.eval(NO_ROW);
        } catch (RuntimeException ex) {
            return null;
        }
        if (v == null) {
            return null;
        }
        if (columnType.isInteger() && v instanceof Number n) {
            Long exact = exactLong(n);
            if (exact == null) {
                return null; // 1.5 matches no integer; the filter decides
            }
            try {
                return Casts.fitInteger(exact, columnType);
            } catch (DbException outOfRange) {
                return null;
            }
        }
        if (columnType == SqlType.NUMERIC && v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
        }
        if (!columnType.isString() && !columnType.isFloat() && columnType != SqlType.NUMERIC
                && columnType.javaClass().isInstance(v)) {
            return v; // date/time, interval, uuid, bytea... of the column's own type
        }
        if (columnType.isString() && columnType != SqlType.CHAR && v instanceof String s) {
            return s;
        }
        if (columnType == SqlType.BOOLEAN && v instanceof Boolean b) {
            return b;
        }
        return null;
    }

    /** The value of an integer-valued number as a long, or null (a fraction, or out of range). */
    private static Long exactLong(Number n) {
        if (n instanceof Short || n instanceof Integer || n instanceof Long) {
            return n.longValue();
        }
        if (n instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (long) d : null;
    }

    /** Built from constants only: no columns, no function calls (which may be volatile). */
    static boolean isConstant(BoundExpr e) {
        // an enclosing query's column is fixed while a (correlated or LATERAL) subquery runs once:
        // its scans are opened after the outer row is set, so an index can look it up
        // so is a parameter of a generic plan, set before the plan opens
        if (e instanceof Literal || e instanceof org.rustydb.execution.internal.expr.OuterRef
                || e instanceof org.rustydb.execution.internal.expr.Parameter) {
            return true;
        }
        if (e instanceof CastExpr cast) {
            return isConstant(cast.input());
        }
        if (e instanceof Negate negate) {
            return isConstant(negate.operand());
        }
        if (e instanceof Arithmetic a) {
            return isConstant(a.left()) && isConstant(a.right());
        }
        return false;
    }
}
