package org.rustydb.spi.exec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.TransactionStatus;
import org.rustydb.spi.function.SqlFunction;
import org.rustydb.spi.security.RoleCatalog;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

/**
 * What a statement can see of its session and of the services the kernel wired for it.
 * Implemented by the kernel, one per session; valid for the duration of one
 * {@link QueryEngine#execute} call.
 *
 * <p>The services returned are fixed for the call: if a bundle goes away meanwhile, its service
 * fails with 57P03 rather than changing under the statement.
 */
@ProviderType
public interface SessionContext {

    long sessionId();

    /** The roles, when a bundle keeps them (the security bundle); the system catalogs list them. */
    default Optional<RoleCatalog> roleCatalog() {
        return Optional.empty();
    }

    /**
     * The live sessions of the database (pg_stat_activity, pg_cancel_backend), when the kernel
     * keeps a registry of them.
     */
    default Optional<org.rustydb.spi.session.SessionRegistry> sessionRegistry() {
        return Optional.empty();
    }

    /** Every registered SQL function overload, for listings such as pg_proc; a snapshot. */
    default List<SqlFunction> allFunctions() {
        return List.of();
    }

    /**
     * The schema of this session's temporary tables, {@code pg_temp_<session id>} as PostgreSQL
     * names it: searched first for unqualified table names, and emptied when the session ends.
     */
    default String temporarySchema() {
        return "pg_temp_" + sessionId();
    }

    /**
     * The current user, whose privileges statements are checked against and who owns what they
     * create: the setting {@value #ROLE_SETTING} when set (SET ROLE), else {@link #sessionUser}.
     */
    String user();

    /**
     * The session user (session_user): the setting {@value #SESSION_AUTHORIZATION_SETTING} when
     * set (SET SESSION AUTHORIZATION), else {@link #authenticatedUser}. SET ROLE may choose among
     * the roles it is a member of.
     */
    default String sessionUser() {
        return user();
    }

    /** The role that logged in; only a superuser may change the session user (or set it back to itself). */
    default String authenticatedUser() {
        return user();
    }

    /** The stored setting (lower-case name) holding the role SET ROLE chose, absent for NONE. */
    String ROLE_SETTING = "role";

    /** The stored setting holding the session user SET SESSION AUTHORIZATION chose, absent for DEFAULT. */
    String SESSION_AUTHORIZATION_SETTING = "session_authorization";

    String database();

    /** The startup parameters the client sent (application_name and the like). */
    Map<String, String> parameters();

    StorageEngine storage();

    TransactionManager transactions();

    /** The transaction of the open block, or null outside a block. */
    Transaction openTransaction();

    TransactionStatus transactionStatus();

    /**
     * Records the session's transaction state after a statement: the open block transaction (null
     * when {@code status} is IDLE) and the status ReadyForQuery reports.
     */
    void setTransactionState(Transaction openTransaction, TransactionStatus status);

    /**
     * The value of a session setting (what SET assigned), by lower-case name, or null when the
     * session never set it. Which settings exist and their defaults is the query engine's business.
     */
    String setting(String name);

    /** Assigns a session setting (lower-case name), or removes it with a null value (RESET). */
    void setSetting(String name, String value);

    /** The registered overloads of a SQL function, by lower-case name; empty if none. */
    List<SqlFunction> functions(String name);

    /** The registered handler for a leading keyword (upper case), if any. */
    Optional<StatementHandler> statementHandler(String keyword);

    /**
     * Throws 57014 if a cancel was requested for the running statement. Long loops call this
     * every so often.
     */
    void checkCancelled();
}
