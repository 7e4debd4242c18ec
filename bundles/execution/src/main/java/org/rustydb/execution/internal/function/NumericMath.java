package org.rustydb.execution.internal.function;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.types.NumericValues;

/**
 * PostgreSQL's numeric sqrt, exp, ln, log and power: each result has the scale numeric.c picks
 * (at least 16 significant digits, at least the inputs' scales, at most 1000 decimals) and is
 * computed with guard digits, then rounded half away from zero to that scale.
 */
final class NumericMath {
    /** NUMERIC_MIN_SIG_DIGITS. */
    private static final int MIN_SIG = 16;
    /** NUMERIC_MAX_DISPLAY_SCALE. */
    private static final int MAX_SCALE = 1000;
    /** NUMERIC_MAX_RESULT_SCALE. */
    private static final int MAX_RESULT_SCALE = 2000;
    /** numeric holds up to 131072 digits before the decimal point. */
    private static final int MAX_WEIGHT_DIGITS = 131072;
    private static final int GUARD = 12;

    private NumericMath() {
    }

    private static int clampScale(int rscale, int... atLeast) {
        int s = rscale;
        for (int a : atLeast) {
            s = Math.max(s, a);
        }
        return Math.min(Math.max(s, 0), MAX_SCALE);
    }

    /** The decimal exponent of the leading digit (0 for zero). */
    static int decimalWeight(BigDecimal v) {
        return v.signum() == 0 ? 0 : v.precision() - v.scale() - 1;
    }

    /** The weight in base-10000 digits, as numeric stores it. */
    private static int nbaseWeight(BigDecimal v) {
        return v.signum() == 0 ? 0 : Math.floorDiv(decimalWeight(v), 4);
    }

    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "cannot take square root of a negative number");
        }
        int sweight = (nbaseWeight(x) + 1) * 4 / 2 - 1;
        int rscale = clampScale(MIN_SIG - sweight, x.scale());
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = Math.max(1, decimalWeight(x) / 2 + 1) + rscale + GUARD;
        return x.sqrt(new MathContext(digits, RoundingMode.HALF_EVEN)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal exp(BigDecimal x) {
        double val = x.doubleValue();
        if (Math.abs(val) >= MAX_RESULT_SCALE * 3) {
            if (val > 0) {
                throw overflow();
            }
            return BigDecimal.ZERO.setScale(MAX_SCALE);
        }
        int weight = (int) (val * 0.434294481903252);
        int rscale = clampScale(MIN_SIG - weight, x.scale());
        int digits = Math.max(weight + 1, 1) + rscale + GUARD;
        return expTo(x, digits).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal ln(BigDecimal x) {
        checkLogArgument(x);
        int rscale = clampScale(MIN_SIG - estimateLnWeight(x), x.scale());
        return lnTo(x, rscale + GUARD).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** log(base, x) = ln(x) / ln(base). */
    static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLogArgument(base);
        checkLogArgument(x);
        int baseWeight = estimateLnWeight(base);
        int numWeight = estimateLnWeight(x);
        int rscale = clampScale(MIN_SIG - (numWeight - baseWeight), base.scale(), x.scale());
        int scale = rscale + GUARD + Math.max(0, -baseWeight) * 2 + Math.max(0, numWeight - baseWeight);
        BigDecimal lnBase = lnTo(base, scale);
        if (lnBase.signum() == 0) {
            throw NumericValues.divisionByZero();
        }
        BigDecimal lnX = lnTo(x, scale);
        return lnX.divide(lnBase, rscale + GUARD, RoundingMode.HALF_EVEN).setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal power(BigDecimal base, BigDecimal exp) {
        if (base.signum() == 0 && exp.signum() < 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        boolean integral = exp.signum() == 0 || exp.stripTrailingZeros().scale() <= 0;
        if (integral && exp.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && exp.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return powerInt(base, exp.intValueExact());
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(MIN_SIG);
        }
        if (base.signum() < 0 && !integral) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        boolean negative = base.signum() < 0 && exp.toBigIntegerExact().testBit(0);
        BigDecimal abs = base.abs();
        // A first, rough exp * ln(base) gives the result's weight and catches overflow early.
        int lnWeight = estimateLnWeight(abs);
        BigDecimal rough = lnTo(abs, Math.max(8 - lnWeight, 0) + 2).multiply(exp);
        double val = rough.doubleValue();
        if (Math.abs(val) > MAX_RESULT_SCALE * 3.01) {
            if (val > 0) {
                throw overflow();
            }
            return BigDecimal.ZERO.setScale(MAX_SCALE);
        }
        int weight = (int) (val * 0.434294481903252);
        int rscale = clampScale(MIN_SIG - weight, abs.scale(), exp.scale());
        int sig = Math.max(weight + 1, 1) + rscale + GUARD;
        int lnScale = sig + Math.max(0, decimalWeight(exp)) + 2;
        BigDecimal z = lnTo(abs, lnScale).multiply(exp);
        BigDecimal r = expTo(z, sig).setScale(rscale, RoundingMode.HALF_UP);
        return negative ? r.negate() : r;
    }

    /** power with an int exponent: scale max(16, base's scale), as power_var_int is called in PostgreSQL 15. */
    private static BigDecimal powerInt(BigDecimal base, int n) {
        int rscale = clampScale(MIN_SIG, base.scale());
        if (n == 0) {
            return BigDecimal.ONE.setScale(rscale);
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        BigDecimal abs = base.abs();
        int dw = decimalWeight(abs);
        double f = n * (dw + Math.log10(abs.movePointLeft(dw).doubleValue()));
        if (f > MAX_WEIGHT_DIGITS) {
            throw overflow();
        }
        if (f + 1 < -MAX_SCALE) {
            return BigDecimal.ZERO.setScale(MAX_SCALE);
        }
        int sig = Math.max((int) Math.ceil(f) + 1, 1) + rscale + GUARD;
        MathContext mc = new MathContext(sig + 10, RoundingMode.HALF_EVEN);
        BigDecimal r = pow(base, n, mc);
        BigDecimal result = r.setScale(rscale, RoundingMode.HALF_UP);
        if (decimalWeight(result) >= MAX_WEIGHT_DIGITS) {
            throw overflow();
        }
        return result;
    }

    /** BigDecimal.pow takes exponents up to 999999999; larger ones are split in halves. */
    private static BigDecimal pow(BigDecimal base, long n, MathContext mc) {
        if (Math.abs(n) <= 999_999_999L) {
            return base.pow((int) n, mc);
        }
        BigDecimal half = pow(base, n / 2, mc);
        BigDecimal r = half.multiply(half, mc);
        return n % 2 == 0 ? r : n > 0 ? r.multiply(base, mc) : r.divide(base, mc);
    }

    /** factorial(n) for n >= 0. */
    static BigDecimal factorial(long n) {
        if (n < 0) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
        }
        if (n > 32177) {
            // 32178! has more digits than numeric holds
            throw overflow();
        }
        BigInteger r = BigInteger.ONE;
        for (long i = 2; i <= n; i++) {
            r = r.multiply(BigInteger.valueOf(i));
        }
        return new BigDecimal(r);
    }

    private static void checkLogArgument(BigDecimal x) {
        if (x.signum() == 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw DbException.of(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        }
    }

    /** estimate_ln_dweight: the decimal weight of ln(x), from x - 1 near 1, else from a double estimate. */
    static int estimateLnWeight(BigDecimal x) {
        if (x.signum() <= 0) {
            return 0;
        }
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : decimalWeight(d);
        }
        // the first two base-10000 digits, as numeric.c reads them
        int w = nbaseWeight(x);
        BigDecimal scaled = x.movePointLeft(w * 4 - 4).setScale(0, RoundingMode.DOWN);
        double lnVar = Math.log(scaled.doubleValue()) + (w * 4 - 4) * 2.302585092994046;
        return (int) Math.log10(Math.abs(lnVar));
    }

    /** e^x with {@code sig} significant digits (and guard digits). */
    static BigDecimal expTo(BigDecimal x, int sig) {
        if (x.signum() == 0) {
            return BigDecimal.ONE;
        }
        // halve until |x| < 0.01, sum the series, then square back
        int k = 0;
        double ax = Math.abs(x.doubleValue());
        while (ax >= 0.01) {
            ax /= 2;
            k++;
        }
        MathContext mc = new MathContext(sig + GUARD + k / 3 + 2, RoundingMode.HALF_EVEN);
        BigDecimal r = k == 0 ? x : x.divide(BigDecimal.valueOf(2).pow(k), mc);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int n = 1; ; n++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(epsilon) < 0) {
                break;
            }
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum;
    }

    /** ln(x) for x > 0, accurate to {@code scale} decimals. */
    static BigDecimal lnTo(BigDecimal x, int scale) {
        int e = decimalWeight(x);
        BigDecimal m = x.movePointLeft(e); // 1 <= m < 10
        int digitsOfE = Integer.toString(Math.abs(e)).length();
        MathContext mc = new MathContext(scale + GUARD + digitsOfE + 4, RoundingMode.HALF_EVEN);
        BigDecimal result = lnNearOne(m, mc);
        if (e != 0) {
            result = result.add(ln10(mc).multiply(BigDecimal.valueOf(e), mc), mc);
        }
        return result;
    }

    /** ln(m) for 1 <= m < 10: square roots bring m near 1, where 2 atanh((m-1)/(m+1)) converges fast. */
    private static BigDecimal lnNearOne(BigDecimal m, MathContext mc) {
        int k = 0;
        BigDecimal y = m;
        BigDecimal limit = new BigDecimal("1.01");
        MathContext wide = new MathContext(mc.getPrecision() + 4, RoundingMode.HALF_EVEN);
        while (y.compareTo(limit) > 0) {
            y = y.sqrt(wide);
            k++;
        }
        BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), wide);
        return atanh(z, wide).multiply(BigDecimal.valueOf(2).pow(k + 1), mc);
    }

    private static BigDecimal atanh(BigDecimal z, MathContext mc) {
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal power = z;
        BigDecimal sum = z;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int n = 3; ; n += 2) {
            power = power.multiply(z2, mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(epsilon) < 0) {
                return sum;
            }
        }
    }

    /** ln(10) = 3 ln 2 + ln 1.25, with ln 2 = 2 atanh(1/3) and ln 1.25 = 2 atanh(1/9). */
    private static BigDecimal ln10(MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 4, RoundingMode.HALF_EVEN);
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal ln2 = atanh(BigDecimal.ONE.divide(BigDecimal.valueOf(3), wide), wide).multiply(two, wide);
        BigDecimal ln125 = atanh(BigDecimal.ONE.divide(BigDecimal.valueOf(9), wide), wide).multiply(two, wide);
        return ln2.multiply(BigDecimal.valueOf(3), wide).add(ln125, mc);
    }

    static DbException overflow() {
        return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
}
