package org.rustydb.execution.internal.function;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.types.DateTimeValues;

/**
 * to_date(text, format) and to_timestamp(text, format): the input is read field by field as the
 * template's patterns say (see {@link DateTimeFormat}); a field followed by another pattern reads
 * at most its width, else all its digits. Separators in the template match any one non-letter,
 * non-digit character of the input, spaces any run of spaces. Missing fields default to January 1
 * of year 1, midnight; to_timestamp reads the time in the session's zone unless TZH/TZM give one.
 */
final class DateTimeParse {
    private DateTimeParse() {
    }

    static Instant parseInstant(String input, String format) {
        Result r = read(input, format);
        LocalDateTime t = r.timestamp(input);
        if (r.offsetSeconds != null) {
            return t.toInstant(ZoneOffset.ofTotalSeconds(r.offsetSeconds));
        }
        return (Instant) DateTimeValues.convert(t, org.rustydb.api.SqlType.TIMESTAMP,
                org.rustydb.api.SqlType.TIMESTAMPTZ);
    }

    static LocalDateTime parse(String input, String format) {
        return read(input, format).timestamp(input);
    }

    private static final class Result {
        Integer year;
        boolean bc;
        int month = 1;
        int day = 1;
        Integer dayOfYear;
        Long julian;
        int hour;
        int minute;
        int second;
        int micros;
        Boolean pm;
        Integer offsetSeconds;
        int offsetSign = 1;

        LocalDateTime timestamp(String input) {
            try {
                LocalDate date;
                if (julian != null) {
                    date = LocalDate.ofEpochDay(julian - 2440588);
                } else {
                    int y = year == null ? 1 : year;
                    if (bc) {
                        y = 1 - y;
                    }
                    date = dayOfYear != null ? LocalDate.ofYearDay(y, dayOfYear) : LocalDate.of(y, month, day);
                }
                int h = hour;
                if (pm != null) {
                    if (h < 1 || h > 12) {
                        throw DbException.of(SqlState.INVALID_DATETIME_FORMAT,
                                "hour \"%d\" is invalid for the 12-hour clock", h)
                                .withHint("Use the 24-hour clock, or give an hour between 1 and 12.");
                    }
                    h = h % 12 + (pm ? 12 : 0);
                }
                if (h > 23 || minute > 59 || second > 59) {
                    throw new DateTimeException("time");
                }
                return LocalDateTime.of(date, java.time.LocalTime.of(h, minute, second, micros * 1000));
            } catch (DateTimeException e) {
                throw DbException.of(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"%s\"",
                        input);
            }
        }
    }

    private static Result read(String input, String format) {
        Result r = new Result();
        int pos = 0;
        int i = 0;
        while (i < format.length()) {
            if (format.startsWith("FM", i) || format.startsWith("fm", i) || format.startsWith("FX", i)) {
                i += 2;
                continue;
            }
            String p = DateTimeFormat.match(format, i);
            if (p == null) {
                char c = format.charAt(i);
                if (c == '"') {
                    StringBuilder text = new StringBuilder();
                    i = DateTimeFormat.quoted(format, i, text);
                    pos = Math.min(input.length(), pos + text.length());
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
                        pos++;
                    }
                } else if (pos < input.length() && !Character.isLetterOrDigit(input.charAt(pos))) {
                    pos++;
                }
                i++;
                continue;
            }
            i += p.length();
            if (format.startsWith("TH", i) || format.startsWith("th", i)) {
                i += 2;
            }
            while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
                pos++;
            }
            boolean bounded = i < format.length() && DateTimeFormat.match(format, i) != null;
            pos = field(r, p, input, pos, bounded);
        }
        return r;
    }

    private static int field(Result r, String p, String input, int pos, boolean bounded) {
        switch (p) {
            case "MONTH", "Month", "month", "MON", "Mon", "mon" -> {
                for (Month m : Month.values()) {
                    for (TextStyle style : new TextStyle[] {TextStyle.FULL, TextStyle.SHORT}) {
                        String name = m.getDisplayName(style, Locale.ENGLISH);
                        if (input.regionMatches(true, pos, name, 0, name.length())) {
                            r.month = m.getValue();
                            return pos + name.length();
                        }
                    }
                }
                throw invalidValue(input, pos, p, "The given value did not match any of the allowed values for "
                        + "this field.");
            }
            case "DAY", "Day", "day", "DY", "Dy", "dy" -> {
                for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                    for (TextStyle style : new TextStyle[] {TextStyle.FULL, TextStyle.SHORT}) {
                        String name = d.getDisplayName(style, Locale.ENGLISH);
                        if (input.regionMatches(true, pos, name, 0, name.length())) {
                            return pos + name.length();
                        }
                    }
                }
                throw invalidValue(input, pos, p, "The given value did not match any of the allowed values for "
                        + "this field.");
            }
            case "AM", "am", "PM", "pm", "A.M.", "a.m.", "P.M.", "p.m." -> {
                for (String s : new String[] {"A.M.", "P.M.", "AM", "PM"}) {
                    if (input.regionMatches(true, pos, s, 0, s.length())) {
                        r.pm = s.startsWith("P");
                        return pos + s.length();
                    }
                }
                throw invalidValue(input, pos, p, "The given value did not match any of the allowed values for "
                        + "this field.");
            }
            case "BC", "bc", "AD", "ad", "B.C.", "b.c.", "A.D.", "a.d." -> {
                for (String s : new String[] {"B.C.", "A.D.", "BC", "AD"}) {
                    if (input.regionMatches(true, pos, s, 0, s.length())) {
                        r.bc = s.startsWith("B");
                        return pos + s.length();
                    }
                }
                throw invalidValue(input, pos, p, "The given value did not match any of the allowed values for "
                        + "this field.");
            }
            case "TZ", "tz", "OF" -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "formatting field \"%s\" is only supported in to_char", p);
            case "RM", "rm" -> {
                for (int m = 12; m >= 1; m--) {
                    String roman = romanMonth(m);
                    if (input.regionMatches(true, pos, roman, 0, roman.length())) {
                        r.month = m;
                        return pos + roman.length();
                    }
                }
                throw invalidValue(input, pos, p, "The given value did not match any of the allowed values for "
                        + "this field.");
            }
            default -> {
            }
        }
        boolean signed = p.equals("TZH");
        int start = pos;
        int end = pos;
        if (signed && end < input.length() && (input.charAt(end) == '+' || input.charAt(end) == '-')) {
            end++;
        }
        int max = bounded ? width(p) : Integer.MAX_VALUE;
        while (end < input.length() && Character.isDigit(input.charAt(end)) && end - start < max) {
            end++;
        }
        if (p.equals("Y,YYY")) {
            // 2,024: digits, a comma, three digits
            int comma = input.indexOf(',', start);
            if (comma > start && comma + 4 <= input.length()) {
                String digits = input.substring(start, comma) + input.substring(comma + 1, comma + 4);
                r.year = (int) parseInt(digits, input, start, p);
                return comma + 4;
            }
        }
        String digits = input.substring(start, end);
        if (digits.isEmpty() || digits.equals("+") || digits.equals("-")) {
            throw invalidValue(input, start, p, "Value must be an integer.");
        }
        long v = parseInt(digits, input, start, p);
        switch (p) {
            case "YYYY", "IYYY" -> r.year = (int) v;
            case "YYY", "IYY" -> r.year = (int) (v < 100 ? v + 2000 : v + 1000);
            case "YY", "IY" -> r.year = (int) (v < 70 ? v + 2000 : v + 1900);
            case "Y", "I" -> r.year = (int) (v + 2000);
            case "MM" -> r.month = (int) v;
            case "DD" -> r.day = (int) v;
            case "DDD", "IDDD" -> r.dayOfYear = (int) v;
            case "J" -> r.julian = v;
            case "HH", "HH12" -> {
                r.hour = (int) v;
                if (r.pm == null) {
                    r.pm = false; // HH is the 12-hour clock: 12 is midnight without PM
                }
            }
            case "HH24" -> r.hour = (int) v;
            case "MI" -> r.minute = (int) v;
            case "SS" -> r.second = (int) v;
            // fractions: "5" read as MS is 500 milliseconds, as in PostgreSQL
            case "MS" -> r.micros = (int) (v * 1000 * (long) Math.pow(10, Math.max(0, 3 - digits.length())));
            case "US" -> r.micros = (int) (v * (long) Math.pow(10, Math.max(0, 6 - digits.length())));
            case "SSSS", "SSSSS" -> {
                r.hour = (int) (v / 3600);
                r.minute = (int) (v / 60 % 60);
                r.second = (int) (v % 60);
            }
            case "TZH" -> {
                r.offsetSign = digits.startsWith("-") ? -1 : 1;
                r.offsetSeconds = (int) v * 3600;
            }
            case "TZM" -> r.offsetSeconds = (r.offsetSeconds == null ? 0 : r.offsetSeconds)
                    + r.offsetSign * (int) v * 60;
            default -> {
                // D, ID, W, WW, IW, CC, Q are read and ignored, as PostgreSQL ignores them when a date is given
            }
        }
        return end;
    }

    private static String romanMonth(int m) {
        return new String[] {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}[m - 1];
    }

    private static long parseInt(String digits, String input, int pos, String pattern) {
        try {
            return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
        } catch (NumberFormatException e) {
            throw invalidValue(input, pos, pattern, "Value must be an integer.");
        }
    }

    private static int width(String p) {
        return switch (p) {
            case "YYYY", "IYYY", "IDDD" -> 4;
            case "YYY", "IYY", "DDD", "MS" -> 3;
            case "US" -> 6;
            case "SSSS", "SSSSS" -> 5;
            case "Y", "I", "D", "ID", "W", "Q" -> 1;
            case "J" -> Integer.MAX_VALUE;
            default -> 2;
        };
    }

    private static DbException invalidValue(String input, int pos, String pattern, String detail) {
        String rest = input.substring(Math.min(pos, input.length()));
        return DbException.of(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"%s\" for \"%s\"",
                rest.length() > pattern.length() ? rest.substring(0, Math.max(pattern.length(), 1)) : rest, pattern)
                .withDetail(detail);
    }
}
