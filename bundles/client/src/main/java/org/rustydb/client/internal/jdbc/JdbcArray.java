package org.rustydb.client.internal.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.rustydb.api.SqlType;

/** A one-dimensional array value: its elements as getObject returns them. */
final class JdbcArray implements Array {
    private final SqlType type;
    private final List<?> elements;
    private final ZoneId zone;

    JdbcArray(SqlType type, List<?> elements, ZoneId zone) {
        this.type = type;
        this.elements = elements;
        this.zone = zone;
    }

    /** The elements as the engine has them, for passing the array back as a parameter. */
    List<?> elements() {
        return elements;
    }

    @Override
    public String getBaseTypeName() {
        return TypeNames.name(type.elementType());
    }

    @Override
    public int getBaseType() {
        return TypeNames.jdbcType(type.elementType());
    }

    @Override
    public Object getArray() throws SQLException {
        return slice(0, elements.size());
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        checkMap(map);
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > elements.size()) {
            throw new SQLException("array index out of range: " + index + ", " + count, "2202E");
        }
        return slice((int) index - 1, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        checkMap(map);
        return getArray(index, count);
    }

    private Object slice(int from, int count) throws SQLException {
        SqlType element = type.elementType();
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(arrayClass(element), count);
        for (int i = 0; i < count; i++) {
            out[i] = Values.object(elements.get(from + i), element, zone);
        }
        return out;
    }

    private static Class<?> arrayClass(SqlType element) {
        return switch (element) {
            case SMALLINT, INTEGER -> Integer.class;
            case DATE -> java.sql.Date.class;
            case TIME -> java.sql.Time.class;
            case TIMESTAMP, TIMESTAMPTZ -> java.sql.Timestamp.class;
            default -> element.javaClass();
        };
    }

    private static void checkMap(Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw Errors.unsupported("custom type maps");
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw Errors.unsupported("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw Errors.unsupported("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw Errors.unsupported("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        throw Errors.unsupported("Array.getResultSet");
    }

    @Override
    public void free() {
        // nothing held
    }

    @Override
    public String toString() {
        return Values.string(elements, type, zone);
    }
}
