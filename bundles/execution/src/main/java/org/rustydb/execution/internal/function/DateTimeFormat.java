package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.BIGINT;
import static org.rustydb.api.SqlType.DATE;
import static org.rustydb.api.SqlType.DOUBLE;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.INTERVAL;
import static org.rustydb.api.SqlType.NUMERIC;
import static org.rustydb.api.SqlType.REAL;
import static org.rustydb.api.SqlType.TEXT;
import static org.rustydb.api.SqlType.TIMESTAMP;
import static org.rustydb.api.SqlType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.SessionZone;
import org.rustydb.spi.function.SqlFunction;

/**
 * to_char for timestamps, timestamptz (in the session's zone), intervals and numbers
 * ({@link NumberFormat}), and to_date / to_timestamp(text, text) ({@link DateTimeParse}), with
 * PostgreSQL's template patterns: HH HH12 HH24 MI SS MS US SSSS AM/PM YYYY YYY YY Y Y,YYY IYYY
 * MONTH Month month MON Mon mon MM DAY Day day DY Dy dy DDD IDDD DD D ID W WW IW CC J Q RM BC/AD
 * TZ tz TZH TZM OF, the FM prefix and TH/th suffixes, "quoted" text and backslash escapes. Names
 * are English, as in PostgreSQL without the TM prefix.
 */
final class DateTimeFormat {
    /** Patterns, longest first where one is the prefix of another. */
    static final List<String> PATTERNS = List.of("A.M.", "a.m.", "P.M.", "p.m.", "B.C.", "b.c.", "A.D.", "a.d.",
            "HH24", "HH12", "HH", "MI", "MS", "SSSSS", "SSSS", "SS", "US", "AM", "am", "PM", "pm", "BC", "bc", "AD",
            "ad", "Y,YYY", "YYYY", "YYY", "YY", "Y", "IYYY", "IYY", "IY", "IDDD", "ID", "IW", "I", "MONTH", "Month",
            "month", "MON", "Mon", "mon", "MM", "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "DD", "D", "WW", "W",
            "CC", "J", "Q", "RM", "rm", "TZH", "TZM", "TZ", "tz", "OF");
    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

    private DateTimeFormat() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        f.add(new BuiltinFunction("to_char", List.of(TIMESTAMP, TEXT), TEXT,
                a -> format(Fields.of((LocalDateTime) a[0], null), (String) a[1])));
        f.add(new BuiltinFunction("to_char", List.of(TIMESTAMPTZ, TEXT), TEXT, a -> {
            Instant t = (Instant) a[0];
            return format(Fields.of(LocalDateTime.ofInstant(t, SessionZone.get()), t), (String) a[1]);
        }));
        f.add(new BuiltinFunction("to_char", List.of(INTERVAL, TEXT), TEXT,
                a -> format(Fields.of((Interval) a[0]), (String) a[1])));
        for (SqlType t : List.of(INTEGER, BIGINT, NUMERIC)) {
            f.add(new BuiltinFunction("to_char", List.of(t, TEXT), TEXT,
                    a -> NumberFormat.format(t == NUMERIC ? (BigDecimal) a[0]
                            : BigDecimal.valueOf(((Number) a[0]).longValue()), (String) a[1], false)));
        }
        for (SqlType t : List.of(REAL, DOUBLE)) {
            f.add(new BuiltinFunction("to_char", List.of(t, TEXT), TEXT, a -> formatFloat(((Number) a[0]).doubleValue(),
                    (String) a[1])));
        }
        f.add(new BuiltinFunction("to_date", List.of(TEXT, TEXT), DATE,
                a -> DateTimeParse.parse((String) a[0], (String) a[1]).toLocalDate()));
        f.add(new BuiltinFunction("to_timestamp", List.of(TEXT, TEXT), TIMESTAMPTZ,
                a -> DateTimeParse.parseInstant((String) a[0], (String) a[1])));
        return f;
    }

    private static String formatFloat(double d, String format) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "to_char of NaN or infinity is not supported yet");
        }
        return NumberFormat.format(new BigDecimal(d), format, true);
    }

    /** The broken-down value a template formats: a timestamp's fields, or an interval's. */
    record Fields(long year, int month, int day, long hour, int minute, int second, int micros, LocalDateTime t,
                  Instant instant) {
        static Fields of(LocalDateTime t, Instant instant) {
            return new Fields(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                    t.getSecond(), t.getNano() / 1000, t, instant);
        }

        static Fields of(Interval i) {
            long time = i.micros();
            return new Fields(i.months() / 12, i.months() % 12, i.days(), time / 3_600_000_000L,
                    (int) (time / 60_000_000L % 60), (int) (time / 1_000_000L % 60), (int) (time % 1_000_000L), null,
                    null);
        }
    }

    static String format(Fields v, String format) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            boolean fm = false;
            if (format.startsWith("FM", i) || format.startsWith("fm", i)) {
                fm = true;
                i += 2;
            }
            String pattern = match(format, i);
            if (pattern == null) {
                char c = format.charAt(i);
                if (c == '"') {
                    i = quoted(format, i, out);
                } else if (c == '\\' && i + 1 < format.length()) {
                    out.append(format.charAt(i + 1));
                    i += 2;
                } else if (!fm) {
                    out.append(c);
                    i++;
                }
                continue;
            }
            i += pattern.length();
            String suffix = null;
            if (format.startsWith("TH", i) || format.startsWith("th", i)) {
                suffix = format.substring(i, i + 2);
                i += 2;
            }
            String text = field(v, pattern, fm);
            out.append(text);
            if (suffix != null) {
                out.append(ordinal(text, suffix.equals("TH")));
            }
        }
        return out.toString();
    }

    /** Appends the "quoted" text starting at {@code i} (a backslash escapes a quote); returns where it ends. */
    static int quoted(String format, int i, StringBuilder out) {
        int j = i + 1;
        while (j < format.length() && format.charAt(j) != '"') {
            if (format.charAt(j) == '\\' && j + 1 < format.length()) {
                j++;
            }
            out.append(format.charAt(j));
            j++;
        }
        return j + 1;
    }

    /** The pattern at {@code i}: case-sensitive for names, either case for numbers. */
    static String match(String format, int i) {
        for (String p : PATTERNS) {
            if (format.startsWith(p, i)) {
                return p;
            }
        }
        for (String p : PATTERNS) {
            if (p.chars().noneMatch(Character::isLowerCase) && !isName(p)
                    && format.regionMatches(true, i, p, 0, p.length())) {
                return p;
            }
        }
        return null;
    }

    private static boolean isName(String p) {
        return p.startsWith("MON") || p.startsWith("DAY") || p.equals("DY") || p.contains("M.") || p.equals("AM")
                || p.equals("PM") || p.equals("BC") || p.equals("AD") || p.contains(".") || p.equals("RM")
                || p.equals("TZ");
    }

    private static String field(Fields v, String p, boolean fm) {
        long year = v.year;
        long displayYear = year > 0 ? year : 1 - year; // BC years print without a sign
        return switch (p) {
            case "HH", "HH12" -> num(v.hour % 12 == 0 ? 12 : v.hour % 12, 2, fm);
            case "HH24" -> num(v.hour, 2, fm);
            case "MI" -> num(v.minute, 2, fm);
            case "SS" -> num(v.second, 2, fm);
            case "MS" -> num(v.micros / 1000, 3, fm);
            case "US" -> num(v.micros, 6, fm);
            case "SSSS", "SSSSS" -> Long.toString((v.hour * 60 + v.minute) * 60 + v.second);
            case "AM", "PM" -> v.hour % 24 >= 12 ? "PM" : "AM";
            case "am", "pm" -> v.hour % 24 >= 12 ? "pm" : "am";
            case "A.M.", "P.M." -> v.hour % 24 >= 12 ? "P.M." : "A.M.";
            case "a.m.", "p.m." -> v.hour % 24 >= 12 ? "p.m." : "a.m.";
            case "BC", "AD" -> year <= 0 ? "BC" : "AD";
            case "bc", "ad" -> year <= 0 ? "bc" : "ad";
            case "B.C.", "A.D." -> year <= 0 ? "B.C." : "A.D.";
            case "b.c.", "a.d." -> year <= 0 ? "b.c." : "a.d.";
            case "YYYY" -> num(displayYear, 4, fm);
            case "YYY" -> num(displayYear % 1000, 3, fm);
            case "YY" -> num(displayYear % 100, 2, fm);
            case "Y" -> num(displayYear % 10, 1, fm);
            case "Y,YYY" -> String.format("%d,%03d", displayYear / 1000, displayYear % 1000);
            case "IYYY", "IYY", "IY", "I" -> {
                long iso = date(v, p).get(IsoFields.WEEK_BASED_YEAR);
                iso = iso > 0 ? iso : 1 - iso;
                int width = p.length();
                yield num(iso % (long) Math.pow(10, width), width, fm);
            }
            case "MONTH", "Month", "month", "MON", "Mon", "mon" -> name(
                    v.month == 0 ? "" : java.time.Month.of(v.month).getDisplayName(
                            p.length() == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH), p, fm);
            case "MM" -> num(v.month, 2, fm);
            case "DAY", "Day", "day", "DY", "Dy", "dy" -> name(date(v, p).getDayOfWeek().getDisplayName(
                    p.length() == 2 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH), p, fm);
            case "DDD" -> num(date(v, p).getDayOfYear(), 3, fm);
            case "IDDD" -> {
                java.time.LocalDate d = date(v, p);
                long week = d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                yield num((week - 1) * 7 + d.getDayOfWeek().getValue(), 3, fm);
            }
            case "DD" -> num(v.day, 2, fm);
            case "D" -> Integer.toString(date(v, p).getDayOfWeek() == DayOfWeek.SUNDAY ? 1
                    : date(v, p).getDayOfWeek().getValue() + 1);
            case "ID" -> Integer.toString(date(v, p).getDayOfWeek().getValue());
            case "W" -> Integer.toString((v.day - 1) / 7 + 1);
            case "WW" -> num((date(v, p).getDayOfYear() - 1) / 7 + 1, 2, fm);
            case "IW" -> num(date(v, p).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case "CC" -> num(year > 0 ? (year - 1) / 100 + 1 : -((-year) / 100 + 1), 2, fm);
            case "J" -> Long.toString(date(v, p).toEpochDay() + 2440588);
            case "Q" -> v.month == 0 && v.t == null ? "" : Integer.toString((v.month - 1) / 3 + 1);
            case "RM", "rm" -> {
                String r = v.month == 0 ? "" : ROMAN[v.month - 1];
                r = fm ? r : String.format("%-4s", r);
                yield p.equals("rm") ? r.toLowerCase(Locale.ROOT) : r;
            }
            case "TZ", "tz" -> {
                String z = zoneName(v);
                yield p.equals("tz") ? z.toLowerCase(Locale.ROOT) : z;
            }
            case "TZH" -> {
                int offset = offsetSeconds(v);
                yield (offset < 0 ? "-" : "+") + num(Math.abs(offset) / 3600, 2, fm);
            }
            case "TZM" -> num(Math.abs(offsetSeconds(v)) / 60 % 60, 2, fm);
            case "OF" -> {
                int offset = offsetSeconds(v);
                int abs = Math.abs(offset);
                String s = (offset < 0 ? "-" : "+") + num(abs / 3600, 2, fm);
                yield abs % 3600 == 0 ? s : s + ":" + num(abs / 60 % 60, 2, false);
            }
            default -> throw new IllegalStateException(p);
        };
    }

    private static java.time.LocalDate date(Fields v, String pattern) {
        if (v.t == null) {
            throw DbException.of(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid format specification for an interval value").withHint(
                    "Intervals are not tied to specific calendar dates.");
        }
        return v.t.toLocalDate();
    }

    private static int offsetSeconds(Fields v) {
        return v.instant == null ? 0 : SessionZone.get().getRules().getOffset(v.instant).getTotalSeconds();
    }

    /** The zone's abbreviation (IST, CET, EDT), or the offset as +05 where it has none. */
    private static String zoneName(Fields v) {
        if (v.instant == null) {
            return "";
        }
        ZoneId zone = SessionZone.get();
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds() == 0 ? "UTC" : offsetText(o.getTotalSeconds());
        }
        boolean dst = zone.getRules().isDaylightSavings(v.instant);
        String name = TimeZone.getTimeZone(zone).getDisplayName(dst, TimeZone.SHORT, Locale.ENGLISH);
        return name.startsWith("GMT") && name.length() > 3 ? offsetText(offsetSeconds(v)) : name;
    }

    private static String offsetText(int seconds) {
        int abs = Math.abs(seconds);
        String s = (seconds < 0 ? "-" : "+") + num(abs / 3600, 2, false);
        return abs % 3600 == 0 ? s : s + ":" + num(abs / 60 % 60, 2, false);
    }

    /** Zero-padded to {@code width} digits (negative numbers keep their sign); FM drops the padding. */
    private static String num(long n, int width, boolean fm) {
        if (fm) {
            return Long.toString(n);
        }
        String digits = Long.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder(n < 0 ? "-" : "");
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** A month or day name in the pattern's case; full names are blank-padded to 9 characters unless FM. */
    private static String name(String text, String pattern, boolean fm) {
        String s = text;
        if (Character.isUpperCase(pattern.charAt(1))) {
            s = s.toUpperCase(Locale.ENGLISH);
        } else if (Character.isLowerCase(pattern.charAt(0))) {
            s = s.toLowerCase(Locale.ENGLISH);
        }
        boolean full = pattern.equalsIgnoreCase("month") || pattern.equalsIgnoreCase("day");
        if (!fm && full) {
            s = String.format("%-9s", s);
        }
        return s;
    }

    /** st, nd, rd or th for the number just written. */
    private static String ordinal(String number, boolean upper) {
        String digits = number.strip();
        String suffix = "th";
        if (!digits.isEmpty() && Character.isDigit(digits.charAt(digits.length() - 1))) {
            int last = digits.charAt(digits.length() - 1) - '0';
            boolean teen = digits.length() > 1 && digits.charAt(digits.length() - 2) == '1';
            if (!teen) {
                suffix = switch (last) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
            }
        }
        return upper ? suffix.toUpperCase(Locale.ROOT) : suffix;
    }
}
