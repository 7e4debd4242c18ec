package org.rustydb.execution.internal.types;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/**
 * interval input (PostgreSQL's postgres-style {@code 1 year 2 mons 3 days 04:05:06}, with units in
 * any of their spellings, {@code ago}, a bare number of seconds, and ISO 8601 {@code P1Y2M3DT4H}) and
 * interval arithmetic. Fractions of a unit spill into the smaller units as PostgreSQL spills them
 * (a month is 30 days, a day 24 hours).
 */
public final class IntervalValues {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:([+-]?\\d{1,9}):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d*)?))?"
            + "|([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*([A-Za-z]*))");
    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+(?:\\.\\d+)?)Y)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)W)?(?:(\\d+(?:\\.\\d+)?)D)?"
            + "(?:T(?:(\\d+(?:\\.\\d+)?)H)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private IntervalValues() {
    }

    /** interval_in for the postgres and ISO 8601 formats. */
    public static Interval parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw invalid(text);
        }
        Matcher iso = ISO.matcher(s);
        if (s.startsWith("P") && iso.matches()) {
            return iso(iso, text);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@")) {
            lower = lower.substring(1);
        }
        boolean ago = false;
        if (lower.endsWith(" ago") || lower.equals("ago")) {
            ago = true;
            lower = lower.substring(0, lower.length() - 3);
        }
        Accumulator acc = new Accumulator(text);
        Matcher m = TOKEN.matcher(lower);
        int pos = 0;
        boolean any = false;
        while (pos < lower.length()) {
            if (lower.substring(pos).isBlank()) {
                break;
            }
            m.region(pos, lower.length());
            if (!m.lookingAt() || m.end() == pos) {
                throw invalid(text);
            }
            if (m.group(1) != null) {
                long hours = Long.parseLong(m.group(1).replace("+", ""));
                boolean negative = m.group(1).startsWith("-");
                long minutes = Long.parseLong(m.group(2));
                BigDecimal seconds = m.group(3) == null ? BigDecimal.ZERO : new BigDecimal(m.group(3));
                if (minutes > 59 || seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
                    throw DateTimeValues.fieldOverflow(text);
                }
                BigDecimal micros = seconds.movePointRight(6).add(BigDecimal.valueOf(
                        (Math.abs(hours) * 3600 + minutes * 60) * MICROS_PER_SECOND));
                acc.micros(negative ? micros.negate() : micros);
            } else {
                BigDecimal number = new BigDecimal(m.group(4).replace("+", ""));
                acc.add(number, m.group(5).isEmpty() ? "second" : m.group(5));
            }
            any = true;
            pos = m.end();
        }
        if (!any) {
            throw invalid(text);
        }
        Interval result = acc.result();
        return ago ? negate(result) : result;
    }

    private static Interval iso(Matcher m, String text) {
        Accumulator acc = new Accumulator(text);
        String[] units = {"year", "month", "week", "day", "hour", "minute", "second"};
        for (int i = 0; i < units.length; i++) {
            if (m.group(i + 1) != null) {
                acc.add(new BigDecimal(m.group(i + 1)), units[i]);
            }
        }
        return acc.result();
    }

    /** Sums fields, spilling fractions of months and days into smaller units. */
    private static final class Accumulator {
        private final String text;
        private BigDecimal months = BigDecimal.ZERO;
        private BigDecimal days = BigDecimal.ZERO;
        private BigDecimal micros = BigDecimal.ZERO;

        Accumulator(String text) {
            this.text = text;
        }

        void micros(BigDecimal v) {
            micros = micros.add(v);
        }

        void add(BigDecimal n, String unit) {
            switch (unit) {
                case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> micros(n);
                case "millisecond", "milliseconds", "ms", "msec", "msecs", "millisecon" -> micros(n.movePointRight(3));
                case "second", "seconds", "s", "sec", "secs" -> micros(n.movePointRight(6));
                case "minute", "minutes", "m", "min", "mins" -> micros(n.multiply(BigDecimal.valueOf(60_000_000L)));
                case "hour", "hours", "h", "hr", "hrs" -> micros(n.multiply(BigDecimal.valueOf(3_600_000_000L)));
                case "day", "days", "d" -> days = days.add(n);
                case "week", "weeks", "w" -> days = days.add(n.multiply(BigDecimal.valueOf(7)));
                case "month", "months", "mon", "mons" -> months = months.add(n);
                case "year", "years", "y", "yr", "yrs" -> months = months.add(n.multiply(BigDecimal.valueOf(12)));
                case "decade", "decades", "dec", "decs" -> months = months.add(n.multiply(BigDecimal.valueOf(120)));
                case "century", "centuries", "c", "cent" -> months = months.add(n.multiply(BigDecimal.valueOf(1200)));
                case "millennium", "millennia", "mil", "mils" ->
                        months = months.add(n.multiply(BigDecimal.valueOf(12000)));
                default -> throw invalid(text);
            }
        }

        Interval result() {
            BigDecimal wholeMonths = new BigDecimal(months.toBigInteger());
            days = days.add(months.subtract(wholeMonths).multiply(BigDecimal.valueOf(30)));
            BigDecimal wholeDays = new BigDecimal(days.toBigInteger());
            micros = micros.add(days.subtract(wholeDays).multiply(BigDecimal.valueOf(Interval.MICROS_PER_DAY)));
            try {
                return new Interval(wholeMonths.intValueExact(), wholeDays.intValueExact(),
                        micros.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
            } catch (ArithmeticException e) {
                throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \"%s\"",
                        text);
            }
        }
    }

    public static Interval negate(Interval i) {
        try {
            return new Interval(Math.negateExact(i.months()), Math.negateExact(i.days()), Math.negateExact(i.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    /** interval + interval, field by field. */
    public static Interval add(Interval a, Interval b, int sign) {
        try {
            return new Interval(Math.addExact(a.months(), sign * b.months()), Math.addExact(a.days(), sign * b.days()),
                    Math.addExact(a.micros(), sign * b.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    /** PostgreSQL's interval_mul: each field times the factor, fractions cascading down. */
    public static Interval multiply(Interval span, double factor) {
        if (Double.isNaN(factor)) {
            throw outOfRange();
        }
        double monthsD = span.months() * factor;
        double daysD = span.days() * factor;
        if (!fitsInt(monthsD) || !fitsInt(daysD)) {
            throw outOfRange();
        }
        int months = (int) monthsD;
        int days = (int) daysD;
        double monthRemainderDays = tsRound((span.months() * factor - months) * 30);
        double secRemainder = tsRound((span.days() * factor - days + monthRemainderDays - (int) monthRemainderDays)
                * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            days += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        days += (int) monthRemainderDays;
        double micros = Math.rint(span.micros() * factor + secRemainder * MICROS_PER_SECOND);
        if (Double.isNaN(micros) || micros < -0x1p63 || micros >= 0x1p63) {
            throw outOfRange();
        }
        return new Interval(months, days, (long) micros);
    }

    /** interval / float8, as PostgreSQL's interval_div. */
    public static Interval divide(Interval span, double factor) {
        if (factor == 0) {
            throw NumericValues.divisionByZero();
        }
        if (Double.isNaN(factor)) {
            throw outOfRange();
        }
        int months = (int) (span.months() / factor);
        int days = (int) (span.days() / factor);
        double monthRemainderDays = tsRound((span.months() / factor - months) * 30);
        double secRemainder = tsRound((span.days() / factor - days + monthRemainderDays - (int) monthRemainderDays)
                * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            days += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        days += (int) monthRemainderDays;
        double micros = Math.rint(span.micros() / factor + secRemainder * MICROS_PER_SECOND);
        return new Interval(months, days, (long) micros);
    }

    private static boolean fitsInt(double d) {
        return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }

    /** PostgreSQL's TSROUND: to microsecond precision. */
    private static double tsRound(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }

    /** Applies interval(p): rounds the time part's fraction of a second. */
    public static Interval applyTypmod(Interval i, int precision) {
        if (precision < 0 || precision >= 6) {
            return i;
        }
        long unit = 1;
        for (int p = precision; p < 6; p++) {
            unit *= 10;
        }
        long micros = i.micros();
        long rounded = micros >= 0 ? (micros + unit / 2) / unit * unit : -((-micros + unit / 2) / unit * unit);
        return new Interval(i.months(), i.days(), rounded);
    }

    static DbException outOfRange() {
        return DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    static DbException invalid(String text) {
        return DbException.of(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type %s: \"%s\"",
                SqlType.INTERVAL.sqlName(), text);
    }
}
