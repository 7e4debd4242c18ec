package org.rustydb.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text form of values as PostgreSQL's output functions print them (DateStyle ISO, IntervalStyle
 * postgres, bytea_output hex, extra_float_digits 1), shared by the engine (casts to text) and the
 * wire protocol so the two never disagree.
 */
public final class ValueText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ValueText() {
    }

    /**
     * The text form of a non-null value of the given type.
     *
     * @param zone the session's time zone, for timestamp with time zone
     */
    public static String format(Object value, SqlType type, ZoneId zone) {
        if (type.isArray()) {
            return array((List<?>) value, type.elementType(), zone);
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Float f) {
            return formatFloat(f);
        }
        if (value instanceof LocalDate d) {
            return date(d);
        }
        if (value instanceof LocalTime t) {
            return time(t);
        }
        if (value instanceof LocalDateTime t) {
            return timestamp(t);
        }
        if (value instanceof Instant i) {
            return timestamptz(i, zone);
        }
        if (value instanceof byte[] bytes) {
            return bytea(bytes);
        }
        return value.toString(); // integers, uuid, interval
    }

    /** float8out: the shortest form that reads back exactly, exponent form below 1e-4 and from 1e15. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return special(d);
        }
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(candidate.toString()) == d) {
                return decimal(candidate, 15);
            }
        }
        return decimal(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)), 15);
    }

    /** float4out: as {@link #formatDouble} for single precision, exponent form from 1e6. */
    public static String formatFloat(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
            return special(f);
        }
        BigDecimal exact = new BigDecimal(f);
        for (int digits = 1; digits < 9; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(candidate.toString()) == f) {
                return decimal(candidate, 6);
            }
        }
        return decimal(exact.round(new MathContext(9, RoundingMode.HALF_EVEN)), 6);
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return 1 / d < 0 ? "-0" : "0";
    }

    /** Plain digits, or d.ddde+XX when the decimal exponent is below -4 or at least {@code maxExponent}. */
    private static String decimal(BigDecimal value, int maxExponent) {
        BigDecimal v = value.stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= -4 && exponent < maxExponent) {
            return v.toPlainString();
        }
        String digits = v.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (v.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    /** ISO date, with the year as 4 digits at least and BC years marked. */
    public static String date(LocalDate d) {
        StringBuilder sb = new StringBuilder();
        appendDate(sb, d);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    public static String time(LocalTime t) {
        StringBuilder sb = new StringBuilder();
        appendTime(sb, t);
        return sb.toString();
    }

    public static String timestamp(LocalDateTime t) {
        StringBuilder sb = new StringBuilder();
        appendDate(sb, t.toLocalDate());
        sb.append(' ');
        appendTime(sb, t.toLocalTime());
        if (t.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    /** The instant in the zone, with the zone's offset as +HH, +HH:MM or +HH:MM:SS. */
    public static String timestamptz(Instant i, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(i);
        LocalDateTime local = LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), offset);
        StringBuilder sb = new StringBuilder();
        appendDate(sb, local.toLocalDate());
        sb.append(' ');
        appendTime(sb, local.toLocalTime());
        int seconds = offset.getTotalSeconds();
        sb.append(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        two(sb, abs / 3600);
        if (abs % 3600 != 0) {
            sb.append(':');
            two(sb, abs / 60 % 60);
            if (abs % 60 != 0) {
                sb.append(':');
                two(sb, abs % 60);
            }
        }
        if (local.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        int year = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        String y = Integer.toString(year);
        sb.append("0".repeat(Math.max(0, 4 - y.length()))).append(y).append('-');
        two(sb, d.getMonthValue());
        sb.append('-');
        two(sb, d.getDayOfMonth());
    }

    private static void appendTime(StringBuilder sb, LocalTime t) {
        two(sb, t.getHour());
        sb.append(':');
        two(sb, t.getMinute());
        sb.append(':');
        two(sb, t.getSecond());
        appendFraction(sb, t.getNano() / 1000);
    }

    /** Appends {@code .ffffff} without trailing zeros, nothing for 0. */
    static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) {
            return;
        }
        String f = Long.toString(1_000_000 + micros).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /** bytea's hex output format: {@code \x} then two lower-case hex digits per byte. */
    public static String bytea(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** array_out: {@code {1,2,NULL,"a b"}}, elements quoted when empty, NULL or holding special characters. */
    private static String array(List<?> values, SqlType elementType, ZoneId zone) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                sb.append("NULL");
                continue;
            }
            String text = format(v, elementType, zone);
            if (needsQuotes(text)) {
                sb.append('"');
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    if (ch == '"' || ch == '\\') {
                        sb.append('\\');
                    }
                    sb.append(ch);
                }
                sb.append('"');
            } else {
                sb.append(text);
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' || c == '\n'
                    || c == '\r' || c == '\f' || c == '\u000B') {
                return true;
            }
        }
        return false;
    }

    /** A POSIX zone like UTC+3, which Java would read the other way round. */
    private static final Pattern NAME_WITH_OFFSET = Pattern.compile("[A-Za-z]+[+-]\\d.*");

    /**
     * The zone a TimeZone setting names, in the canonical form SHOW prints: an IANA name, or a
     * POSIX specification such as {@code <+05>-05} or {@code UTC+3} (POSIX offsets count west of
     * Greenwich, so {@code UTC+3} is three hours behind UTC). Daylight-saving rules of a POSIX
     * specification are not applied. Unknown names give UTC.
     */
    public static ZoneId zoneOf(String setting) {
        if (setting == null || setting.isEmpty()) {
            return ZoneOffset.UTC;
        }
        // every statement and every row of a result asks, almost always for the same setting
        Object[] last = lastZone;
        if (last != null && last[0].equals(setting)) {
            return (ZoneId) last[1];
        }
        ZoneId zone = parseZone(setting);
        lastZone = new Object[] {setting, zone};
        return zone;
    }

    /** The setting and zone {@link #zoneOf} read last, replaced together. */
    private static volatile Object[] lastZone;

    private static ZoneId parseZone(String setting) {
        String s = setting.startsWith("posix/") ? setting.substring(6) : setting;
        // Java reads UTC+3 as east of Greenwich; as a TimeZone it is a POSIX specification.
        if (!NAME_WITH_OFFSET.matcher(s).matches()) {
            try {
                return ZoneId.of(s, ZoneId.SHORT_IDS);
            } catch (RuntimeException e) {
                // not an IANA name: a POSIX specification
            }
        }
        int i = 0;
        if (s.startsWith("<")) {
            i = s.indexOf('>') + 1;
        } else {
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
        }
        int sign = 1;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            sign = s.charAt(i) == '-' ? -1 : 1;
            i++;
        }
        int[] parts = new int[3];
        int part = 0;
        int start = i;
        while (i < s.length() && part < 3 && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ':')) {
            if (s.charAt(i) == ':') {
                part++;
            } else {
                parts[part] = parts[part] * 10 + (s.charAt(i) - '0');
            }
            i++;
        }
        if (i == start) {
            return ZoneOffset.UTC;
        }
        int seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
        try {
            return ZoneOffset.ofTotalSeconds(-sign * seconds);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
