package org.rustydb.execution.internal.function;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.types.NumericValues;

/**
 * PostgreSQL's double precision functions (float.c): the same results as the C library where Java's
 * agree, and the same errors (2201E, 2201F, 22003 for out-of-range input, overflow and underflow).
 */
final class FloatMath {
    /** RADIANS_PER_DEGREE, with float.c's digits. */
    private static final double RADIANS_PER_DEGREE = 0.0174532925199432957692;

    private FloatMath() {
    }

    static double check(double result, boolean infOk, boolean zeroOk) {
        if (Double.isInfinite(result) && !infOk) {
            throw NumericValues.overflow();
        }
        if (result == 0 && !zeroOk) {
            throw NumericValues.underflow();
        }
        return result;
    }

    static double sqrt(double x) {
        if (x < 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "cannot take square root of a negative number");
        }
        return check(Math.sqrt(x), Double.isInfinite(x), x == 0);
    }

    static double cbrt(double x) {
        return check(Math.cbrt(x), Double.isInfinite(x), x == 0);
    }

    static double power(double x, double y) {
        if (Double.isNaN(x)) {
            return Double.isNaN(y) || y != 0 ? Double.NaN : 1.0;
        }
        if (Double.isNaN(y)) {
            return x == 1.0 ? 1.0 : Double.NaN;
        }
        if (x == 0 && y < 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y && !Double.isInfinite(y)) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(x, y);
        boolean infinite = Double.isInfinite(x) || Double.isInfinite(y);
        return check(r, infinite, x == 0 || infinite);
    }

    static double exp(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? x : 0;
        }
        return check(Math.exp(x), false, false);
    }

    static double ln(double x) {
        checkLog(x);
        return check(Math.log(x), Double.isInfinite(x), x == 1);
    }

    static double log10(double x) {
        checkLog(x);
        return check(Math.log10(x), Double.isInfinite(x), x == 1);
    }

    private static void checkLog(double x) {
        if (x == 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        }
    }

    /** sin, cos, tan, cot: infinite input is out of range. */
    static double trig(String name, double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            throw inputOutOfRange();
        }
        double r = switch (name) {
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "tan" -> Math.tan(x);
            default -> 1.0 / Math.tan(x); // cot; cot(0) is Infinity
        };
        return check(r, true, true);
    }

    /** asin and acos take [-1, 1]; atan anything. */
    static double inverseTrig(String name, double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (!name.equals("atan") && (x < -1 || x > 1)) {
            throw inputOutOfRange();
        }
        return switch (name) {
            case "asin" -> Math.asin(x);
            case "acos" -> Math.acos(x);
            default -> Math.atan(x);
        };
    }

    static double degrees(double x) {
        return NumericValues.float8('/', x, RADIANS_PER_DEGREE);
    }

    static double radians(double x) {
        return NumericValues.float8('*', x, RADIANS_PER_DEGREE);
    }

    static double trunc(double x) {
        return x >= 0 ? Math.floor(x) : -Math.floor(-x);
    }

    static double sign(double x) {
        return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
    }

    /** width_bucket(float8, float8, float8, int) as in PostgreSQL 14 and later. */
    static int widthBucket(double operand, double low, double high, int count) {
        if (count <= 0) {
            throw bucketError("count must be greater than zero");
        }
        if (Double.isNaN(operand) || Double.isNaN(low) || Double.isNaN(high)) {
            throw bucketError("operand, lower bound, and upper bound cannot be NaN");
        }
        if (Double.isInfinite(low) || Double.isInfinite(high)) {
            throw bucketError("lower and upper bounds must be finite");
        }
        if (low == high) {
            throw bucketError("lower bound cannot equal upper bound");
        }
        boolean ascending = low < high;
        if (ascending ? operand < low : operand > low) {
            return 0;
        }
        if (ascending ? operand >= high : operand <= high) {
            if (count == Integer.MAX_VALUE) {
                throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            }
            return count + 1;
        }
        double fraction = ascending ? (operand - low) / (high - low) : (low - operand) / (low - high);
        if (Double.isInfinite(high - low)) {
            fraction = ascending ? (operand / 2 - low / 2) / (high / 2 - low / 2)
                    : (low / 2 - operand / 2) / (low / 2 - high / 2);
        }
        double bucket = count * fraction;
        int result = (int) bucket;
        return (result >= count ? count - 1 : result) + 1;
    }

    static DbException bucketError(String message) {
        return DbException.of(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, message);
    }

    static DbException inputOutOfRange() {
        return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
    }
}
