package org.rustydb.client.internal.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.rustydb.api.Interval;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;

/**
 * The JDBC getters' conversions of engine values (see docs/ARCHITECTURE.md, "Data types"), following
 * pgjdbc: numbers convert between each other when they fit (22003 otherwise), text is parsed
 * (22P02 when it does not), dates and times convert with the calendar's or the JVM's zone.
 */
final class Values {
    private Values() {
    }

    static String string(Object v, SqlType type, ZoneId zone) {
        return v == null ? null : ValueText.format(v, type, zone == null ? ZoneOffset.UTC : zone);
    }

    static boolean bool(Object v, SqlType type) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            BigDecimal d = decimal(n);
            if (d.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            if (d.signum() == 0) {
                return false;
            }
            throw bad("boolean", v, type);
        }
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "1", "yes", "y", "on":
                    return true;
                case "f", "false", "0", "no", "n", "off":
                    return false;
                default:
                    throw bad("boolean", v, type);
            }
        }
        throw bad("boolean", v, type);
    }

    static long integer(Object v, SqlType type, long min, long max, String name) throws SQLException {
        if (v == null) {
            return 0;
        }
        long result;
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            result = ((Number) v).longValue();
        } else if (v instanceof Number n) {
            BigDecimal d = decimal(n).setScale(0, RoundingMode.DOWN);
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw outOfRange(name, v, type);
            }
            result = d.longValue();
        } else if (v instanceof Boolean b) {
            result = b ? 1 : 0;
        } else if (v instanceof String s) {
            try {
                return integer(new BigDecimal(s.trim()), SqlType.NUMERIC, min, max, name);
            } catch (NumberFormatException e) {
                throw bad(name, v, type);
            }
        } else {
            throw bad(name, v, type);
        }
        if (result < min || result > max) {
            throw outOfRange(name, v, type);
        }
        return result;
    }

    static double floating(Object v, SqlType type, String name) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(name, v, type);
            }
        }
        throw bad(name, v, type);
    }

    static BigDecimal bigDecimal(Object v, SqlType type) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            if ((v instanceof Double || v instanceof Float) && !Double.isFinite(n.doubleValue())) {
                throw bad("BigDecimal", v, type);
            }
            return decimal(n);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw bad("BigDecimal", v, type);
            }
        }
        throw bad("BigDecimal", v, type);
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    static byte[] bytes(Object v, SqlType type) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw bad("byte[]", v, type);
    }

    static ZoneId zone(Calendar calendar) {
        return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
    }

    static LocalDate localDate(Object v, SqlType type, ZoneId zone) throws SQLException {
        if (v == null || v instanceof LocalDate) {
            return (LocalDate) v;
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone).toLocalDate();
        }
        if (v instanceof String s) {
            try {
                return LocalDate.parse(s.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw bad("date", v, type);
            }
        }
        throw bad("date", v, type);
    }

    static LocalTime localTime(Object v, SqlType type, ZoneId zone) throws SQLException {
        if (v == null || v instanceof LocalTime) {
            return (LocalTime) v;
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalTime();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone).toLocalTime();
        }
        if (v instanceof String s) {
            try {
                return LocalTime.parse(s.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw bad("time", v, type);
            }
        }
        throw bad("time", v, type);
    }

    static LocalDateTime localDateTime(Object v, SqlType type, ZoneId zone) throws SQLException {
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone);
        }
        if (v instanceof String s) {
            try {
                return LocalDateTime.parse(s.trim().replace(' ', 'T'));
            } catch (java.time.format.DateTimeParseException e) {
                throw bad("timestamp", v, type);
            }
        }
        throw bad("timestamp", v, type);
    }

    /** The instant of a timestamp-like value; a timestamp without zone is read in {@code zone}. */
    static Instant instant(Object v, SqlType type, ZoneId zone) throws SQLException {
        if (v == null || v instanceof Instant) {
            return (Instant) v;
        }
        LocalDateTime t = localDateTime(v, type, zone);
        return t.atZone(zone).toInstant();
    }

    static Date date(Object v, SqlType type, Calendar calendar) throws SQLException {
        ZoneId zone = zone(calendar);
        LocalDate d = localDate(v, type, zone);
        return d == null ? null : new Date(d.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    static Time time(Object v, SqlType type, Calendar calendar) throws SQLException {
        ZoneId zone = zone(calendar);
        LocalTime t = localTime(v, type, zone);
        if (t == null) {
            return null;
        }
        long millis = t.atDate(LocalDate.of(1970, 1, 1)).atZone(zone).toInstant().toEpochMilli();
        return new Time(millis);
    }

    static Timestamp timestamp(Object v, SqlType type, Calendar calendar) throws SQLException {
        ZoneId zone = zone(calendar);
        Instant i = instant(v, type, zone);
        return i == null ? null : Timestamp.from(i);
    }

    /** getObject(int): pgjdbc's classes (Integer for smallint, java.sql dates, Array for arrays). */
    static Object object(Object v, SqlType type, ZoneId sessionZone) throws SQLException {
        if (v == null) {
            return null;
        }
        if (type.isArray()) {
            return new JdbcArray(type, (List<?>) v, sessionZone);
        }
        return switch (type) {
            case SMALLINT -> ((Short) v).intValue();
            case DATE -> date(v, type, null);
            case TIME -> time(v, type, null);
            case TIMESTAMP, TIMESTAMPTZ -> timestamp(v, type, null);
            case BYTEA -> ((byte[]) v).clone();
            default -> v;
        };
    }

    /** getObject(int, Class): the JDBC 4.2 conversions, java.time included. */
    static <T> T object(Object v, SqlType type, ZoneId sessionZone, Class<T> target) throws SQLException {
        if (v == null) {
            return null;
        }
        Object result;
        if (target == String.class) {
            result = string(v, type, sessionZone);
        } else if (target == Integer.class) {
            result = (int) integer(v, type, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        } else if (target == Long.class) {
            result = integer(v, type, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        } else if (target == Short.class) {
            result = (short) integer(v, type, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        } else if (target == Byte.class) {
            result = (byte) integer(v, type, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        } else if (target == Double.class) {
            result = floating(v, type, "double");
        } else if (target == Float.class) {
            result = (float) floating(v, type, "float");
        } else if (target == BigDecimal.class) {
            result = bigDecimal(v, type);
        } else if (target == BigInteger.class) {
            result = bigDecimal(v, type).toBigInteger();
        } else if (target == Boolean.class) {
            result = bool(v, type);
        } else if (target == byte[].class) {
            result = bytes(v, type);
        } else if (target == LocalDate.class) {
            result = localDate(v, type, ZoneId.systemDefault());
        } else if (target == LocalTime.class) {
            result = localTime(v, type, ZoneId.systemDefault());
        } else if (target == LocalDateTime.class) {
            if (type == SqlType.TIMESTAMPTZ) {
                throw bad("LocalDateTime", v, type); // as pgjdbc: a timestamptz has no local date-time of its own
            }
            result = localDateTime(v, type, ZoneId.systemDefault());
        } else if (target == OffsetDateTime.class) {
            if (type != SqlType.TIMESTAMPTZ && type != SqlType.TIMESTAMP) {
                throw bad("OffsetDateTime", v, type);
            }
            // as pgjdbc: timestamptz at UTC, a timestamp taken as UTC
            result = instant(v, type, ZoneOffset.UTC).atOffset(ZoneOffset.UTC);
        } else if (target == Instant.class) {
            result = instant(v, type, ZoneOffset.UTC);
        } else if (target == OffsetTime.class) {
            throw bad("OffsetTime", v, type);
        } else if (target == Date.class) {
            result = date(v, type, null);
        } else if (target == Time.class) {
            result = time(v, type, null);
        } else if (target == Timestamp.class) {
            result = timestamp(v, type, null);
        } else if (target == UUID.class) {
            result = v instanceof UUID ? v : uuid(v, type);
        } else if (target == Interval.class && v instanceof Interval) {
            result = v;
        } else if (target == java.sql.Array.class && type.isArray()) {
            result = new JdbcArray(type, (List<?>) v, sessionZone);
        } else if (target == Object.class) {
            result = object(v, type, sessionZone);
        } else if (target.isInstance(v)) {
            result = v;
        } else {
            throw bad(target.getName(), v, type);
        }
        return target.cast(result);
    }

    private static UUID uuid(Object v, SqlType type) throws SQLException {
        if (v instanceof String s) {
            try {
                return UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw bad("UUID", v, type);
            }
        }
        throw bad("UUID", v, type);
    }

    static SQLException bad(String target, Object v, SqlType type) {
        String text = v instanceof byte[] ? "bytea" : String.valueOf(v);
        return new SQLException("Bad value for type " + target + " : " + text + " (" + type.sqlName() + ")", "22P02");
    }

    private static SQLException outOfRange(String target, Object v, SqlType type) {
        return new SQLException("Bad value for type " + target + " : " + v + " (out of range)", "22003");
    }
}
