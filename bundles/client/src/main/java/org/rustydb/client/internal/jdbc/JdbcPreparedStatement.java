package org.rustydb.client.internal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;

/**
 * A JDBC prepared statement over the engine's prepared statements ({@code Session.prepare}): the
 * SQL is prepared at its first execution (or describe), the values go as PostgreSQL text, batches
 * run as one transaction.
 */
final class JdbcPreparedStatement extends JdbcStatement implements PreparedStatement {
    private static final Object UNSET = new Object();

    private final String sql;
    private final String[] keys;
    private final int parameterCount;
    private Object[] values;
    private final List<Object[]> batch = new ArrayList<>();
    private org.rustydb.api.PreparedStatement prepared;

    JdbcPreparedStatement(JdbcConnection connection, String sql, String[] keys, int resultSetType,
                          int concurrency, int holdability) throws SQLException {
        super(connection, resultSetType, concurrency, holdability);
        SqlText text = SqlText.parse(sql, true);
        this.sql = withKeys(text.sql(), keys);
        this.keys = keys;
        this.parameterCount = text.parameters();
        this.values = new Object[parameterCount];
        Arrays.fill(values, UNSET);
    }

    private org.rustydb.api.PreparedStatement prepared() throws SQLException {
        if (prepared == null) {
            checkOpen();
            try {
                prepared = connection.idleSession().prepare(sql, null);
            } catch (DbException e) {
                throw Errors.of(e);
            }
        }
        return prepared;
    }

    private List<String> texts(Object[] row) throws SQLException {
        org.rustydb.api.PreparedStatement p = prepared();
        List<org.rustydb.api.SqlType> types = p.parameterTypes();
        List<String> texts = new ArrayList<>(row.length);
        for (int i = 0; i < row.length; i++) {
            if (row[i] == UNSET) {
                throw new SQLException("No value specified for parameter " + (i + 1) + ".", "22023");
            }
            texts.add(Parameters.text(row[i], i < types.size() ? types.get(i) : null));
        }
        return texts;
    }

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        if (streams() && keys == null && !(parameterCount == 0 && isMultiStatement())) {
            org.rustydb.api.PreparedStatement p = prepared();
            List<String> texts = texts(values);
            return stream(p, c -> connection.session().execute(p, texts, c));
        }
        List<Outcome> outcomes;
        if (parameterCount == 0 && isMultiStatement()) {
            // several statements cannot be prepared; without parameters they run as plain text
            outcomes = collect(c -> connection.session().execute(sql, c));
        } else {
            try {
                outcomes = runPrepared();
            } catch (SQLException e) {
                if (!replanAfter(e)) {
                    throw e;
                }
                prepared = null; // the table changed under the statement: prepare it again, once
                outcomes = runPrepared();
            }
        }
        return present(outcomes, keys != null);
    }

    private List<Outcome> runPrepared() throws SQLException {
        org.rustydb.api.PreparedStatement p = prepared();
        List<String> texts = texts(values);
        return collect(c -> connection.session().execute(p, texts, c));
    }

    /**
     * DDL changed the columns a prepared query returns (0A000, as PostgreSQL's "cached plan must not
     * change result type"): outside a transaction block nothing was lost, so the statement can be
     * prepared again, as pgjdbc does.
     */
    private boolean replanAfter(SQLException e) throws SQLException {
        return "0A000".equals(e.getSQLState()) && e.getMessage().startsWith("cached plan must not change")
                && connection.getAutoCommit()
                && connection.idleSession().transactionStatus() == org.rustydb.api.TransactionStatus.IDLE;
    }

    private boolean isMultiStatement() throws SQLException {
        if (prepared != null) {
            return false;
        }
        try {
            prepared();
            return false;
        } catch (SQLException e) {
            if ("42601".equals(e.getSQLState()) && e.getMessage().contains("multiple commands")) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("No results were returned by the query.", "02000");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update(execute());
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(values.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Object[]> rows = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[rows.size()];
        if (rows.isEmpty()) {
            return counts;
        }
        List<List<String>> texts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            texts.add(texts(row));
        }
        int[] done = {0};
        List<Outcome> outcomes;
        try {
            outcomes = collect(c -> connection.session().executeBatch(prepared, texts, new ResultSink() {
                @Override
                public void accept(Result result) {
                    // one result per execution
                    int before = c.outcomes.size();
                    c.accept(result);
                    List<Outcome> mine = c.outcomes.subList(before, c.outcomes.size());
                    counts[done[0]++] = keys != null ? keyedCount(mine) : batchCount(mine, sql);
                }

                @Override
                public void notice(Notice notice) {
                    c.notice(notice);
                }
            }), true);
        } catch (SQLException e) {
            throw batchFailure(e, counts, done[0]);
        }
        present(keys != null ? outcomes : List.of(), keys != null);
        return counts;
    }

    private static long keyedCount(List<Outcome> outcomes) {
        long count = 0;
        for (Outcome o : outcomes) {
            count += o.count();
        }
        return count;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] result = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            result[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return result;
    }

    private static SQLException stringMethod() {
        return new SQLException("Can't use query methods that take a query string on a PreparedStatement.",
                "42809");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw stringMethod();
    }

    @Override
    boolean run(String sql, String[] keys) throws SQLException {
        throw stringMethod();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw stringMethod();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw stringMethod();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw stringMethod();
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        Errors.checkColumnIndex(index, parameterCount);
        values[index - 1] = value;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        values = new Object[parameterCount];
        Arrays.fill(values, UNSET);
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, (short) x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        set(index, x == null || cal == null ? x
                : x.toInstant().atZone(cal.getTimeZone().toZoneId()).toLocalDate());
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        set(index, x == null || cal == null ? x
                : java.time.Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalTime());
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            set(index, x);
            return;
        }
        ZoneId zone = cal.getTimeZone().toZoneId();
        set(index, prepared().parameterTypes().size() >= index
                && prepared().parameterTypes().get(index - 1) == org.rustydb.api.SqlType.TIMESTAMPTZ
                ? x.toInstant().atZone(zone).toOffsetDateTime()
                : LocalDateTime.ofInstant(x.toInstant(), zone));
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        set(index, x instanceof BigDecimal d ? d.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP) : x);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(index, x, 0, scaleOrLength);
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        set(index, x);
    }

    private static String read(Reader reader, long length) throws SQLException {
        try {
            StringBuilder b = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((length < 0 || b.length() < length) && (n = reader.read(buffer)) > 0) {
                b.append(buffer, 0, n);
            }
            return length >= 0 && b.length() > length ? b.substring(0, (int) length) : b.toString();
        } catch (IOException e) {
            throw new SQLException("could not read the stream: " + e.getMessage(), "58030", e);
        }
    }

    private static byte[] read(InputStream in, long length) throws SQLException {
        try {
            byte[] all = length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(Integer.MAX_VALUE, length));
            return all;
        } catch (IOException e) {
            throw new SQLException("could not read the stream: " + e.getMessage(), "58030", e);
        }
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        setAsciiStream(index, x, (long) length);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        set(index, x == null ? null : new String(read(x, length), StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, -1L);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        set(index, x == null ? null : new String(read(x, length), StandardCharsets.UTF_8));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        setBinaryStream(index, x, (long) length);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        set(index, x == null ? null : read(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        setBinaryStream(index, x, -1L);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        setCharacterStream(index, reader, (long) length);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        set(index, reader == null ? null : read(reader, length));
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader, -1L);
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
        setCharacterStream(index, value, length);
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        setCharacterStream(index, value, -1L);
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw Errors.unsupported("Ref");
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        throw Errors.unsupported("Blob (bytea values are set with setBytes)");
    }

    @Override
    public void setBlob(int index, InputStream inputStream, long length) throws SQLException {
        throw Errors.unsupported("Blob (bytea values are set with setBytes)");
    }

    @Override
    public void setBlob(int index, InputStream inputStream) throws SQLException {
        throw Errors.unsupported("Blob (bytea values are set with setBytes)");
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        throw Errors.unsupported("Clob (text values are set with setString)");
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        throw Errors.unsupported("Clob (text values are set with setString)");
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        throw Errors.unsupported("Clob (text values are set with setString)");
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        throw Errors.unsupported("NClob");
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        throw Errors.unsupported("NClob");
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        throw Errors.unsupported("NClob");
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        set(index, x == null ? null : x.toString());
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw Errors.unsupported("RowId");
    }

    @Override
    public void setSQLXML(int index, SQLXML xmlObject) throws SQLException {
        throw Errors.unsupported("SQLXML");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (parameterCount == 0 && isMultiStatement()) {
            return null;
        }
        List<org.rustydb.api.Column> columns = prepared().columns();
        return columns == null ? null : new JdbcResultSetMetaData(columns);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new JdbcParameterMetaData(prepared().parameterTypes());
    }
}
