package org.rustydb.api;

/**
 * A value of SQL type interval, kept as PostgreSQL keeps it: months, days and microseconds, each
 * with its own sign (a month has no fixed number of days, nor a day a fixed number of hours across
 * daylight-saving changes). Comparison treats a month as 30 days and a day as 24 hours, as
 * PostgreSQL does, so {@code compareTo} can be 0 for intervals that are not {@code equals}.
 *
 * @param months months (years are 12 months)
 * @param days   days
 * @param micros the time part in microseconds
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The interval as one span of microseconds (months as 30 days), wider than a long can hold. */
    private java.math.BigInteger span() {
        return java.math.BigInteger.valueOf(months * 30L + days).multiply(java.math.BigInteger.valueOf(MICROS_PER_DAY))
                .add(java.math.BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(Interval other) {
        return span().compareTo(other.span());
    }

    /** PostgreSQL's output in its default IntervalStyle (postgres): {@code 1 year 2 mons 3 days 04:05:06.5}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int years = months / 12;
        int mons = months % 12;
        boolean[] negativeSeen = {false};
        appendUnit(sb, years, "year", negativeSeen);
        appendUnit(sb, mons, "mon", negativeSeen);
        appendUnit(sb, days, "day", negativeSeen);
        if (micros != 0 || sb.length() == 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            long t = micros;
            boolean negative = t < 0;
            // A sign shows when the time part is negative, or positive right after a negative field.
            if (negative) {
                sb.append('-');
            } else if (negativeSeen[0]) {
                sb.append('+');
            }
            long abs = Math.abs(t);
            long hours = abs / 3_600_000_000L;
            long minutes = abs / 60_000_000L % 60;
            long seconds = abs / 1_000_000L % 60;
            long fraction = abs % 1_000_000L;
            sb.append(hours < 10 ? "0" : "").append(hours).append(':');
            sb.append(minutes < 10 ? "0" : "").append(minutes).append(':');
            sb.append(seconds < 10 ? "0" : "").append(seconds);
            ValueText.appendFraction(sb, fraction);
        }
        return sb.toString();
    }

    private static void appendUnit(StringBuilder sb, int value, String unit, boolean[] negativeSeen) {
        if (value == 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        if (value > 0 && negativeSeen[0]) {
            sb.append('+');
        }
        negativeSeen[0] = value < 0;
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
    }
}
