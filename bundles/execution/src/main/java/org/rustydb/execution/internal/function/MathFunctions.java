package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.BIGINT;
import static org.rustydb.api.SqlType.DOUBLE;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.NUMERIC;
import static org.rustydb.api.SqlType.REAL;
import static org.rustydb.api.SqlType.SMALLINT;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.NumericValues;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL's math functions with its overloads and result types: the integer ones (mod, gcd,
 * lcm; results that do not fit fail with 22003), numeric ones with its result scales
 * ({@link NumericMath}), double precision ones ({@link FloatMath}), random and setseed
 * ({@link SessionRandom}).
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
        f.add(new BuiltinFunction("mod", List.of(NUMERIC, NUMERIC), NUMERIC,
                a -> NumericValues.numeric('%', dec(a, 0), dec(a, 1))));
        f.add(new BuiltinFunction("div", List.of(NUMERIC, NUMERIC), NUMERIC, a -> div(dec(a, 0), dec(a, 1))));
        f.add(new BuiltinFunction("abs", List.of(REAL), REAL, a -> Math.abs((Float) a[0])));
        f.add(new BuiltinFunction("abs", List.of(DOUBLE), DOUBLE, a -> Math.abs((Double) a[0])));
        f.add(new BuiltinFunction("abs", List.of(NUMERIC), NUMERIC, a -> dec(a, 0).abs()));
        f.add(new BuiltinFunction("sign", List.of(NUMERIC), NUMERIC, a -> BigDecimal.valueOf(dec(a, 0).signum())));
        f.add(new BuiltinFunction("factorial", List.of(BIGINT), NUMERIC, a -> NumericMath.factorial(num(a, 0))));
        rounding(f);
        numeric(f, "sqrt", NumericMath::sqrt);
        numeric(f, "exp", NumericMath::exp);
        numeric(f, "ln", NumericMath::ln);
        for (String name : List.of("log", "log10")) {
            numeric(f, name, x -> NumericMath.log(BigDecimal.TEN, x));
        }
        f.add(new BuiltinFunction("log", List.of(NUMERIC, NUMERIC), NUMERIC,
                a -> NumericMath.log(dec(a, 0), dec(a, 1))));
        for (String name : List.of("power", "pow")) {
            f.add(new BuiltinFunction(name, List.of(NUMERIC, NUMERIC), NUMERIC,
                    a -> NumericMath.power(dec(a, 0), dec(a, 1))));
            f.add(new BuiltinFunction(name, List.of(DOUBLE, DOUBLE), DOUBLE,
                    a -> FloatMath.power(dbl(a, 0), dbl(a, 1))));
        }
        floats(f);
        f.add(new BuiltinFunction("width_bucket", List.of(DOUBLE, DOUBLE, DOUBLE, INTEGER), INTEGER,
                a -> FloatMath.widthBucket(dbl(a, 0), dbl(a, 1), dbl(a, 2), (Integer) a[3])));
        f.add(new BuiltinFunction("width_bucket", List.of(NUMERIC, NUMERIC, NUMERIC, INTEGER), INTEGER,
                a -> widthBucket(dec(a, 0), dec(a, 1), dec(a, 2), (Integer) a[3])));
        return f;
    }

    /** round, trunc, ceil, ceiling, floor and sign over double precision and numeric. */
    private static void rounding(List<SqlFunction> f) {
        f.add(new BuiltinFunction("round", List.of(NUMERIC), NUMERIC, a -> round(dec(a, 0), 0, RoundingMode.HALF_UP)));
        f.add(new BuiltinFunction("round", List.of(NUMERIC, INTEGER), NUMERIC,
                a -> round(dec(a, 0), (Integer) a[1], RoundingMode.HALF_UP)));
        f.add(new BuiltinFunction("trunc", List.of(NUMERIC), NUMERIC, a -> round(dec(a, 0), 0, RoundingMode.DOWN)));
        f.add(new BuiltinFunction("trunc", List.of(NUMERIC, INTEGER), NUMERIC,
                a -> round(dec(a, 0), (Integer) a[1], RoundingMode.DOWN)));
        for (String name : List.of("ceil", "ceiling")) {
            numeric(f, name, x -> x.setScale(0, RoundingMode.CEILING));
            floating(f, name, Math::ceil);
        }
        numeric(f, "floor", x -> x.setScale(0, RoundingMode.FLOOR));
        floating(f, "floor", Math::floor);
        floating(f, "round", Math::rint);
        floating(f, "trunc", FloatMath::trunc);
        floating(f, "sign", FloatMath::sign);
    }

    private static void floats(List<SqlFunction> f) {
        floating(f, "sqrt", FloatMath::sqrt);
        floating(f, "cbrt", FloatMath::cbrt);
        floating(f, "exp", FloatMath::exp);
        floating(f, "ln", FloatMath::ln);
        floating(f, "log", FloatMath::log10);
        floating(f, "log10", FloatMath::log10);
        floating(f, "degrees", FloatMath::degrees);
        floating(f, "radians", FloatMath::radians);
        for (String name : List.of("sin", "cos", "tan", "cot")) {
            floating(f, name, x -> FloatMath.trig(name, x));
        }
        for (String name : List.of("asin", "acos", "atan")) {
            floating(f, name, x -> FloatMath.inverseTrig(name, x));
        }
        f.add(new BuiltinFunction("atan2", List.of(DOUBLE, DOUBLE), DOUBLE, a -> Math.atan2(dbl(a, 0), dbl(a, 1))));
        f.add(new BuiltinFunction("pi", List.of(), DOUBLE, a -> Math.PI));
    }

    private static void numeric(List<SqlFunction> f, String name, UnaryOperator<BigDecimal> body) {
        f.add(new BuiltinFunction(name, List.of(NUMERIC), NUMERIC, a -> body.apply(dec(a, 0))));
    }

    private static void floating(List<SqlFunction> f, String name, DoubleUnaryOperator body) {
        f.add(new BuiltinFunction(name, List.of(DOUBLE), DOUBLE, a -> body.applyAsDouble(dbl(a, 0))));
    }

    private static BigDecimal dec(Object[] a, int i) {
        return (BigDecimal) a[i];
    }

    private static double dbl(Object[] a, int i) {
        return (Double) a[i];
    }

    /** round/trunc(numeric, s): s may be negative (then the scale is 0); PostgreSQL clamps it to +-2000. */
    static BigDecimal round(BigDecimal x, int scale, RoundingMode mode) {
        int s = Math.max(-2000, Math.min(2000, scale));
        BigDecimal r = x.setScale(s, mode);
        return s < 0 ? r.setScale(0) : r;
    }

    /** div(numeric, numeric): the quotient truncated toward zero. */
    static BigDecimal div(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw NumericValues.divisionByZero();
        }
        return x.divide(y, 0, RoundingMode.DOWN);
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
    static int widthBucket(BigDecimal operand, BigDecimal low, BigDecimal high, int count) {
        if (count <= 0) {
            throw FloatMath.bucketError("count must be greater than zero");
        }
        int direction = low.compareTo(high);
        if (direction == 0) {
            throw FloatMath.bucketError("lower bound cannot equal upper bound");
        }
        boolean ascending = direction < 0;
        boolean below = ascending ? operand.compareTo(low) < 0 : operand.compareTo(low) > 0;
        boolean above = ascending ? operand.compareTo(high) >= 0 : operand.compareTo(high) <= 0;
        if (below) {
            return 0;
        }
        if (above) {
            if (count == Integer.MAX_VALUE) {
                throw Casts.outOfRange(INTEGER);
            }
            return count + 1;
        }
        BigDecimal offset = operand.subtract(low).abs();
        BigDecimal range = high.subtract(low).abs();
        return offset.multiply(BigDecimal.valueOf(count)).divide(range, 0, RoundingMode.DOWN).intValue() + 1;
    }
}
