package org.rustydb.execution.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.exec.StatementHandler;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

/**
 * statement_timeout: the session as one statement sees it, whose cancel check also fails once
 * the statement has run longer than the timeout, with PostgreSQL's 57014 message. Operators
 * already call {@link #checkCancelled} in their loops, so a long statement stops at the next row.
 */
final class StatementDeadline implements SessionContext {
    private final SessionContext session;
    private final long deadlineNanos;
    /** The implicit transaction of a multi-statement string a handler shares, or null. */
    private final Transaction shared;

    private StatementDeadline(SessionContext session, long timeoutMillis, Transaction shared) {
        this.session = session;
        this.deadlineNanos = timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        this.shared = shared;
    }

    /**
     * The session for a statement handler run in the implicit transaction of a string of several
     * statements: it sees that transaction as the open one, so it runs in it (and sees what the
     * statements before it did) rather than in a transaction of its own, as in PostgreSQL.
     */
    static SessionContext sharing(SessionContext session, Transaction implicit) {
        return new StatementDeadline(session, SessionSettings.statementTimeoutMillis(session), implicit);
    }

    /** The session with the statement timeout applied, or the session itself when it is 0 (off). */
    static SessionContext of(SessionContext session) {
        long timeout = SessionSettings.statementTimeoutMillis(session);
        return timeout <= 0 ? session : new StatementDeadline(session, timeout, null);
    }

    @Override
    public void checkCancelled() {
        session.checkCancelled();
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw DbException.of(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        }
    }

    @Override
    public long sessionId() {
        return session.sessionId();
    }

    @Override
    public String user() {
        return session.user();
    }

    @Override
    public String sessionUser() {
        return session.sessionUser();
    }

    @Override
    public String authenticatedUser() {
        return session.authenticatedUser();
    }

    @Override
    public String database() {
        return session.database();
    }

    @Override
    public Map<String, String> parameters() {
        return session.parameters();
    }

    @Override
    public StorageEngine storage() {
        return session.storage();
    }

    @Override
    public TransactionManager transactions() {
        return session.transactions();
    }

    @Override
    public java.util.Optional<org.rustydb.spi.security.RoleCatalog> roleCatalog() {
        return session.roleCatalog();
    }

    @Override
    public Transaction openTransaction() {
        return shared != null ? shared : session.openTransaction();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return session.transactionStatus();
    }

    @Override
    public void setTransactionState(Transaction openTransaction, TransactionStatus status) {
        session.setTransactionState(openTransaction, status);
    }

    @Override
    public String setting(String name) {
        return session.setting(name);
    }

    @Override
    public void setSetting(String name, String value) {
        session.setSetting(name, value);
    }

    @Override
    public List<SqlFunction> functions(String name) {
        return session.functions(name);
    }

    @Override
    public Optional<StatementHandler> statementHandler(String keyword) {
        return session.statementHandler(keyword);
    }
}
