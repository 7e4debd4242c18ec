package org.rustydb.kernel.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.PreparedStatement;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.exec.PreparedQuery;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session of the kernel database: transaction state, cancel and terminate flags, what it runs
 * (for the session registry), and the statement entry point.
 */
final class KernelSession implements Session {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSession.class);
    private static final String APPLICATION_NAME = "application_name";

    private final KernelDatabase database;
    private final long id;
    private final String user;
    private final Map<String, String> parameters;
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    /**
     * The name {@link #setting} answers with a token of the settings' state rather than a value;
     * it holds NUL, which no setting name can. The token changes whenever a value SHOW prints may
     * have changed (every such value comes from this session's stored settings, its startup
     * packet and user, or the query engine), so that a front end checking its clients' reported
     * settings before each ReadyForQuery reads them again only then.
     */
    static final String SETTINGS_TOKEN = "\0settings-token";
    /** Writes to {@link #settings} and changes of query engine seen, for {@link #SETTINGS_TOKEN}. */
    private final java.util.concurrent.atomic.AtomicLong settingsChanges = new java.util.concurrent.atomic.AtomicLong();
    private volatile java.lang.ref.WeakReference<QueryEngine> tokenEngine = new java.lang.ref.WeakReference<>(null);
    private volatile boolean cancelRequested;
    private volatile boolean closed;
    private volatile boolean terminateRequested;
    private volatile Thread runningThread;
    private volatile Transaction openTransaction;
    private volatile TransactionStatus status = TransactionStatus.IDLE;
    private final Instant backendStart = Instant.now();
    private volatile String query = "";
    private volatile Instant queryStart;
    /** When the engine was last called for this session, a client statement or a protocol step. */
    private volatile Instant callStart;
    /** When the open transaction began: the start of the call that opened it. */
    private volatile Instant blockStart;
    private volatile String clientAddress;
    private final AtomicReference<Runnable> disconnect = new AtomicReference<>();

    KernelSession(KernelDatabase database, long id, String user, Map<String, String> parameters) {
        this.database = database;
        this.id = id;
        this.user = user;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String database() {
        return database.name();
    }

    @Override
    public void execute(String sql, ResultSink sink) {
        run(sql, (engine, context) -> engine.execute(context, sql, new GuardedSink(sink)));
    }

    @Override
    public void executeOnBehalf(String sql, ResultSink sink) {
        run(null, (engine, context) -> engine.execute(context, sql, new GuardedSink(sink)));
    }

    @Override
    public PreparedStatement prepare(String sql, List<SqlType> parameterTypes) {
        Prepared[] prepared = new Prepared[1];
        run(sql, (engine, context) -> {
            prepared[0] = new Prepared(this, sql, engine.prepare(context, sql, parameterTypes));
            // The client's statement is active from its Parse on: a cancel that came while it was
            // prepared fails it here, as PostgreSQL's parse would, rather than being lost before
            // its Execute.
            context.checkCancelled();
        });
        return prepared[0];
    }

    @Override
    public void execute(PreparedStatement statement, List<String> parameters, ResultSink sink) {
        Prepared prepared = mine(statement);
        run(prepared.sql, (engine, context) -> engine.execute(context, prepared.query, parameters,
                new GuardedSink(sink)));
    }

    @Override
    public void executeBatch(PreparedStatement statement, List<List<String>> parameterRows, ResultSink sink) {
        Prepared prepared = mine(statement);
        run(prepared.sql, (engine, context) -> engine.executeBatch(context, prepared.query, parameterRows,
                new GuardedSink(sink)));
    }

    private Prepared mine(PreparedStatement statement) {
        if (!(statement instanceof Prepared prepared) || prepared.session != this) {
            throw DbException.of(SqlState.UNDEFINED_PREPARED_STATEMENT, "prepared statement does not belong to session %d",
                    id);
        }
        return prepared;
    }

    /** What one call does with the query engine, given the statement's view of the session. */
    @FunctionalInterface
    private interface EngineCall {
        void run(QueryEngine engine, SessionContext context);
    }

    /**
     * Runs one call into the query engine with what every statement needs: the availability
     * checks, the registry's view of what runs, cancel and terminate, and the caller's own sink
     * failures passed back untouched.
     */
    private void run(String sql, EngineCall call) {
        // sql null: not the client's statement, so the registry keeps showing the last one
        if (terminateRequested) {
            close();
            throw terminated();
        }
        if (closed) {
            throw DbException.of(SqlState.CONNECTION_EXCEPTION, "session %d is closed", id);
        }
        KernelDatabase.Services services = database.requireServices();
        cancelRequested = false;
        callStart = Instant.now();
        if (sql != null) {
            query = sql;
            queryStart = callStart;
        }
        runningThread = Thread.currentThread();
        try {
            call.run(services.queryEngine(), new Context(services));
        } catch (SinkFailure e) {
            // the caller's own failure (a client gone mid-result, say): give it back untouched
            throw terminateRequested ? terminated() : (RuntimeException) e.getCause();
        } catch (DbException e) {
            throw terminateRequested ? terminated() : e;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug must not reach the client as a stack trace nor kill its connection.
            LOG.error("internal error in session {} running: {}", id, sql == null ? query : sql, e);
            throw DbException.wrap(e);
        } finally {
            runningThread = null;
            cancelRequested = false;
        }
        if (terminateRequested) {
            throw terminated(); // asked for during a statement that did not look for it again
        }
    }

    /** A statement prepared by the query engine for this session. */
    private record Prepared(KernelSession session, String sql, PreparedQuery query) implements PreparedStatement {
        @Override
        public List<SqlType> parameterTypes() {
            return query.parameterTypes();
        }

        @Override
        public List<org.rustydb.api.Column> columns() {
            return query.columns();
        }
    }

    @Override
    public String setting(String name) {
        QueryEngine engine = database.currentQueryEngine();
        if (engine == null) {
            return null;
        }
        if (SETTINGS_TOKEN.equals(name)) {
            if (tokenEngine.get() != engine) {
                tokenEngine = new java.lang.ref.WeakReference<>(engine); // another engine may show other values
                settingsChanges.incrementAndGet();
            }
            return Long.toString(settingsChanges.get());
        }
        try {
            return engine.setting(new Context(database.currentServices()), name);
        } catch (RuntimeException e) {
            LOG.warn("reading setting {} of session {} failed", name, id, e);
            return null;
        }
    }

    @Override
    public TransactionStatus transactionStatus() {
        return status;
    }

    @Override
    public void cancel() {
        if (runningThread != null) {
            cancelRequested = true;
        }
    }

    /**
     * Ends the session on an administrator's request: the running statement fails with FATAL
     * 57P01 at its next cancel check, a front end that attached a connection disconnects it, and
     * otherwise the next statement fails with it.
     */
    void terminate() {
        terminateRequested = true;
        Runnable hook = disconnect.getAndSet(null);
        if (hook != null) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("disconnecting session {} failed", id, e);
            }
        }
    }

    /** Records the client behind the session and how its front end disconnects it. */
    void attachConnection(String address, Runnable hook) {
        clientAddress = address;
        disconnect.set(hook);
        if (terminateRequested) {
            terminate(); // terminated before the front end got here
        }
    }

    /** The session as the registry lists it. */
    SessionInfo info() {
        SessionInfo.State state;
        if (runningThread != null) {
            state = SessionInfo.State.ACTIVE;
        } else {
            state = switch (status) {
                case IDLE -> SessionInfo.State.IDLE;
                case IN_TRANSACTION -> SessionInfo.State.IDLE_IN_TRANSACTION;
                case FAILED -> SessionInfo.State.IDLE_IN_TRANSACTION_ABORTED;
            };
        }
        String applicationName = setting(APPLICATION_NAME);
        if (applicationName == null) {
            applicationName = parameters.getOrDefault(APPLICATION_NAME, "");
        }
        Instant xactStart = status != TransactionStatus.IDLE ? blockStart : runningThread != null ? queryStart : null;
        return new SessionInfo(id, user, database.name(), clientAddress, applicationName, state, query,
                backendStart, queryStart, xactStart);
    }

    private static DbException terminated() {
        return DbException.of(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
                .withSeverity(DbException.Severity.FATAL);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Transaction txn = openTransaction;
        openTransaction = null;
        status = TransactionStatus.IDLE;
        if (txn != null && txn.state() == Transaction.State.ACTIVE) {
            try {
                txn.rollback();
            } catch (RuntimeException e) {
                LOG.warn("rollback of session {} transaction {} on close failed", id, txn.id(), e);
            }
        }
        dropTemporaryTables();
        QueryEngine engine = database.currentServices().queryEngine();
        if (engine != null) {
            try {
                engine.sessionClosed(id);
            } catch (RuntimeException e) {
                LOG.warn("the query engine failed to forget session {}", id, e);
            }
        }
        database.sessionClosed(this);
    }

    /**
     * Drops the tables and views of this session's temporary schema: at its end, and at its start, since a
     * session of an earlier run that crashed may have left some under the same id. Does nothing
     * while the storage engine or the transaction manager is missing (they are then all gone or
     * dropped at the next start of this id).
     */
    void dropTemporaryTables() {
        KernelDatabase.Services services = database.currentServices();
        if (services.storage() == null || services.transactions() == null) {
            return;
        }
        String schema = "pg_temp_" + id;
        try {
            Transaction txn = services.transactions().begin(org.rustydb.api.IsolationLevel.READ_COMMITTED, false);
            try {
                // views first: they may read the tables
                for (org.rustydb.spi.storage.ViewHandle view : services.storage().listViews(txn)) {
                    if (view.definition().schema().equals(schema)) {
                        services.storage().dropView(txn, view);
                    }
                }
                for (org.rustydb.spi.storage.TableHandle table : services.storage().listTables(txn)) {
                    if (table.definition().schema().equals(schema)) {
                        services.storage().dropTable(txn, table);
                    }
                }
                txn.commit();
            } finally {
                if (txn.state() == Transaction.State.ACTIVE) {
                    txn.rollback();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not drop the temporary tables of session {}", id, e);
        }
    }

    /** The view a statement has of this session, with the services fixed for its duration. */
    private final class Context implements SessionContext {
        private final KernelDatabase.Services services;

        Context(KernelDatabase.Services services) {
            this.services = services;
        }

        @Override
        public long sessionId() {
            return id;
        }

        @Override
        public String user() {
            String role = settings.get(ROLE_SETTING);
            return role != null ? role : sessionUser();
        }

        @Override
        public String sessionUser() {
            String chosen = settings.get(SESSION_AUTHORIZATION_SETTING);
            return chosen != null ? chosen : user;
        }

        @Override
        public String authenticatedUser() {
            return user;
        }

        @Override
        public String database() {
            return database.name();
        }

        @Override
        public Map<String, String> parameters() {
            return parameters;
        }

        @Override
        public StorageEngine storage() {
            return services.storage();
        }

        @Override
        public TransactionManager transactions() {
            return services.transactions();
        }

        @Override
        public java.util.Optional<org.rustydb.spi.security.RoleCatalog> roleCatalog() {
            return java.util.Optional.ofNullable(database.roleCatalog());
        }

        @Override
        public Transaction openTransaction() {
            return openTransaction;
        }

        @Override
        public TransactionStatus transactionStatus() {
            return status;
        }

        @Override
        public void setTransactionState(Transaction txn, TransactionStatus newStatus) {
            if ((txn == null) != (newStatus == TransactionStatus.IDLE)) {
                throw new IllegalArgumentException("an open transaction goes with a non-idle status");
            }
            openTransaction = txn;
            if (status == TransactionStatus.IDLE && newStatus != TransactionStatus.IDLE) {
                blockStart = callStart != null ? callStart : Instant.now();
            }
            status = newStatus;
        }

        @Override
        public String setting(String name) {
            return settings.get(name);
        }

        @Override
        public void setSetting(String name, String value) {
            settingsChanges.incrementAndGet();
            if (value == null) {
                settings.remove(name);
            } else {
                settings.put(name, value);
            }
        }

        @Override
        public List<SqlFunction> functions(String name) {
            return database.extensions().functions(name);
        }

        @Override
        public Optional<org.rustydb.spi.session.SessionRegistry> sessionRegistry() {
            return Optional.of(database);
        }

        @Override
        public List<SqlFunction> allFunctions() {
            return database.extensions().allFunctions();
        }

        @Override
        public Optional<StatementHandler> statementHandler(String keyword) {
            return database.extensions().statementHandler(keyword);
        }

        @Override
        public void checkCancelled() {
            if (terminateRequested) {
                throw terminated();
            }
            if (cancelRequested) {
                cancelRequested = false;
                throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
    }

    /** Passes results and notices on, marking the caller's own failures so they come back untouched. */
    private static final class GuardedSink implements ResultSink {
        private final ResultSink caller;

        GuardedSink(ResultSink caller) {
            this.caller = caller;
        }

        @Override
        public void accept(Result result) {
            try {
                caller.accept(result);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        @Override
        public void notice(Notice notice) {
            try {
                caller.notice(notice);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        /** The caller's own channel: what a copy stream throws (CopyFail's 57014) is the statement's error. */
        @Override
        public java.util.Optional<org.rustydb.api.CopyChannel> copyChannel() {
            return caller.copyChannel();
        }
    }

    /** Carries an exception thrown by the caller's sink through the query engine. */
    private static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }
    }
}
