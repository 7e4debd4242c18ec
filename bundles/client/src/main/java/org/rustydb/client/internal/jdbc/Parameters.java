package org.rustydb.client.internal.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rustydb.api.Interval;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;

/**
 * Parameter values in PostgreSQL's text form, the form {@code Session.execute(prepared, ...)}
 * takes: the engine parses them by the parameter's type, exactly as values sent over the wire.
 */
final class Parameters {
    private Parameters() {
    }

    /**
     * @param type the parameter's type, for values whose text depends on it (a java.sql.Timestamp
     *             for timestamptz carries the JVM's offset)
     */
    static String text(Object v, SqlType type) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return ValueText.formatDouble(d);
        }
        if (v instanceof Float f) {
            return ValueText.formatFloat(f);
        }
        if (v instanceof java.sql.Date d) {
            return ValueText.date(d.toLocalDate());
        }
        if (v instanceof Time t) {
            LocalTime local = t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
            return ValueText.time(local);
        }
        if (v instanceof Timestamp t) {
            if (type == SqlType.TIMESTAMPTZ) {
                return withOffset(t.toLocalDateTime(), ZonedDateTime.of(t.toLocalDateTime(), ZoneId.systemDefault())
                        .getOffset());
            }
            return ValueText.timestamp(t.toLocalDateTime());
        }
        if (v instanceof java.util.Date d) {
            return withOffset(LocalDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault()),
                    ZonedDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault()).getOffset());
        }
        if (v instanceof LocalDate d) {
            return ValueText.date(d);
        }
        if (v instanceof LocalTime t) {
            return ValueText.time(t);
        }
        if (v instanceof LocalDateTime t) {
            return ValueText.timestamp(t);
        }
        if (v instanceof OffsetDateTime t) {
            return withOffset(t.toLocalDateTime(), t.getOffset());
        }
        if (v instanceof ZonedDateTime t) {
            return withOffset(t.toLocalDateTime(), t.getOffset());
        }
        if (v instanceof Instant i) {
            return withOffset(LocalDateTime.ofInstant(i, ZoneOffset.UTC), ZoneOffset.UTC);
        }
        if (v instanceof OffsetTime) {
            throw new SQLException("time with time zone is not a type of RustyDB", "0A000");
        }
        if (v instanceof byte[] b) {
            return ValueText.bytea(b);
        }
        if (v instanceof UUID || v instanceof Interval) {
            return v.toString();
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v instanceof Array a) {
            Object elements = a.getArray();
            return array(elements instanceof Object[] objects ? java.util.Arrays.asList(objects) : List.of(), type);
        }
        if (v instanceof Object[] objects) {
            return array(java.util.Arrays.asList(objects), type);
        }
        if (v instanceof List<?> list) {
            return array(list, type);
        }
        throw new SQLException("Can't infer the SQL type to use for an instance of " + v.getClass().getName()
                + ". Use setObject() with an explicit Types value to specify the type to use.", "22023");
    }

    private static String withOffset(LocalDateTime t, ZoneOffset offset) {
        return ValueText.timestamp(t) + (offset.getTotalSeconds() == 0 ? "+00" : offset.getId());
    }

    /** An array literal: elements as text, quoted and escaped, NULL unquoted. */
    private static String array(List<?> elements, SqlType type) throws SQLException {
        SqlType element = type != null && type.isArray() ? type.elementType() : null;
        List<String> texts = new ArrayList<>(elements.size());
        for (Object e : elements) {
            if (e == null) {
                texts.add("NULL");
            } else {
                String text = text(e, element);
                texts.add("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
        }
        return "{" + String.join(",", texts) + "}";
    }
}
