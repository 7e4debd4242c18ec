package org.rustydb.spi.exec;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.ResultSink;
import org.rustydb.api.SqlType;

/**
 * Runs SQL text: parses, plans and executes each statement against the session's storage engine
 * and transaction manager. A required service of the kernel.
 *
 * <p>Threading: called concurrently for different sessions, never concurrently for one session.
 */
@ProviderType
public interface QueryEngine {

    /**
     * Runs the statements of {@code sql} in order, handing each result to {@code sink} and
     * closing it after the sink returns. Transaction control (BEGIN, COMMIT, ROLLBACK, autocommit
     * of statements outside a block, the failed-block state) is the engine's job, through
     * {@link SessionContext#setTransactionState}.
     *
     * @throws org.rustydb.api.DbException for the first failing statement, with its SQLSTATE and
     *                                     a position into {@code sql} where it is known
     */
    void execute(SessionContext session, String sql, ResultSink sink);

    /**
     * Prepares one statement for repeated execution with parameters ($1, $2, ...): parses it, and
     * for a query or INSERT/UPDATE/DELETE binds it now (names must resolve, as for PostgreSQL's
     * Parse message) and deduces the parameter types from their context. Binding runs in the
     * session's open transaction block, else in a transaction of its own. An empty string prepares a
     * statement that does nothing; more than one statement fails with 42601.
     *
     * @param parameterTypes the declared types of the first parameters (null: none declared), as
     *                       PREPARE's list or the protocol's parameter type OIDs (unknown: deduce)
     * @throws org.rustydb.api.DbException with its SQLSTATE: a syntax error, an unknown table, a
     *                                     parameter whose type cannot be deduced (42P18), ...
     */
    PreparedQuery prepare(SessionContext session, String sql, List<SqlType> parameterTypes);

    /**
     * Runs a statement prepared by {@link #prepare} for this session, with PostgreSQL's transaction
     * semantics as {@link #execute(SessionContext, String, ResultSink)} gives a single statement,
     * handing its result to {@code sink} and closing it after the sink returns. The plan is reused
     * while what it was made from is unchanged (as plan_cache_mode allows), else made again.
     *
     * @param parameters the value of each parameter in PostgreSQL's text form, parsed by the
     *                   parameter's type (null: SQL NULL); a front end receiving binary values
     *                   renders them as text first. Their number must be that of
     *                   {@link PreparedQuery#parameterTypes} (08P01 otherwise).
     */
    void execute(SessionContext session, PreparedQuery statement, List<String> parameters, ResultSink sink);

    /**
     * Runs a statement prepared by {@link #prepare} once for each row of parameter values, as that
     * many calls of {@link #execute(SessionContext, PreparedQuery, List, ResultSink)} would, stopping
     * at the first that fails. An engine may do better than that loop (store a one-row INSERT's rows
     * together in a transaction block, as {@code Session.executeBatch} allows).
     */
    default void executeBatch(SessionContext session, PreparedQuery statement, List<List<String>> parameterRows,
                              ResultSink sink) {
        for (List<String> parameters : parameterRows) {
            execute(session, statement, parameters, sink);
        }
    }

    /**
     * The current value of a session setting as {@code SHOW} prints it, or null when the engine
     * knows no setting of that name (matched ignoring case). Which settings exist, their defaults
     * and their display form are the engine's business; front ends use this to report the settings
     * their clients track. Must not change the session, and may be called from any thread.
     */
    default String setting(SessionContext session, String name) {
        return null;
    }

    /**
     * The session with this id has ended: what the engine keeps for it (prepared statements, for
     * example) can go. Engines that keep nothing per session need not act.
     */
    default void sessionClosed(long sessionId) {
    }
}
