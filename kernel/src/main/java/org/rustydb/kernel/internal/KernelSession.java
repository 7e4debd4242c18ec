package org.rustydb.kernel.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session of the kernel database: transaction state, cancel flag, and the statement entry point. */
final class KernelSession implements Session {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSession.class);

    private final KernelDatabase database;
    private final long id;
    private final String user;
    private final Map<String, String> parameters;
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    private volatile boolean cancelRequested;
    private volatile boolean closed;
    private volatile Thread runningThread;
    private Transaction openTransaction;
    private TransactionStatus status = TransactionStatus.IDLE;

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
        if (closed) {
            throw DbException.of(SqlState.CONNECTION_EXCEPTION, "session %d is closed", id);
        }
        KernelDatabase.Services services = database.requireServices();
        cancelRequested = false;
        runningThread = Thread.currentThread();
        try {
            services.queryEngine().execute(new Context(services), sql, new GuardedSink(sink));
        } catch (SinkFailure e) {
            // the caller's own failure (a client gone mid-result, say): give it back untouched
            throw (RuntimeException) e.getCause();
        } catch (DbException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug must not reach the client as a stack trace nor kill its connection.
            LOG.error("internal error in session {} running: {}", id, sql, e);
            throw DbException.wrap(e);
        } finally {
            runningThread = null;
            cancelRequested = false;
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
        database.sessionClosed(this);
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
            status = newStatus;
        }

        @Override
        public String setting(String name) {
            return settings.get(name);
        }

        @Override
        public void setSetting(String name, String value) {
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
        public Optional<StatementHandler> statementHandler(String keyword) {
            return database.extensions().statementHandler(keyword);
        }

        @Override
        public void checkCancelled() {
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
    }

    /** Carries an exception thrown by the caller's sink through the query engine. */
    private static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }
    }
}
