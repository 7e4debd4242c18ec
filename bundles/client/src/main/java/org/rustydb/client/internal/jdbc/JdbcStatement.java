package org.rustydb.client.internal.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.ValueText;

/**
 * A JDBC statement: runs SQL text through {@code Session.execute}, each statement's result read
 * into an {@link Outcome} that {@link #getResultSet()} and {@link #getUpdateCount()} walk through.
 */
class JdbcStatement implements Statement {
    private static final Pattern DML = Pattern.compile("(?is)\\s*(insert|update|delete|merge)\\b.*");
    private static final Pattern RETURNING = Pattern.compile("(?is).*\\breturning\\b.*");

    final JdbcConnection connection;
    final int resultSetType;
    private final int concurrency;
    private final int holdability;
    private boolean closed;
    private boolean closeOnCompletion;
    private boolean escapeProcessing = true;
    private boolean poolable;
    long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private int maxFieldSize;
    private SQLWarning warnings;
    private final Deque<Outcome> pending = new ArrayDeque<>();
    private JdbcResultSet current;
    private long currentCount = -1;
    JdbcResultSet generatedKeys;
    private final List<String> batch = new ArrayList<>();

    JdbcStatement(JdbcConnection connection, int resultSetType, int concurrency, int holdability) {
        this.connection = connection;
        this.resultSetType = resultSetType;
        this.concurrency = concurrency;
        this.holdability = holdability;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("statement");
        }
        connection.checkOpen();
    }

    /** SQL as the engine takes it: JDBC escapes replaced, placeholders turned into $n if asked. */
    String translate(String sql, boolean placeholders) throws SQLException {
        if (sql == null) {
            throw new SQLException("SQL must not be null", "HY009");
        }
        return escapeProcessing || placeholders ? SqlText.parse(sql, placeholders).sql() : sql;
    }

    /** DML with RETURNING added for the generated keys (all columns, or the named ones). */
    static String withKeys(String sql, String[] keys) {
        if (keys == null || !DML.matcher(sql).matches() || RETURNING.matcher(sql).matches()) {
            return sql;
        }
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        if (keys.length == 0) {
            return trimmed + " RETURNING *";
        }
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            names.add(SqlText.identifier(key));
        }
        return trimmed + " RETURNING " + String.join(", ", names);
    }

    /** Runs work against the session with this statement's timeout, collecting its outcomes. */
    List<Outcome> collect(CollectWork work) throws SQLException {
        return collect(work, false);
    }

    /** @param atomic one transaction for all of it (batches), even in auto-commit */
    List<Outcome> collect(CollectWork work, boolean atomic) throws SQLException {
        checkOpen();
        clearResults();
        warnings = null;
        Outcome.Collector collector = new Outcome.Collector(maxRows, n -> addWarning(Errors.warning(n)));
        QueryTimer timer = QueryTimer.start(connection.session(), queryTimeout);
        try {
            if (atomic) {
                connection.runAtomically(() -> work.run(collector));
            } else {
                connection.run(() -> work.run(collector));
            }
        } finally {
            timer.close();
        }
        ZoneId zone = null;
        for (Outcome o : collector.outcomes) {
            if (o.needsZone()) {
                zone = zone != null ? zone : ValueText.zoneOf(connection.session().setting("TimeZone"));
                o.zone = zone;
            }
        }
        return collector.outcomes;
    }

    interface CollectWork {
        void run(Outcome.Collector collector);
    }

    /** Runs a statement against a sink that streams its rows. */
    interface StreamWork {
        void run(ResultSink sink);
    }

    /** Rows stream (a batch of the fetch size at a time) only to forward-only result sets that ask for it. */
    boolean streams() {
        return fetchSize > 0 && resultSetType == ResultSet.TYPE_FORWARD_ONLY;
    }

    /** The statement prepared, to stream its rows; null when it is several statements (run as text). */
    private org.rustydb.api.PreparedStatement prepareForStreaming(String text) throws SQLException {
        try {
            return connection.idleSession().prepare(text, null);
        } catch (DbException e) {
            if ("42601".equals(e.sqlState()) && e.getMessage().contains("multiple commands")) {
                return null;
            }
            throw Errors.of(e);
        }
    }

    /**
     * Runs one prepared statement on the connection's worker, its rows streaming to a result set
     * (see {@link RowStream}); a statement without rows ends before this returns.
     */
    boolean stream(org.rustydb.api.PreparedStatement prepared, StreamWork work) throws SQLException {
        checkOpen();
        clearResults();
        warnings = null;
        Session session = connection.idleSession();
        ZoneId zone = null;
        // read now: the session is the worker's while rows stream (columns known only when run: read it too)
        if (prepared.columns() == null || new Outcome(prepared.columns(), List.of(), "").needsZone()) {
            zone = ValueText.zoneOf(session.setting("TimeZone"));
        }
        QueryTimer timer = QueryTimer.start(session, queryTimeout);
        RowStream stream = RowStream.start(connection.worker(), fetchSize, maxRows, n -> addWarning(Errors.warning(n)),
                sink -> connection.runNow(() -> work.run(sink)), timer::close);
        Object first = stream.first();
        if (first instanceof RowStream.Header header) {
            StreamedResultSet rs = new StreamedResultSet(this, header.columns(), stream, zone,
                    this::resultClosed);
            current = rs;
            currentCount = -1;
            connection.activate(rs);
            return true;
        }
        return present(first instanceof Outcome o ? List.of(o) : List.of(), false);
    }

    /** Makes the outcomes the statement's results: the first is current. */
    boolean present(List<Outcome> outcomes, boolean keys) throws SQLException {
        pending.addAll(outcomes);
        if (keys) {
            List<Outcome> all = new ArrayList<>(pending);
            pending.clear();
            List<Object[]> keyRows = new ArrayList<>();
            Outcome keyed = null;
            for (Outcome o : all) {
                if (o.returnsRows() && DML_TAG.matcher(o.tag).matches()) {
                    keyRows.addAll(o.rows);
                    keyed = keyed == null ? o : keyed;
                    pending.add(new Outcome(null, List.of(), o.tag));
                } else {
                    pending.add(o);
                }
            }
            if (keyed != null) {
                generatedKeys = new JdbcResultSet(this, keyed.columns, keyRows, keyed.zone,
                        ResultSet.TYPE_FORWARD_ONLY, null);
            }
        }
        return advance();
    }

    private static final Pattern DML_TAG = Pattern.compile("(INSERT|UPDATE|DELETE|MERGE) .*");

    private boolean advance() {
        Outcome next = pending.poll();
        if (next == null) {
            currentCount = -1;
            return false;
        }
        if (next.returnsRows()) {
            current = new JdbcResultSet(this, next.columns, next.rows, next.zone, resultSetType,
                    this::resultClosed);
            currentCount = -1;
            return true;
        }
        currentCount = next.count();
        return false;
    }

    /** closeOnCompletion: the application closed the last result (not this statement re-executing). */
    private void resultClosed() {
        if (closeOnCompletion && pending.isEmpty() && current != null && current.isClosed()) {
            closeQuietly();
        }
    }

    private void clearResults() {
        if (current != null) {
            JdbcResultSet rs = current;
            current = null;
            rs.close();
        }
        pending.clear();
        currentCount = -1;
        generatedKeys = null;
    }

    synchronized void addWarning(SQLWarning warning) {
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(sql, null);
    }

    /** Runs SQL text; {@code keys}: the generated keys asked for (empty: all columns), or null. */
    boolean run(String sql, String[] keys) throws SQLException {
        String text = withKeys(translate(sql, false), keys);
        if (streams() && keys == null) {
            org.rustydb.api.PreparedStatement p = prepareForStreaming(text);
            if (p != null) {
                return stream(p, c -> connection.session().execute(p, List.of(), c));
            }
        }
        List<Outcome> outcomes = collect(c -> connection.session().execute(text, c));
        return present(outcomes, keys != null);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("No results were returned by the query.", "02000");
        }
        return current;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(execute(sql));
    }

    long update(boolean resultSet) throws SQLException {
        if (resultSet) {
            throw new SQLException("A result was returned when none was expected.", "0100E");
        }
        return Math.max(0, currentCount);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) executeLargeUpdate(sql, autoGeneratedKeys);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update(run(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS ? new String[0] : null));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("generated keys by column index");
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("generated keys by column index");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) executeLargeUpdate(sql, columnNames);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return update(run(sql, columnNames.clone()));
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return run(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS ? new String[0] : null);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("generated keys by column index");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return run(sql, columnNames.clone());
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        if (generatedKeys == null) {
            return new JdbcResultSet(this, List.of(), List.of(), null, ResultSet.TYPE_FORWARD_ONLY, null);
        }
        return generatedKeys;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, currentCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return currentCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int what) throws SQLException {
        checkOpen();
        if (current != null && what != KEEP_CURRENT_RESULT) {
            current.close();
        }
        current = null;
        return advance();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(translate(sql, false));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
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

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> statements = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        int[] done = {0};
        try {
            collect(c -> {
                for (String sql : statements) {
                    int before = c.outcomes.size();
                    connection.session().execute(sql, c);
                    counts[done[0]++] = batchCount(c.outcomes.subList(before, c.outcomes.size()), sql);
                }
            }, true);
        } catch (SQLException e) {
            throw batchFailure(e, counts, done[0]);
        }
        clearResults();
        return counts;
    }

    static long batchCount(List<Outcome> outcomes, String sql) {
        long count = 0;
        for (Outcome o : outcomes) {
            if (o.returnsRows()) {
                throw DbException.of("0100E", "A result was returned when none was expected: " + sql);
            }
            count += o.count();
        }
        return count;
    }

    static BatchUpdateException batchFailure(SQLException e, long[] counts, int done) {
        long[] before = java.util.Arrays.copyOf(counts, done);
        return new BatchUpdateException("Batch entry " + done + " was aborted: " + e.getMessage(), e.getSQLState(),
                0, before, e);
    }

    @Override
    public void close() {
        if (!closed) {
            closeQuietly();
        }
    }

    void closeQuietly() {
        clearResults();
        closed = true;
        connection.forget(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return maxFieldSize;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("The maximum field size must be a value greater than or equal to 0.", "22023");
        }
        if (max > 0) {
            throw Errors.unsupported("a maximum field size");
        }
        maxFieldSize = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeMaxRows());
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("The maximum number of rows must be a value grater than or equal to 0.", "22023");
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        escapeProcessing = enable;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("Query timeout must be a value greater than or equals to 0.", "22023");
        }
        queryTimeout = seconds;
    }

    /** Cancels the running statement (57014 for its caller); any thread may call it. */
    @Override
    public void cancel() throws SQLException {
        if (closed) {
            throw Errors.closed("statement");
        }
        connection.session().cancel();
    }

    @Override
    public synchronized SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public synchronized void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw Errors.unsupported("named cursors");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && direction != ResultSet.FETCH_REVERSE
                && direction != ResultSet.FETCH_UNKNOWN) {
            throw new SQLException("Invalid fetch direction constant: " + direction + ".", "22023");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** A hint only: results are read completely when the statement runs. */
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
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return concurrency;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return resultSetType;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return holdability;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
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
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
