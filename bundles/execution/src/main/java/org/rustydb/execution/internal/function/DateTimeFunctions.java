package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.BOOLEAN;
import static org.rustydb.api.SqlType.DATE;
import static org.rustydb.api.SqlType.DOUBLE;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.INTERVAL;
import static org.rustydb.api.SqlType.NUMERIC;
import static org.rustydb.api.SqlType.TEXT;
import static org.rustydb.api.SqlType.TIME;
import static org.rustydb.api.SqlType.TIMESTAMP;
import static org.rustydb.api.SqlType.TIMESTAMPTZ;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;
import org.rustydb.execution.internal.types.DateTimeValues;
import org.rustydb.execution.internal.types.SessionZone;
import org.rustydb.execution.internal.types.TransactionClock;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL's date/time functions: now() and its relatives ({@link TransactionClock}), date_trunc,
 * date_part and EXTRACT ({@link DateParts}), age, make_date/time/timestamp/timestamptz/interval,
 * justify_days/hours/interval, isfinite (always true: infinite values are not supported) and
 * to_timestamp(double precision). to_char, to_date and to_timestamp(text, text) are in
 * {@link DateTimeFormat}.
 */
public final class DateTimeFunctions {
    private static final List<SqlType> DATETIMES = List.of(DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL);

    private DateTimeFunctions() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        for (String name : List.of("now", "transaction_timestamp")) {
            f.add(new BuiltinFunction(name, List.of(), TIMESTAMPTZ, a -> TransactionClock.transactionStart()));
        }
        f.add(new BuiltinFunction("statement_timestamp", List.of(), TIMESTAMPTZ,
                a -> TransactionClock.statementStart()));
        f.add(new BuiltinFunction("clock_timestamp", List.of(), TIMESTAMPTZ, a -> TransactionClock.now()));
        for (SqlType t : List.of(TIMESTAMP, TIMESTAMPTZ, INTERVAL)) {
            f.add(new BuiltinFunction("date_trunc", List.of(TEXT, t), t, a -> dateTrunc((String) a[0], a[1], t)));
        }
        for (SqlType t : DATETIMES) {
            f.add(new BuiltinFunction("extract", List.of(TEXT, t), NUMERIC,
                    a -> DateParts.extract((String) a[0], a[1], t)));
            // date_part(text, date) is date_part(text, timestamp) in PostgreSQL
            SqlType source = t == DATE ? TIMESTAMP : t;
            f.add(new BuiltinFunction("date_part", List.of(TEXT, t), DOUBLE,
                    a -> DateParts.datePart((String) a[0], t == DATE ? ((LocalDate) a[1]).atStartOfDay() : a[1],
                            source)));
        }
        f.add(new BuiltinFunction("age", List.of(TIMESTAMP, TIMESTAMP), INTERVAL,
                a -> age((LocalDateTime) a[0], (LocalDateTime) a[1])));
        f.add(new BuiltinFunction("age", List.of(TIMESTAMPTZ, TIMESTAMPTZ), INTERVAL,
                a -> age(local((Instant) a[0]), local((Instant) a[1]))));
        f.add(new BuiltinFunction("age", List.of(TIMESTAMP), INTERVAL,
                a -> age(currentDate().atStartOfDay(), (LocalDateTime) a[0])));
        f.add(new BuiltinFunction("age", List.of(TIMESTAMPTZ), INTERVAL,
                a -> age(currentDate().atStartOfDay(), local((Instant) a[0]))));
        makers(f);
        f.add(new BuiltinFunction("justify_days", List.of(INTERVAL), INTERVAL, a -> justifyDays((Interval) a[0])));
        f.add(new BuiltinFunction("justify_hours", List.of(INTERVAL), INTERVAL, a -> justifyHours((Interval) a[0])));
        f.add(new BuiltinFunction("justify_interval", List.of(INTERVAL), INTERVAL,
                a -> justifyInterval((Interval) a[0])));
        for (SqlType t : List.of(DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL)) {
            f.add(new BuiltinFunction("isfinite", List.of(t), BOOLEAN, a -> true));
        }
        f.add(new BuiltinFunction("to_timestamp", List.of(DOUBLE), TIMESTAMPTZ, a -> toTimestamp((Double) a[0])));
        f.addAll(DateTimeFormat.all());
        return f;
    }

    private static void makers(List<SqlFunction> f) {
        f.add(new BuiltinFunction("make_date", List.of(INTEGER, INTEGER, INTEGER), DATE,
                a -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2])));
        f.add(new BuiltinFunction("make_time", List.of(INTEGER, INTEGER, DOUBLE), TIME,
                a -> makeTime((Integer) a[0], (Integer) a[1], (Double) a[2])));
        List<SqlType> ts = List.of(INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE);
        f.add(new BuiltinFunction("make_timestamp", ts, TIMESTAMP, DateTimeFunctions::makeTimestamp));
        f.add(new BuiltinFunction("make_timestamptz", ts, TIMESTAMPTZ,
                a -> DateTimeValues.convert(makeTimestamp(a), TIMESTAMP, TIMESTAMPTZ)));
        // make_interval(years, months, weeks, days, hours, mins, secs), every argument defaulting to 0
        List<SqlType> params = List.of(INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE);
        for (int n = 0; n <= params.size(); n++) {
            f.add(new BuiltinFunction("make_interval", params.subList(0, n), INTERVAL, DateTimeFunctions::makeInterval));
        }
    }

    /** CURRENT_DATE: the transaction's start in the session's zone. */
    public static LocalDate currentDate() {
        return LocalDate.ofInstant(TransactionClock.transactionStart(), SessionZone.get());
    }

    /** LOCALTIMESTAMP. */
    public static LocalDateTime localTimestamp() {
        return LocalDateTime.ofInstant(TransactionClock.transactionStart(), SessionZone.get());
    }

    private static LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, SessionZone.get());
    }

    static Object dateTrunc(String field, Object value, SqlType type) {
        String unit = DateParts.unit(field);
        if (unit == null) {
            throw DateParts.notRecognized(field, type);
        }
        return switch (type) {
            case TIMESTAMP -> truncate(unit, field, (LocalDateTime) value, type);
            case TIMESTAMPTZ -> {
                ZoneId zone = SessionZone.get();
                ZonedDateTime z = ((Instant) value).atZone(zone);
                LocalDateTime t = truncate(unit, field, z.toLocalDateTime(), type);
                yield ZonedDateTime.ofLocal(t, zone, z.getOffset()).toInstant();
            }
            default -> truncateInterval(unit, field, (Interval) value);
        };
    }

    /** Timestamps: any other unit is not recognized for date_trunc. */
    private static LocalDateTime truncate(String unit, String field, LocalDateTime t, SqlType type) {
        LocalDate d = t.toLocalDate();
        int y = d.getYear();
        return switch (unit) {
            case "microseconds" -> t;
            case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> d.atStartOfDay();
            case "week" -> d.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).atStartOfDay();
            case "month" -> d.withDayOfMonth(1).atStartOfDay();
            case "quarter" -> LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "year" -> LocalDate.of(y, 1, 1).atStartOfDay();
            case "decade" -> LocalDate.of(y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10, 1, 1).atStartOfDay();
            case "century" -> LocalDate.of(y > 0 ? (y + 99) / 100 * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1,
                    1, 1).atStartOfDay();
            case "millennium" -> LocalDate.of(y > 0 ? (y + 999) / 1000 * 1000 - 999
                    : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
            default -> throw DateParts.notRecognized(field, type);
        };
    }

    private static Interval truncateInterval(String unit, String field, Interval i) {
        int months = i.months();
        int days = i.days();
        long time = i.micros();
        long hourMicros = 3_600_000_000L;
        return switch (unit) {
            case "microseconds" -> i;
            case "milliseconds" -> new Interval(months, days, time / 1000 * 1000);
            case "second" -> new Interval(months, days, time / 1_000_000 * 1_000_000);
            case "minute" -> new Interval(months, days, time / 60_000_000 * 60_000_000);
            case "hour" -> new Interval(months, days, time / hourMicros * hourMicros);
            case "day" -> new Interval(months, days, 0);
            case "month" -> new Interval(months, 0, 0);
            case "quarter" -> new Interval(months / 12 * 12 + months % 12 / 3 * 3, 0, 0);
            case "year" -> new Interval(months / 12 * 12, 0, 0);
            case "decade" -> new Interval(months / 120 * 120, 0, 0);
            case "century" -> new Interval(months / 1200 * 1200, 0, 0);
            case "millennium" -> new Interval(months / 12000 * 12000, 0, 0);
            case "week" -> throw DateParts.notSupported(field, INTERVAL)
                    .withDetail("Months usually have fractional weeks.");
            default -> throw DateParts.notRecognized(field, INTERVAL);
        };
    }

    /**
     * PostgreSQL's age: the field-by-field difference (years, months, days, time), borrowing from
     * the next larger field with the month lengths of the earlier timestamp's calendar.
     */
    static Interval age(LocalDateTime t1, LocalDateTime t2) {
        boolean flip = t1.isBefore(t2);
        int sign = flip ? -1 : 1;
        long fsec = sign * (t1.getNano() / 1000L - t2.getNano() / 1000L);
        long sec = sign * (t1.getSecond() - t2.getSecond());
        long min = sign * (t1.getMinute() - t2.getMinute());
        long hour = sign * (t1.getHour() - t2.getHour());
        long mday = sign * (t1.getDayOfMonth() - t2.getDayOfMonth());
        long mon = sign * (t1.getMonthValue() - t2.getMonthValue());
        long year = sign * ((long) t1.getYear() - t2.getYear());
        while (fsec < 0) {
            fsec += 1_000_000;
            sec--;
        }
        while (sec < 0) {
            sec += 60;
            min--;
        }
        while (min < 0) {
            min += 60;
            hour--;
        }
        while (hour < 0) {
            hour += 24;
            mday--;
        }
        LocalDate borrowFrom = (flip ? t1 : t2).toLocalDate();
        while (mday < 0) {
            mday += borrowFrom.lengthOfMonth();
            mon--;
        }
        while (mon < 0) {
            mon += 12;
            year--;
        }
        long months = sign * (year * 12 + mon);
        long time = sign * (((hour * 60 + min) * 60 + sec) * 1_000_000 + fsec);
        if (months != (int) months) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval((int) months, (int) (sign * mday), time);
    }

    static LocalDate makeDate(int year, int month, int day) {
        if (year == 0) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: %d-%02d-%02d",
                    year, month, day);
        }
        try {
            return LocalDate.of(year < 0 ? year + 1 : year, month, day);
        } catch (DateTimeException e) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: %d-%02d-%02d",
                    year, month, day);
        }
    }

    static LocalTime makeTime(int hour, int minute, double seconds) {
        // as PostgreSQL's float_time_overflows: 60 seconds carry into the next minute
        long total = (long) Math.rint(((hour * 60L + minute) * 60) * 1_000_000.0 + seconds * 1_000_000);
        if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || !(seconds >= 0 && seconds <= 60)
                || total > Interval.MICROS_PER_DAY) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: %d:%02d:%s",
                    hour, minute, secondsText(seconds));
        }
        if (total == Interval.MICROS_PER_DAY) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "time 24:00:00 is not supported yet");
        }
        return LocalTime.ofNanoOfDay(total * 1000);
    }

    /** printf's %02g, as PostgreSQL prints seconds in these messages. */
    private static String secondsText(double seconds) {
        String s = ValueText.formatDouble(seconds);
        return seconds >= 0 && seconds < 10 ? "0" + s : s;
    }

    private static LocalDateTime makeTimestamp(Object[] a) {
        LocalDate date = makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]);
        LocalTime time = makeTime((Integer) a[3], (Integer) a[4], (Double) a[5]);
        return LocalDateTime.of(date, time);
    }

    private static Interval makeInterval(Object[] a) {
        long[] v = new long[6];
        for (int i = 0; i < Math.min(a.length, 6); i++) {
            v[i] = (Integer) a[i];
        }
        double secs = a.length > 6 ? (Double) a[6] : 0;
        long months = v[0] * 12 + v[1];
        long days = v[2] * 7 + v[3];
        double micros = Math.rint((v[4] * 3600.0 + v[5] * 60.0 + secs) * 1_000_000);
        if (months != (int) months || days != (int) days || Double.isNaN(micros) || Math.abs(micros) >= 0x1p63) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval((int) months, (int) days, (long) micros);
    }

    static Interval justifyDays(Interval i) {
        int wholeMonths = i.days() / 30;
        long months = (long) i.months() + wholeMonths;
        int days = i.days() - wholeMonths * 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return interval(months, days, i.micros());
    }

    static Interval justifyHours(Interval i) {
        long wholeDays = i.micros() / Interval.MICROS_PER_DAY;
        long time = i.micros() - wholeDays * Interval.MICROS_PER_DAY;
        long days = i.days() + wholeDays;
        if (days > 0 && time < 0) {
            time += Interval.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= Interval.MICROS_PER_DAY;
            days++;
        }
        return interval(i.months(), days, time);
    }

    static Interval justifyInterval(Interval i) {
        long wholeDays = i.micros() / Interval.MICROS_PER_DAY;
        long time = i.micros() - wholeDays * Interval.MICROS_PER_DAY;
        long days = i.days() + wholeDays;
        long wholeMonths = days / 30;
        days -= wholeMonths * 30;
        long months = i.months() + wholeMonths;
        if (months > 0 && (days < 0 || (days == 0 && time < 0))) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || (days == 0 && time > 0))) {
            days -= 30;
            months++;
        }
        if (days > 0 && time < 0) {
            time += Interval.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= Interval.MICROS_PER_DAY;
            days++;
        }
        return interval(months, days, time);
    }

    private static Interval interval(long months, long days, long micros) {
        if (months != (int) months || days != (int) days) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval((int) months, (int) days, micros);
    }

    /** to_timestamp(seconds since 1970-01-01 00:00 UTC). */
    static Instant toTimestamp(double seconds) {
        if (Double.isNaN(seconds)) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
        }
        if (Double.isInfinite(seconds)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "timestamp with time zone %sinfinity is not supported yet",
                    seconds < 0 ? "-" : "");
        }
        double micros = Math.rint(seconds * 1_000_000);
        // PostgreSQL's range: 4714-11-24 BC to 294277-01-01 AD
        if (micros < -210_866_803_200_000_000.0 || micros >= 9_224_318_016_000_000_000.0) {
            throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"%s\"",
                    ValueText.formatDouble(seconds));
        }
        long m = (long) micros;
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
    }
}
