package org.rustydb.client.internal.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;

/**
 * A JDBC connection over one engine {@link Session}. Auto-commit is the engine's own behaviour (a
 * statement outside a block is its own transaction); with auto-commit off the driver opens a block
 * (BEGIN) before the first statement, as pgjdbc does. Read-only connections run in READ ONLY
 * transactions, and the isolation level is the session's default_transaction_isolation.
 */
public final class JdbcConnection implements Connection {
    private final Session session;
    private final String url;
    private final Runnable onClose;
    private final List<JdbcStatement> statements = new ArrayList<>();
    private volatile boolean closed;
    private boolean autoCommit = true;
    private boolean readOnly;
    private int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
    private int networkTimeout;
    private int savepoints;
    private SQLWarning warnings;
    /** Runs statements whose rows stream to a result set (the engine's results live in their sink). */
    private ExecutorService worker;
    /** The streamed result set reading from the session, if any: it must let go before anything else runs. */
    private StreamedResultSet active;

    /** @param onClose run once after the session closed (an embedded database counts its connections) */
    public JdbcConnection(Session session, String url, Runnable onClose) {
        this.session = session;
        this.url = url;
        this.onClose = onClose;
    }

    Session session() {
        return session;
    }

    String url() {
        return url;
    }

    /** Something to run against the session that may throw DbException. */
    interface Work {
        void run();
    }

    /**
     * Runs a statement: opens the block auto-commit off needs, or, for a read-only connection in
     * auto-commit, a READ ONLY transaction around it.
     */
    void run(Work work) throws SQLException {
        checkOpen();
        release();
        runNow(work);
    }

    /** As {@link #run(Work)}, on a session known to be idle (the streaming worker's own call). */
    void runNow(Work work) throws SQLException {
        boolean wrap = autoCommit && readOnly && session.transactionStatus() == TransactionStatus.IDLE;
        try {
            if (!autoCommit && session.transactionStatus() == TransactionStatus.IDLE) {
                session.executeOnBehalf(begin(), ignore(this));
            } else if (wrap) {
                session.executeOnBehalf("BEGIN READ ONLY", ignore(this));
            }
            work.run();
            if (wrap) {
                endWrapped();
            }
        } catch (DbException e) {
            if (wrap) {
                rollbackQuietly();
            }
            throw Errors.of(e);
        }
    }

    /**
     * Runs work as one transaction (a batch, as pgjdbc's batches are): in auto-commit, inside a
     * block the driver begins and commits, rolled back if the work fails.
     */
    void runAtomically(Work work) throws SQLException {
        checkOpen();
        release();
        if (!autoCommit || session.transactionStatus() != TransactionStatus.IDLE) {
            run(work);
            return;
        }
        try {
            session.executeOnBehalf(begin(), ignore(this));
            work.run();
            endWrapped();
        } catch (DbException e) {
            rollbackQuietly();
            throw Errors.of(e);
        }
    }

    private String begin() {
        return readOnly ? "BEGIN READ ONLY" : "BEGIN";
    }

    private void endWrapped() {
        TransactionStatus status = session.transactionStatus();
        if (status == TransactionStatus.IN_TRANSACTION) {
            session.executeOnBehalf("COMMIT", ignore(this));
        } else if (status == TransactionStatus.FAILED) {
            session.executeOnBehalf("ROLLBACK", ignore(this));
        }
    }

    private void rollbackQuietly() {
        if (session.transactionStatus() != TransactionStatus.IDLE) {
            try {
                session.executeOnBehalf("ROLLBACK", ignore(this));
            } catch (DbException e) {
                // the error being reported matters more
            }
        }
    }

    /** A sink that reads and drops results, passing notices on as the connection's warnings. */
    static ResultSink ignore(JdbcConnection connection) {
        return new ResultSink() {
            @Override
            public void accept(Result result) {
                while (result.next() != null) {
                    // drained so that the statement runs to its end
                }
            }

            @Override
            public void notice(Notice notice) {
                connection.addWarning(Errors.warning(notice));
            }
        };
    }

    /** Runs connection-level SQL (transaction control, settings) with auto-commit's rules. */
    private void control(String sql) throws SQLException {
        checkOpen();
        release();
        try {
            session.execute(sql, ignore(this));
        } catch (DbException e) {
            throw Errors.of(e);
        }
    }

    synchronized void addWarning(SQLWarning warning) {
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("connection");
        }
    }

    /**
     * The session, idle: a streamed result set still reading from it reads its remaining rows into
     * memory first (and stays readable).
     */
    Session idleSession() throws SQLException {
        checkOpen();
        release();
        return session;
    }

    private void release() {
        if (active != null) {
            StreamedResultSet rs = active;
            active = null;
            rs.detach();
        }
    }

    void activate(StreamedResultSet rs) {
        active = rs;
    }

    synchronized ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rustydb-jdbc-session-" + session.id());
                t.setDaemon(true);
                return t;
            });
        }
        return worker;
    }

    synchronized void forget(JdbcStatement statement) {
        statements.remove(statement);
    }

    private synchronized <S extends JdbcStatement> S register(S statement) {
        statements.add(statement);
        return statement;
    }

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement(resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        return register(new JdbcStatement(this, type(resultSetType), concurrency(resultSetConcurrency),
                resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareStatement(sql, resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        checkOpen();
        return register(new JdbcPreparedStatement(this, sql, null, type(resultSetType),
                concurrency(resultSetConcurrency), resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        String[] keys = autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? new String[0] : null;
        return register(new JdbcPreparedStatement(this, sql, keys, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY, holdability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("generated keys by column index");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        return register(new JdbcPreparedStatement(this, sql, columnNames.clone(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY, holdability));
    }

    private int type(int resultSetType) throws SQLException {
        if (resultSetType == ResultSet.TYPE_SCROLL_SENSITIVE) {
            // results are read completely when a statement runs: they cannot see later changes
            addWarning(new SQLWarning("TYPE_SCROLL_SENSITIVE is not supported: TYPE_SCROLL_INSENSITIVE instead",
                    "01000"));
            return ResultSet.TYPE_SCROLL_INSENSITIVE;
        }
        if (resultSetType != ResultSet.TYPE_FORWARD_ONLY && resultSetType != ResultSet.TYPE_SCROLL_INSENSITIVE) {
            throw new SQLException("invalid result set type " + resultSetType, "HY024");
        }
        return resultSetType;
    }

    private static int concurrency(int resultSetConcurrency) throws SQLException {
        if (resultSetConcurrency == ResultSet.CONCUR_UPDATABLE) {
            throw Errors.unsupported("updatable result sets");
        }
        if (resultSetConcurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLException("invalid result set concurrency " + resultSetConcurrency, "HY024");
        }
        return resultSetConcurrency;
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw Errors.unsupported("CallableStatement");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        throw Errors.unsupported("CallableStatement");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        throw Errors.unsupported("CallableStatement");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return SqlText.parse(sql, true).sql();
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        idleSession();
        if (autoCommit && !this.autoCommit && session.transactionStatus() != TransactionStatus.IDLE) {
            commit(); // JDBC: switching auto-commit on commits the open transaction
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        idleSession();
        if (autoCommit) {
            throw new SQLException("Cannot commit when autoCommit is enabled.", "25P01");
        }
        TransactionStatus status = session.transactionStatus();
        if (status == TransactionStatus.IDLE) {
            return;
        }
        control("COMMIT");
        if (status == TransactionStatus.FAILED) {
            throw new SQLException("The transaction failed earlier and was rolled back, not committed.", "40000");
        }
    }

    @Override
    public void rollback() throws SQLException {
        idleSession();
        if (autoCommit) {
            throw new SQLException("Cannot rollback when autoCommit is enabled.", "25P01");
        }
        if (session.transactionStatus() != TransactionStatus.IDLE) {
            control("ROLLBACK");
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        List<JdbcStatement> open;
        synchronized (this) {
            open = new ArrayList<>(statements);
            statements.clear();
        }
        for (JdbcStatement statement : open) {
            statement.closeQuietly();
        }
        release();
        try {
            session.close();
        } finally {
            synchronized (this) {
                if (worker != null) {
                    worker.shutdown();
                }
            }
            if (onClose != null) {
                onClose.run();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new JdbcDatabaseMetaData(this);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        idleSession();
        if (readOnly != this.readOnly && session.transactionStatus() != TransactionStatus.IDLE) {
            throw new SQLException("Cannot change transaction read-only property in the middle of a transaction.",
                    "25001");
        }
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen(); // JDBC: a driver without catalogs silently ignores this
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return session.database();
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        idleSession();
        String name = switch (level) {
            case TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> throw new SQLException("Transaction isolation level " + level + " not supported.", "0A000");
        };
        if (session.transactionStatus() != TransactionStatus.IDLE) {
            throw new SQLException("Cannot change transaction isolation level in the middle of a transaction.",
                    "25001");
        }
        control("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + name);
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        idleSession();
        String level = session.setting("default_transaction_isolation");
        if (level == null) {
            return TRANSACTION_READ_COMMITTED;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "read uncommitted" -> TRANSACTION_READ_UNCOMMITTED;
            case "repeatable read" -> TRANSACTION_REPEATABLE_READ;
            case "serializable" -> TRANSACTION_SERIALIZABLE;
            default -> TRANSACTION_READ_COMMITTED;
        };
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
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return new HashMap<>();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        if (map != null && !map.isEmpty()) {
            throw Errors.unsupported("custom type maps");
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw new SQLException("invalid holdability " + holdability, "HY024");
        }
        this.holdability = holdability;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return holdability;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return savepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null) {
            throw new SQLException("savepoint name must not be null", "HY009");
        }
        return savepoint(name);
    }

    private Savepoint savepoint(String name) throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot establish a savepoint in auto-commit mode.", "25P01");
        }
        JdbcSavepoint savepoint = new JdbcSavepoint(++savepoints, name);
        run(() -> session.execute("SAVEPOINT " + savepoint.sqlName(), ignore(this)));
        return savepoint;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        control("ROLLBACK TO SAVEPOINT " + JdbcSavepoint.of(savepoint).sqlName());
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        control("RELEASE SAVEPOINT " + JdbcSavepoint.of(savepoint).sqlName());
    }

    @Override
    public Clob createClob() throws SQLException {
        throw Errors.unsupported("Clob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw Errors.unsupported("Blob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw Errors.unsupported("NClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw Errors.unsupported("SQLXML");
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative", "HY024");
        }
        return !closed;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (!"ApplicationName".equals(name)) {
            throw new SQLClientInfoException("unknown client info property " + name, Map.of());
        }
        try {
            control("SET application_name = " + SqlText.literal(value == null ? "" : value));
        } catch (SQLException e) {
            throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Map.of(), e);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        for (String name : properties.stringPropertyNames()) {
            setClientInfo(name, properties.getProperty(name));
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        idleSession();
        return "ApplicationName".equals(name) ? session.setting("application_name") : null;
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        Properties properties = new Properties();
        String application = getClientInfo("ApplicationName");
        if (application != null) {
            properties.setProperty("ApplicationName", application);
        }
        return properties;
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        checkOpen();
        SqlType element = TypeNames.byName(typeName);
        if (element == null || element.arrayType() == null) {
            throw new SQLException("Unable to find server array type for provided name " + typeName + ".", "42704");
        }
        List<Object> values = new ArrayList<>(Arrays.asList(elements));
        return new JdbcArray(element.arrayType(), values, null);
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw Errors.unsupported("Struct");
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        control("SET search_path TO " + SqlText.identifier(schema));
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        String[] schema = new String[1];
        run(() -> session.execute("SELECT current_schema()", result -> {
            Object[] row = result.next();
            schema[0] = row == null ? null : (String) row[0];
        }));
        return schema[0];
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("executor must not be null", "HY009");
        }
        session.cancel();
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException e) {
                // aborting: nothing to report to
            }
        });
    }

    /** In-process: no network can stall a call, so the value is only kept. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        networkTimeout = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeout;
    }

    /** Unwraps to the engine {@link Session} too, for callers that want the native API. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(session)) {
            return iface.cast(session);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface.isInstance(session);
    }
}
