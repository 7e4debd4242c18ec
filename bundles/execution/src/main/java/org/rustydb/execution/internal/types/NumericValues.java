package org.rustydb.execution.internal.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/**
 * numeric, real and double precision: input, conversions and arithmetic with PostgreSQL's rules
 * (result scales of numeric operations, rounding half away from zero, overflow and underflow checks).
 */
public final class NumericValues {
    /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: a quotient has at least this many significant digits. */
    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumericValues() {
    }

    /** numeric_in: a decimal number with optional exponent; the scale written is kept. */
    public static BigDecimal parseNumeric(String text) {
        String s = strip(text);
        if (!DECIMAL.matcher(s).matches()) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("nan") || lower.matches("[+-]?(inf|infinity)")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "numeric %s is not supported yet", s);
            }
            throw invalidSyntax(SqlType.NUMERIC, text);
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** float8in / float4in: decimal numbers, NaN and [+-]Infinity (or inf), any case. */
    public static Object parseFloat(String text, SqlType type) {
        String s = strip(text);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        double d;
        if (lower.equals("nan")) {
            d = Double.NaN;
        } else if (lower.matches("[+]?(inf|infinity)")) {
            d = Double.POSITIVE_INFINITY;
        } else if (lower.matches("-(inf|infinity)")) {
            d = Double.NEGATIVE_INFINITY;
        } else if (DECIMAL.matcher(s).matches()) {
            if (type == SqlType.REAL) {
                float f = Float.parseFloat(s);
                if (Float.isInfinite(f) || (f == 0 && hasNonZeroDigit(s))) {
                    throw rangeOfInput(text, type);
                }
                return f;
            }
            d = Double.parseDouble(s);
            if (Double.isInfinite(d) || (d == 0 && hasNonZeroDigit(s))) {
                throw rangeOfInput(text, type);
            }
        } else {
            throw invalidSyntax(type, text);
        }
        return type == SqlType.REAL ? (Object) (float) d : (Object) d;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static DbException rangeOfInput(String text, SqlType type) {
        return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"%s\" is out of range for type %s", text,
                type.sqlName());
    }

    static DbException invalidSyntax(SqlType type, String text) {
        return DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type %s: \"%s\"",
                type.sqlName(), text);
    }

    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Rounds to the scale of numeric(p,s) and checks the precision (22003 numeric field overflow). */
    public static BigDecimal applyTypmod(BigDecimal v, DataType type) {
        if (type.typmod() < 0) {
            return v;
        }
        int precision = type.precision();
        int scale = type.scale();
        BigDecimal rounded = v.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (rounded.signum() != 0 && rounded.precision() - rounded.scale() > maxDigits) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail(String.format("A field with precision %d, scale %d must round to an absolute value "
                            + "less than %s%d.", precision, scale, maxDigits != 0 ? "10^" : "",
                            maxDigits != 0 ? maxDigits : 1));
        }
        return scale < 0 ? rounded.setScale(0) : rounded;
    }

    /** Converts a non-null number (any numeric-category Java class) to the numeric-category {@code target}. */
    public static Object convert(Object value, SqlType from, SqlType target) {
        switch (target) {
            case NUMERIC:
                return toNumeric(value, from);
            case DOUBLE:
                if (value instanceof BigDecimal d) {
                    return parseFloat(d.toPlainString(), SqlType.DOUBLE);
                }
                return ((Number) value).doubleValue();
            case REAL:
                if (value instanceof BigDecimal d) {
                    return parseFloat(d.toPlainString(), SqlType.REAL);
                }
                if (value instanceof Double d) {
                    float f = d.floatValue();
                    checkFloat(f, !Double.isInfinite(d), d == 0);
                    return f;
                }
                return ((Number) value).floatValue();
            default:
                return toInteger(value, target);
        }
    }

    private static BigDecimal toNumeric(Object value, SqlType from) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "numeric %s is not supported yet",
                        org.rustydb.api.ValueText.formatDouble(d));
            }
            // PostgreSQL prints the float with DBL_DIG (FLT_DIG) significant digits and reads that back.
            int digits = value instanceof Float ? 6 : 15;
            BigDecimal v = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            v = v.stripTrailingZeros();
            return v.scale() < 0 ? v.setScale(0) : v;
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    /** numeric and float to integer types round (numeric half away from zero, floats half to even). */
    private static Object toInteger(Object value, SqlType target) {
        if (value instanceof BigDecimal d) {
            BigInteger i = d.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            if (i.bitLength() > 63) {
                throw Casts.outOfRange(target);
            }
            return Casts.fitInteger(i.longValue(), target);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = Math.rint(((Number) value).doubleValue());
            if (Double.isNaN(d) || d < -0x1p63 || d >= 0x1p63) {
                throw Casts.outOfRange(target);
            }
            return Casts.fitInteger((long) d, target);
        }
        return Casts.fitInteger(((Number) value).longValue(), target);
    }

    /** numeric + - * / % with PostgreSQL's result scales; the quotient's scale as select_div_scale picks it. */
    public static BigDecimal numeric(char op, BigDecimal x, BigDecimal y) {
        switch (op) {
            case '+':
                return x.add(y);
            case '-':
                return x.subtract(y);
            case '*':
                return x.multiply(y);
            case '/': {
                if (y.signum() == 0) {
                    throw divisionByZero();
                }
                return x.divide(y, divisionScale(x, y), RoundingMode.HALF_UP);
            }
            case '%': {
                if (y.signum() == 0) {
                    throw divisionByZero();
                }
                return x.remainder(y).setScale(Math.max(x.scale(), y.scale()), RoundingMode.UNNECESSARY);
            }
            default:
                throw new IllegalArgumentException("operator " + op);
        }
    }

    /**
     * PostgreSQL's select_div_scale: enough digits for {@value #MIN_SIG_DIGITS} significant digits of
     * the quotient, estimated from the weights (in base-10000 digits) and first base-10000 digits of
     * the operands, and at least the scale of either operand.
     */
    static int divisionScale(BigDecimal x, BigDecimal y) {
        int weight1 = weight(x);
        int weight2 = weight(y);
        int qweight = weight1 - weight2;
        if (firstDigit(x, weight1) <= firstDigit(y, weight2)) {
            qweight--;
        }
        int scale = MIN_SIG_DIGITS - qweight * 4;
        scale = Math.max(scale, Math.max(x.scale(), y.scale()));
        return Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
    }

    /** The position of the leading base-10000 digit (0 for zero). */
    private static int weight(BigDecimal v) {
        if (v.signum() == 0) {
            return 0;
        }
        int exponent = v.precision() - v.scale() - 1; // of the leading decimal digit
        return Math.floorDiv(exponent, 4);
    }

    /** The leading base-10000 digit, 1..9999 (0 for zero). */
    private static int firstDigit(BigDecimal v, int weight) {
        if (v.signum() == 0) {
            return 0;
        }
        return v.abs().movePointLeft(weight * 4).setScale(0, RoundingMode.DOWN).intValueExact();
    }

    /** float8 arithmetic: overflow to infinity and underflow to zero from finite, non-zero operands fail (22003). */
    public static double float8(char op, double x, double y) {
        double r;
        switch (op) {
            case '+' -> r = x + y;
            case '-' -> r = x - y;
            case '*' -> {
                r = x * y;
                if (r == 0 && x != 0 && y != 0) {
                    throw underflow();
                }
            }
            case '/' -> {
                if (y == 0 && !Double.isNaN(x)) {
                    throw divisionByZero();
                }
                r = x / y;
                if (r == 0 && x != 0 && !Double.isInfinite(y)) {
                    throw underflow();
                }
            }
            default -> throw new IllegalArgumentException("operator " + op);
        }
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw overflow();
        }
        return r;
    }

    /** float4 arithmetic, computed in single precision as PostgreSQL's float4 operators do. */
    public static float float4(char op, float x, float y) {
        float r;
        switch (op) {
            case '+' -> r = x + y;
            case '-' -> r = x - y;
            case '*' -> {
                r = x * y;
                if (r == 0 && x != 0 && y != 0) {
                    throw underflow();
                }
            }
            case '/' -> {
                if (y == 0 && !Float.isNaN(x)) {
                    throw divisionByZero();
                }
                r = x / y;
                if (r == 0 && x != 0 && !Float.isInfinite(y)) {
                    throw underflow();
                }
            }
            default -> throw new IllegalArgumentException("operator " + op);
        }
        checkFloat(r, !Float.isInfinite(x) && !Float.isInfinite(y), true);
        return r;
    }

    /** PostgreSQL's check_float4_val: infinity from finite inputs overflows, zero where none may be underflows. */
    private static void checkFloat(float r, boolean finiteInputs, boolean zeroAllowed) {
        if (Float.isInfinite(r) && finiteInputs) {
            throw overflow();
        }
        if (r == 0 && !zeroAllowed) {
            throw underflow();
        }
    }

    public static DbException overflow() {
        return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    public static DbException underflow() {
        return DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    }

    public static DbException divisionByZero() {
        return DbException.of(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** Compares non-null numbers of any numeric-category classes: floats as double, else exactly. */
    public static int compare(Number a, Number b) {
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (x == y) {
                return 0; // -0 equals 0
            }
            return Double.compare(x, y); // NaN sorts above everything and equals itself
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return toBig(a).compareTo(toBig(b));
        }
        return Long.compare(a.longValue(), b.longValue());
    }

    private static BigDecimal toBig(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }
}
