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

    private StatementDeadline(SessionContext session, long timeoutMillis) {
        this.session = session;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /** The session with the statement timeout applied, or the session itself when it is 0 (off). */
    static SessionContext of(SessionContext session) {
        long timeout = SessionSettings.statementTimeoutMillis(session);
        return timeout <= 0 ? session : new StatementDeadline(session, timeout);
    }

    @Override
    public void checkCancelled() {
        session.checkCancelled();
        if (System.nanoTime() - deadlineNanos > 0) {
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
        return session.openTransaction();
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
