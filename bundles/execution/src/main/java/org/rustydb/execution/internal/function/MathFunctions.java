package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.BIGINT;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.SMALLINT;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL's integer functions: mod (smallint, integer, bigint), gcd and lcm (integer, bigint)
 * and width_bucket on bigint bounds. Results that do not fit their type fail with 22003.
 */
public final class MathFunctions {
    private MathFunctions() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        for (SqlType t : List.of(SMALLINT, INTEGER, BIGINT)) {
            f.add(new BuiltinFunction("mod", List.of(t, t), t, a -> mod(num(a, 0), num(a, 1), t)));
        }
        for (SqlType t : List.of(INTEGER, BIGINT)) {
            f.add(new BuiltinFunction("gcd", List.of(t, t), t, a -> fit(gcd(num(a, 0), num(a, 1)), t)));
            f.add(new BuiltinFunction("lcm", List.of(t, t), t, a -> fit(lcm(num(a, 0), num(a, 1)), t)));
        }
        // PostgreSQL computes this in double precision; integer bounds give the same buckets exactly.
        f.add(new BuiltinFunction("width_bucket", List.of(BIGINT, BIGINT, BIGINT, INTEGER), INTEGER,
                a -> widthBucket(num(a, 0), num(a, 1), num(a, 2), (Integer) a[3])));
        return f;
    }

    private static long num(Object[] a, int i) {
        return ((Number) a[i]).longValue();
    }

    static Object mod(long a, long b, SqlType type) {
        if (b == 0) {
            throw DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        // The remainder has the dividend's sign; MIN % -1 is 0 rather than an overflow.
        return Casts.fitInteger(b == -1 ? 0 : a % b, type);
    }

    static BigInteger gcd(long a, long b) {
        return BigInteger.valueOf(a).gcd(BigInteger.valueOf(b));
    }

    static BigInteger lcm(long a, long b) {
        if (a == 0 || b == 0) {
            return BigInteger.ZERO;
        }
        BigInteger x = BigInteger.valueOf(a);
        BigInteger y = BigInteger.valueOf(b);
        return x.divide(x.gcd(y)).multiply(y).abs();
    }

    private static Object fit(BigInteger v, SqlType type) {
        if (v.bitLength() > 63) {
            throw Casts.outOfRange(type);
        }
        return Casts.fitInteger(v.longValue(), type);
    }

    /** The bucket of {@code count} equal-width buckets between the bounds, 0 below and count + 1 above. */
    static int widthBucket(long operand, long low, long high, int count) {
        if (count <= 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "count must be greater than zero");
        }
        if (low == high) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "lower bound cannot equal upper bound");
        }
        boolean ascending = low < high;
        boolean below = ascending ? operand < low : operand > low;
        boolean above = ascending ? operand >= high : operand <= high;
        if (below) {
            return 0;
        }
        if (above) {
            if (count == Integer.MAX_VALUE) {
                throw Casts.outOfRange(INTEGER);
            }
            return count + 1;
        }
        BigInteger offset = BigInteger.valueOf(operand).subtract(BigInteger.valueOf(low)).abs();
        BigInteger range = BigInteger.valueOf(high).subtract(BigInteger.valueOf(low)).abs();
        return offset.multiply(BigInteger.valueOf(count)).divide(range).intValue() + 1;
    }
}
