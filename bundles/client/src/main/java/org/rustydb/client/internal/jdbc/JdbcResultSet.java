package org.rustydb.client.internal.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rustydb.api.Column;
import org.rustydb.api.SqlType;

/**
 * The rows of one statement, read completely when it ran (the engine's cursor is only valid while
 * the statement runs): forward-only, or scrollable (TYPE_SCROLL_INSENSITIVE) over the same rows.
 */
class JdbcResultSet extends LabelledResultSet {
    private final Statement statement;
    private final List<Column> columns;
    private final List<Object[]> rows;
    private final ZoneId zone;
    private final int type;
    private Map<String, Integer> labels;
    /** -1 before the first row, rows.size() after the last. */
    private int cursor = -1;
    private Object[] row;
    private boolean wasNull;
    private boolean closed;
    private int fetchSize;
    private final Runnable onClose;

    JdbcResultSet(Statement statement, List<Column> columns, List<Object[]> rows, ZoneId zone, int type,
                  Runnable onClose) {
        this.statement = statement;
        this.columns = columns;
        this.rows = rows;
        this.zone = zone;
        this.type = type;
        this.onClose = onClose;
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("ResultSet");
        }
    }

    private void checkScrollable() throws SQLException {
        checkOpen();
        if (type == TYPE_FORWARD_ONLY) {
            throw new SQLException("Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.",
                    "24000");
        }
    }

    /** Puts the cursor on a row fetched by a subclass (null: before the first or after the last). */
    final void position(int index, Object[] current) {
        cursor = index;
        row = current;
    }

    private boolean moveTo(int index) {
        cursor = Math.max(-1, Math.min(index, rows.size()));
        row = cursor >= 0 && cursor < rows.size() ? rows.get(cursor) : null;
        return row != null;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        return moveTo(cursor + 1);
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable();
        return moveTo(cursor - 1);
    }

    @Override
    public boolean first() throws SQLException {
        checkScrollable();
        return moveTo(0);
    }

    @Override
    public boolean last() throws SQLException {
        checkScrollable();
        return moveTo(rows.size() - 1);
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable();
        moveTo(-1);
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable();
        moveTo(rows.size());
    }

    @Override
    public boolean absolute(int index) throws SQLException {
        checkScrollable();
        return moveTo(index >= 0 ? index - 1 : rows.size() + index);
    }

    @Override
    public boolean relative(int offset) throws SQLException {
        checkScrollable();
        return moveTo(cursor + offset);
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return cursor == -1 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return cursor >= rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return cursor == 0 && !rows.isEmpty();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return cursor == rows.size() - 1 && !rows.isEmpty();
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row == null ? 0 : cursor + 1;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (onClose != null) {
                onClose.run();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        Errors.checkColumnIndex(column, columns.size());
        if (row == null) {
            throw new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
        }
        Object v = row[column - 1];
        wasNull = v == null;
        return v;
    }

    private SqlType type(int column) {
        return columns.get(column - 1).type();
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public String getString(int column) throws SQLException {
        return Values.string(value(column), type(column), zone);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return Values.bool(value(column), type(column));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) Values.integer(value(column), type(column), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) Values.integer(value(column), type(column), Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int column) throws SQLException {
        Object v = value(column);
        if (v instanceof Integer i) {
            return i;
        }
        return (int) Values.integer(v, type(column), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int column) throws SQLException {
        Object v = value(column);
        if (v instanceof Long l) {
            return l;
        }
        return Values.integer(v, type(column), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return (float) Values.floating(value(column), type(column), "float");
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return Values.floating(value(column), type(column), "double");
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        return Values.bigDecimal(value(column), type(column));
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        return Values.bytes(value(column), type(column));
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return Values.date(value(column), type(column), null);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return Values.time(value(column), type(column), null);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return Values.timestamp(value(column), type(column), null);
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        return Values.date(value(column), type(column), cal);
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        return Values.time(value(column), type(column), cal);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        return Values.timestamp(value(column), type(column), cal);
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return Values.object(value(column), type(column), zone);
    }

    @Override
    public <T> T getObject(int column, Class<T> target) throws SQLException {
        if (target == null) {
            throw new SQLException("type must not be null", "HY009");
        }
        return Values.object(value(column), type(column), zone, target);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw Errors.unsupported("custom type maps");
        }
        return getObject(column);
    }

    @Override
    public Array getArray(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (!type(column).isArray()) {
            throw Values.bad("Array", v, type(column));
        }
        return new JdbcArray(type(column), (List<?>) v, zone);
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        throw Errors.unsupported("Ref");
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        throw Errors.unsupported("Blob (bytea values are read with getBytes)");
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        throw Errors.unsupported("Clob (text values are read with getString)");
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        throw Errors.unsupported("NClob");
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        throw Errors.unsupported("SQLXML");
    }

    @Override
    public URL getURL(int column) throws SQLException {
        throw Errors.unsupported("URL");
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        throw Errors.unsupported("RowId");
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (labels == null) {
            labels = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) { // the first of equal names wins
                labels.put(columns.get(i).name(), i + 1);
            }
        }
        Integer index = labels.get(label);
        if (index == null) {
            for (int i = 0; i < columns.size() && index == null; i++) {
                if (columns.get(i).name().equalsIgnoreCase(label)) {
                    index = i + 1;
                }
            }
        }
        if (index == null) {
            throw new SQLException("The column name " + label + " was not found in this ResultSet.", "42703");
        }
        return index;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null; // notices belong to the statement that raised them
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Errors.unsupported("named cursors");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new JdbcResultSetMetaData(columns);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD && type == TYPE_FORWARD_ONLY) {
            throw new SQLException("Invalid fetch direction for a forward-only result set: " + direction, "24000");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        fetchSize = Errors.fetchSize(rows);
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return type;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT; // the rows are the driver's: a commit does not take them
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "ResultSet[" + columns.size() + " columns, " + rows.size() + " rows]".toLowerCase(Locale.ROOT);
    }
}
