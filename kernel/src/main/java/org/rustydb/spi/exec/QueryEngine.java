package org.rustydb.spi.exec;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.api.ResultSink;

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
