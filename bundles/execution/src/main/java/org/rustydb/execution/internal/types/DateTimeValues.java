package org.rustydb.execution.internal.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/**
 * date, time, timestamp and timestamp with time zone: input in ISO form (the DateStyle ISO output
 * reads back), conversions between them (through the session's time zone), precision rounding and
 * their arithmetic with integers and intervals.
 */
public final class DateTimeValues {
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{1,7})-(\\d{1,2})-(\\d{1,2})"
            + "(?:(?:[Tt]|\\s+)(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?)?"
            + "\\s*([Zz]|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z0-9_/+-]*?)??"
            + "(?:\\s*\\b(BC|AD|bc|ad))?");
    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?"
            + "\\s*([Zz]|[+-]\\d{1,2}(?::?\\d{2})?|[A-Za-z][A-Za-z0-9_/+-]*)?");
    private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);
    /** PostgreSQL's timestamps end in 294276 AD; dates go further, but not beyond what Java holds. */
    private static final int MAX_YEAR = 294276;

    private DateTimeValues() {
    }

    /** Parses text as the input function of a date/time type does. */
    public static Object parse(String text, DataType type) {
        String s = text.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        SqlType t = type.type();
        Object special = special(lower, t);
        if (special != null) {
            return special;
        }
        if (t == SqlType.TIME) {
            Matcher m = TIME.matcher(s);
            if (!m.matches()) {
                // a full timestamp gives its time of day
                Matcher full = DATE_TIME.matcher(s);
                if (full.matches() && full.group(4) != null) {
                    return round(time(full.group(4), full.group(5), full.group(6), full.group(7), text),
                            type.typmod(), text);
                }
                throw invalid(t, text);
            }
            return round(time(m.group(1), m.group(2), m.group(3), m.group(4), text), type.typmod(), text);
        }
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            throw invalid(t, text);
        }
        int year = Integer.parseInt(m.group(1));
        boolean bc = m.group(9) != null && m.group(9).equalsIgnoreCase("BC");
        if (year == 0) {
            throw fieldOverflow(text);
        }
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        LocalDate date;
        try {
            date = LocalDate.of(bc ? 1 - year : year, month, day);
        } catch (DateTimeException e) {
            DbException error = fieldOverflow(text);
            throw month > 12 ? error.withHint("Perhaps you need a different \"datestyle\" setting.") : error;
        }
        if (t == SqlType.DATE) {
            return date;
        }
        LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                : time(m.group(4), m.group(5), m.group(6), m.group(7), text);
        LocalDateTime local = LocalDateTime.of(date, time);
        if (t == SqlType.TIMESTAMP) {
            return checkTimestamp(round(local, type.typmod(), text));
        }
        ZoneId zone = m.group(8) == null ? SessionZone.get() : zone(m.group(8), t, text);
        Instant instant = local.atZone(zone).toInstant();
        return checkTimestamptz(round(instant, type.typmod()));
    }

    /** epoch, now, today, tomorrow, yesterday; infinity is not supported. */
    private static Object special(String lower, SqlType t) {
        LocalDateTime now = LocalDateTime.now(SessionZone.get()).truncatedTo(ChronoUnit.MICROS);
        LocalDateTime value = switch (lower) {
            case "epoch" -> t == SqlType.TIMESTAMPTZ ? LocalDateTime.ofInstant(Instant.EPOCH, SessionZone.get())
                    : EPOCH.atStartOfDay();
            case "now" -> now;
            case "today" -> now.toLocalDate().atStartOfDay();
            case "tomorrow" -> now.toLocalDate().plusDays(1).atStartOfDay();
            case "yesterday" -> now.toLocalDate().minusDays(1).atStartOfDay();
            case "infinity", "+infinity", "-infinity" -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "%s %s is not supported yet", t.sqlName(), lower);
            default -> null;
        };
        if (value != null && !lower.equals("epoch")) {
            ClockReads.noteRead();
        }
        if (value == null) {
            return null;
        }
        if (t == SqlType.TIME && (lower.equals("now"))) {
            return value.toLocalTime();
        }
        if (t == SqlType.TIME) {
            return null;
        }
        return fromTimestamp(value, t);
    }

    private static LocalTime time(String h, String m, String s, String fraction, String text) {
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        int second = s == null ? 0 : Integer.parseInt(s);
        long nanos = 0;
        if (fraction != null && !fraction.isEmpty()) {
            String digits = (fraction + "000000000").substring(0, 9);
            nanos = Long.parseLong(digits);
            if (fraction.length() > 9 && fraction.charAt(9) >= '5') {
                nanos++;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) {
            throw fieldOverflow(text);
        }
        // a leap second reads as the next minute, as in PostgreSQL
        long total = ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + nanos;
        if (total >= 86_400_000_000_000L) {
            throw fieldOverflow(text);
        }
        return LocalTime.ofNanoOfDay(total);
    }

    private static ZoneId zone(String spec, SqlType t, String text) {
        if (spec.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        char first = spec.charAt(0);
        if (first == '+' || first == '-') {
            String body = spec.substring(1);
            String[] parts;
            if (body.contains(":")) {
                parts = body.split(":");
            } else if (body.length() <= 2) {
                parts = new String[] {body};
            } else if (body.length() <= 4) {
                parts = new String[] {body.substring(0, body.length() - 2), body.substring(body.length() - 2)};
            } else {
                int h = body.length() - 4;
                parts = new String[] {body.substring(0, h), body.substring(h, h + 2), body.substring(h + 2)};
            }
            int hours = Integer.parseInt(parts[0]);
            int minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            int total = ((hours * 60) + minutes) * 60 + seconds;
            if (hours > 15 || minutes > 59 || seconds > 59) {
                throw DbException.of(SqlState.INVALID_DATETIME_FORMAT, "time zone displacement out of range: \"%s\"",
                        text);
            }
            return ZoneOffset.ofTotalSeconds(first == '-' ? -total : total);
        }
        try {
            return ZoneId.of(spec.equalsIgnoreCase("utc") || spec.equalsIgnoreCase("gmt") ? "UTC" : spec,
                    ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw invalid(t, text);
        }
    }

    /** Rounds to the fractional-second precision of time(p), or to microseconds. */
    private static LocalTime round(LocalTime t, int precision, String text) {
        long unit = unitNanos(precision);
        long nanos = t.toNanoOfDay();
        long rounded = (nanos + unit / 2) / unit * unit;
        if (rounded >= 86_400_000_000_000L) {
            throw fieldOverflow(text); // PostgreSQL would give 24:00:00, which LocalTime cannot hold
        }
        return LocalTime.ofNanoOfDay(rounded);
    }

    private static LocalDateTime round(LocalDateTime t, int precision, String text) {
        long unit = unitNanos(precision);
        long nanos = t.getNano();
        long rounded = (nanos + unit / 2) / unit * unit;
        return t.withNano(0).plusNanos(rounded);
    }

    private static Instant round(Instant t, int precision) {
        long unit = unitNanos(precision);
        long rounded = (t.getNano() + unit / 2) / unit * unit;
        return Instant.ofEpochSecond(t.getEpochSecond()).plusNanos(rounded);
    }

    private static long unitNanos(int precision) {
        int p = precision < 0 || precision > 6 ? 6 : precision;
        long unit = 1000;
        for (int i = p; i < 6; i++) {
            unit *= 10;
        }
        return unit;
    }

    /** Applies the precision of time(p), timestamp(p) or timestamptz(p) to a value of that type. */
    public static Object applyTypmod(Object value, DataType type) {
        if (type.typmod() < 0) {
            return value;
        }
        return switch (type.type()) {
            case TIME -> round((LocalTime) value, type.typmod(), org.rustydb.api.ValueText.time((LocalTime) value));
            case TIMESTAMP -> round((LocalDateTime) value, type.typmod(), "");
            case TIMESTAMPTZ -> round((Instant) value, type.typmod());
            default -> value;
        };
    }

    /** Converts between date/time types (the caller checked the cast exists). */
    public static Object convert(Object value, SqlType from, SqlType to) {
        if (from == to) {
            return value;
        }
        if (to == SqlType.INTERVAL) { // from time
            return new Interval(0, 0, ((LocalTime) value).toNanoOfDay() / 1000);
        }
        if (from == SqlType.INTERVAL) { // to time: the time of day the interval's time part reaches
            long micros = Math.floorMod(((Interval) value).micros(), Interval.MICROS_PER_DAY);
            return LocalTime.ofNanoOfDay(micros * 1000);
        }
        LocalDateTime local = switch (from) {
            case DATE -> ((LocalDate) value).atStartOfDay();
            case TIMESTAMP -> (LocalDateTime) value;
            case TIMESTAMPTZ -> LocalDateTime.ofInstant((Instant) value, SessionZone.get());
            default -> throw new IllegalStateException("no cast from " + from + " to " + to);
        };
        return fromTimestamp(local, to);
    }

    private static Object fromTimestamp(LocalDateTime local, SqlType to) {
        return switch (to) {
            case DATE -> local.toLocalDate();
            case TIME -> local.toLocalTime();
            case TIMESTAMP -> checkTimestamp(local);
            case TIMESTAMPTZ -> checkTimestamptz(local.atZone(SessionZone.get()).toInstant());
            default -> throw new IllegalStateException("no cast to " + to);
        };
    }

    private static LocalDateTime checkTimestamp(LocalDateTime t) {
        if (t.getYear() > MAX_YEAR || t.getYear() < -4713) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return t;
    }

    private static Instant checkTimestamptz(Instant t) {
        int year = t.atOffset(ZoneOffset.UTC).getYear();
        if (year > MAX_YEAR || year < -4713) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return t;
    }

    /** date + integer and date - integer. */
    public static LocalDate addDays(LocalDate date, long days) {
        try {
            LocalDate r = date.plusDays(days);
            if (r.getYear() > 5874897 || r.getYear() < -4713) {
                throw new DateTimeException("range");
            }
            return r;
        } catch (DateTimeException | ArithmeticException e) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
    }

    /** date - date: the number of days. */
    public static int daysBetween(LocalDate a, LocalDate b) {
        return (int) (a.toEpochDay() - b.toEpochDay());
    }

    /** timestamp + interval: months (clamped to the month's end), then days, then the time part. */
    public static LocalDateTime plus(LocalDateTime t, Interval i, int sign) {
        try {
            LocalDateTime r = t.plusMonths((long) sign * i.months()).plusDays((long) sign * i.days())
                    .plusNanos(Math.multiplyExact(sign * i.micros(), 1000L));
            return checkTimestamp(r);
        } catch (DateTimeException | ArithmeticException e) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    /** timestamptz + interval: months and days in the session's zone, the time part in absolute time. */
    public static Instant plus(Instant t, Interval i, int sign) {
        try {
            ZoneId zone = SessionZone.get();
            Instant r = t;
            if (i.months() != 0 || i.days() != 0) {
                r = t.atZone(zone).plusMonths((long) sign * i.months()).plusDays((long) sign * i.days()).toInstant();
            }
            return checkTimestamptz(r.plusNanos(Math.multiplyExact(sign * i.micros(), 1000L)));
        } catch (DateTimeException | ArithmeticException e) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    /** time + interval: the time part, wrapping around midnight. */
    public static LocalTime plus(LocalTime t, Interval i, int sign) {
        long micros = Math.floorMod(t.toNanoOfDay() / 1000 + sign * (i.micros() % Interval.MICROS_PER_DAY),
                Interval.MICROS_PER_DAY);
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    /** timestamp - timestamp: microseconds, whole 24 hours shown as days (justify_hours). */
    public static Interval minus(LocalDateTime a, LocalDateTime b) {
        return justifyHours(ChronoUnit.MICROS.between(b, a));
    }

    public static Interval minus(Instant a, Instant b) {
        return justifyHours(ChronoUnit.MICROS.between(b, a));
    }

    public static Interval minus(LocalTime a, LocalTime b) {
        return new Interval(0, 0, (a.toNanoOfDay() - b.toNanoOfDay()) / 1000);
    }

    private static Interval justifyHours(long micros) {
        long days = micros / Interval.MICROS_PER_DAY;
        return new Interval(0, Math.toIntExact(days), micros - days * Interval.MICROS_PER_DAY);
    }

    /** The name the input error messages use: time and timestamp without their "without time zone". */
    private static String inputName(SqlType t) {
        return switch (t) {
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            default -> t.sqlName();
        };
    }

    static DbException invalid(SqlType t, String text) {
        return DbException.of(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type %s: \"%s\"",
                inputName(t), text);
    }

    static DbException fieldOverflow(String text) {
        return DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"%s\"", text);
    }
}
