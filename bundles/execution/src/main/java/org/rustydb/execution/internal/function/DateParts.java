package org.rustydb.execution.internal.function;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.NumericValues;
import org.rustydb.execution.internal.types.SessionZone;

/**
 * EXTRACT(field FROM value) and date_part(field, value): PostgreSQL 15's fields of date, time,
 * timestamp, timestamptz (in the session's zone) and interval, as numeric (seconds with 6 decimals,
 * milliseconds with 3, epoch and julian with fractions) for EXTRACT and as double precision for
 * date_part.
 */
final class DateParts {
    private static final BigDecimal MICROS_PER_DAY = BigDecimal.valueOf(Interval.MICROS_PER_DAY);
    /** date2j(1970, 1, 1): the Julian day of the Unix epoch. */
    private static final long UNIX_EPOCH_JDATE = 2440588;

    private DateParts() {
    }

    /** Canonical unit names, with PostgreSQL's abbreviations and plurals. */
    static String unit(String field) {
        String f = field.toLowerCase(Locale.ROOT).strip();
        return switch (f) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> "microseconds";
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "millisecon" -> "milliseconds";
            case "second", "seconds", "s", "sec", "secs" -> "second";
            case "minute", "minutes", "m", "min", "mins" -> "minute";
            case "hour", "hours", "h", "hr", "hrs" -> "hour";
            case "day", "days", "d" -> "day";
            case "week", "weeks", "w" -> "week";
            case "month", "months", "mon", "mons" -> "month";
            case "quarter", "qtr" -> "quarter";
            case "year", "years", "y", "yr", "yrs" -> "year";
            case "decade", "decades", "dec", "decs" -> "decade";
            case "century", "centuries", "c", "cent" -> "century";
            case "millennium", "millennia", "mil", "mils", "millenia" -> "millennium";
            case "epoch", "dow", "isodow", "doy", "isoyear", "timezone", "timezone_hour", "timezone_minute" -> f;
            case "julian", "j" -> "julian";
            default -> null;
        };
    }

    static DbException notRecognized(String field, SqlType type) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unit \"%s\" not recognized for type %s",
                field.toLowerCase(Locale.ROOT), type.sqlName());
    }

    static DbException notSupported(String field, SqlType type) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "unit \"%s\" not supported for type %s",
                field.toLowerCase(Locale.ROOT), type.sqlName());
    }

    /** EXTRACT of a value of {@code type}; date_part is its double value. */
    static BigDecimal extract(String field, Object value, SqlType type) {
        String unit = unit(field);
        if (unit == null) {
            throw notRecognized(field, type);
        }
        BigDecimal r = switch (type) {
            case DATE -> date(unit, (LocalDate) value);
            case TIME -> time(unit, (LocalTime) value);
            case TIMESTAMP -> timestamp(unit, (LocalDateTime) value, null);
            case TIMESTAMPTZ -> timestamp(unit, LocalDateTime.ofInstant((Instant) value, SessionZone.get()),
                    (Instant) value);
            case INTERVAL -> interval(unit, (Interval) value);
            default -> throw new IllegalArgumentException("extract from " + type);
        };
        if (r == null) {
            throw notSupported(field, type);
        }
        return r;
    }

    static double datePart(String field, Object value, SqlType type) {
        return extract(field, value, type).doubleValue();
    }

    private static BigDecimal date(String unit, LocalDate d) {
        return switch (unit) {
            case "microseconds", "milliseconds", "second", "minute", "hour", "timezone", "timezone_hour",
                    "timezone_minute" -> null;
            case "epoch" -> BigDecimal.valueOf(d.toEpochDay() * 86400);
            case "julian" -> BigDecimal.valueOf(d.toEpochDay() + UNIX_EPOCH_JDATE);
            default -> dateField(unit, d);
        };
    }

    /** The fields that come from the date alone. */
    private static BigDecimal dateField(String unit, LocalDate d) {
        int year = d.getYear(); // astronomical: 0 is 1 BC
        long v = switch (unit) {
            case "day" -> d.getDayOfMonth();
            case "month" -> d.getMonthValue();
            case "quarter" -> (d.getMonthValue() - 1) / 3 + 1;
            case "year" -> year > 0 ? year : year - 1;
            case "decade" -> Math.floorDiv(year, 10);
            case "century" -> year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
            case "millennium" -> year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
            case "week" -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "isoyear" -> {
                int iso = d.get(IsoFields.WEEK_BASED_YEAR);
                yield iso > 0 ? iso : iso - 1;
            }
            case "dow" -> d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue();
            case "isodow" -> d.getDayOfWeek().getValue();
            case "doy" -> d.getDayOfYear();
            default -> throw new IllegalStateException(unit);
        };
        return BigDecimal.valueOf(v);
    }

    private static BigDecimal time(String unit, LocalTime t) {
        long micros = t.toNanoOfDay() / 1000;
        return switch (unit) {
            case "microseconds" -> BigDecimal.valueOf(micros % 60_000_000L);
            case "milliseconds" -> BigDecimal.valueOf(micros % 60_000_000L, 3);
            case "second" -> BigDecimal.valueOf(micros % 60_000_000L, 6);
            case "minute" -> BigDecimal.valueOf(t.getMinute());
            case "hour" -> BigDecimal.valueOf(t.getHour());
            case "epoch" -> BigDecimal.valueOf(micros, 6);
            default -> null;
        };
    }

    /** timestamp fields; {@code instant} is set for timestamptz (epoch and the zone fields). */
    private static BigDecimal timestamp(String unit, LocalDateTime t, Instant instant) {
        long micros = t.toLocalTime().toNanoOfDay() / 1000;
        switch (unit) {
            case "microseconds", "milliseconds", "second", "minute", "hour":
                return time(unit, t.toLocalTime());
            case "epoch": {
                long epochMicros = instant != null ? ChronoUnit.MICROS.between(Instant.EPOCH, instant)
                        : ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
                return BigDecimal.valueOf(epochMicros, 6);
            }
            case "julian":
                return BigDecimal.valueOf(t.toLocalDate().toEpochDay() + UNIX_EPOCH_JDATE).add(
                        NumericValues.numeric('/', BigDecimal.valueOf(micros), MICROS_PER_DAY));
            case "timezone", "timezone_hour", "timezone_minute": {
                if (instant == null) {
                    return null;
                }
                int offset = SessionZone.get().getRules().getOffset(instant).getTotalSeconds();
                return BigDecimal.valueOf(switch (unit) {
                    case "timezone" -> offset;
                    case "timezone_hour" -> offset / 3600;
                    default -> offset / 60 % 60;
                });
            }
            default:
                return dateField(unit, t.toLocalDate());
        }
    }

    private static BigDecimal interval(String unit, Interval i) {
        long time = i.micros();
        long years = i.months() / 12;
        return switch (unit) {
            case "microseconds" -> BigDecimal.valueOf(time % 60_000_000L);
            case "milliseconds" -> BigDecimal.valueOf(time % 60_000_000L, 3);
            case "second" -> BigDecimal.valueOf(time % 60_000_000L, 6);
            case "minute" -> BigDecimal.valueOf(time / 60_000_000L % 60);
            case "hour" -> BigDecimal.valueOf(time / 3_600_000_000L);
            case "day" -> BigDecimal.valueOf(i.days());
            case "month" -> BigDecimal.valueOf(i.months() % 12);
            case "quarter" -> BigDecimal.valueOf(i.months() % 12 / 3 + 1);
            case "year" -> BigDecimal.valueOf(years);
            case "decade" -> BigDecimal.valueOf(years / 10);
            case "century" -> BigDecimal.valueOf(years / 100);
            case "millennium" -> BigDecimal.valueOf(years / 1000);
            case "epoch" -> BigDecimal.valueOf(time, 6)
                    .add(BigDecimal.valueOf(31_557_600L * years))
                    .add(BigDecimal.valueOf(2_592_000L * (i.months() % 12)))
                    .add(BigDecimal.valueOf(86_400L * i.days()));
            default -> null;
        };
    }
}
