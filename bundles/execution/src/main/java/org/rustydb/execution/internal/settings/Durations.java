package org.rustydb.execution.internal.settings;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Integer settings measured in milliseconds (statement_timeout, lock_timeout,
 * idle_in_transaction_session_timeout), read and shown as PostgreSQL's GUC code does: an integer
 * (decimal, 0x hex or 0 octal, as C's strtol) or a decimal number, optionally followed by a unit
 * (us, ms, s, min, h, d; case-sensitive), rounded to whole milliseconds; shown in the largest unit
 * that divides the value exactly.
 */
final class Durations {
    private static final String[] UNITS = {"d", "h", "min", "s", "ms", "us"};
    private static final double[] MULTIPLIERS = {86_400_000d, 3_600_000d, 60_000d, 1000d, 1d, 0.001d};
    private static final String UNITS_HINT =
            "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

    private Durations() {
    }

    /** The canonical text of a valid value of the named parameter, e.g. {@code 1500} gives {@code 1500ms}. */
    static String canonical(String name, String value) {
        return format(parse(name, value));
    }

    /** Milliseconds in 0 .. 2147483647. */
    static int parse(String name, String value) {
        int ms = toInt(name, value, number(name, value, true));
        if (ms < 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d ms is outside the valid range for parameter \"%s\" (0 .. 2147483647)", ms, name);
        }
        return ms;
    }

    /** An integer setting without a unit (extra_float_digits), read the same way and range-checked. */
    static int parseInteger(String name, String value, int min, int max) {
        int v = toInt(name, value, number(name, value, false));
        if (v < min || v > max) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "%d is outside the valid range for parameter \"%s\" (%d .. %d)", v, name, min, max);
        }
        return v;
    }

    static int toInt(String name, String value, double v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw invalid(name, value).withHint("Value exceeds integer range.");
        }
        return (int) v;
    }

    /** The value with its unit, as SHOW prints it; 0 has none. */
    static String format(int ms) {
        if (ms <= 0) {
            return Integer.toString(ms);
        }
        for (int i = 0; i < UNITS.length - 1; i++) {
            if (ms % (long) MULTIPLIERS[i] == 0) {
                return ms / (long) MULTIPLIERS[i] + UNITS[i];
            }
        }
        return ms + "ms";
    }

    /** The value in milliseconds, rounded half to even like C's rint, before the range check. */
    private static double number(String name, String value, boolean units) {
        Scan scan = new Scan(value);
        double v = scan.integerOrDecimal();
        if (Double.isNaN(v)) {
            throw invalid(name, value);
        }
        while (scan.pos < value.length() && Character.isWhitespace(value.charAt(scan.pos))) {
            scan.pos++;
        }
        if (scan.pos < value.length()) {
            if (!units) {
                throw invalid(name, value);
            }
            v = withUnit(v, value.substring(scan.pos).strip(), name, value);
        }
        return Math.rint(v);
    }

    private static double withUnit(double v, String unit, String name, String value) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                double ms = v * MULTIPLIERS[i];
                // a fractional value is rounded to the next smaller unit, as PostgreSQL does ("1.5min" is 90s)
                if (i + 1 < UNITS.length - 1) {
                    ms = Math.rint(ms / MULTIPLIERS[i + 1]) * MULTIPLIERS[i + 1];
                }
                return ms;
            }
        }
        throw invalid(name, value).withHint(UNITS_HINT);
    }

    static DbException invalid(String name, String value) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", name,
                value);
    }

    /** strtol(value, 0) falling back to strtod where PostgreSQL's parse_int does. */
    static final class Scan {
        private final String s;
        int pos;

        Scan(String s) {
            this.s = s;
        }

        /** The number at the start (after blanks), NaN when there is none. */
        double integerOrDecimal() {
            int start = pos;
            while (start < s.length() && Character.isWhitespace(s.charAt(start))) {
                start++;
            }
            int p = start;
            boolean negative = false;
            if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                negative = s.charAt(p) == '-';
                p++;
            }
            int radix = 10;
            if (p + 1 < s.length() && s.charAt(p) == '0' && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'X')
                    && p + 2 < s.length() && digit(s.charAt(p + 2), 16) >= 0) {
                radix = 16;
                p += 2;
            } else if (p < s.length() && s.charAt(p) == '0') {
                radix = 8;
            }
            int digitsStart = p;
            double value = 0;
            while (p < s.length() && digit(s.charAt(p), radix) >= 0) {
                value = value * radix + digit(s.charAt(p), radix);
                p++;
            }
            if (p == digitsStart) {
                return decimal(start);
            }
            if (p < s.length() && (s.charAt(p) == '.' || s.charAt(p) == 'e' || s.charAt(p) == 'E')
                    || value > Long.MAX_VALUE) {
                return decimal(start);
            }
            pos = p;
            return negative ? -value : value;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** The value of an ASCII digit in the radix, or -1. */
        private static int digit(char c, int radix) {
            return c < 128 ? Character.digit(c, radix) : -1;
        }

        /** strtod: [sign] digits [. digits] [e [sign] digits]. */
        private double decimal(int start) {
            int p = start;
            if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                p++;
            }
            int mantissa = p;
            while (p < s.length() && isDigit(s.charAt(p))) {
                p++;
            }
            if (p < s.length() && s.charAt(p) == '.') {
                p++;
                while (p < s.length() && isDigit(s.charAt(p))) {
                    p++;
                }
            }
            if (p == mantissa || (p == mantissa + 1 && s.charAt(mantissa) == '.')) {
                return Double.NaN;
            }
            if (p < s.length() && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
                int e = p + 1;
                if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                    e++;
                }
                if (e < s.length() && isDigit(s.charAt(e))) {
                    p = e;
                    while (p < s.length() && isDigit(s.charAt(p))) {
                        p++;
                    }
                }
            }
            pos = p;
            double v = Double.parseDouble(s.substring(start, p));
            return Double.isInfinite(v) ? Double.NaN : v;
        }
    }
}
