package org.rustydb.spi.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One live session as PostgreSQL's pg_stat_activity shows a backend.
 *
 * @param id              the session id; also the process id clients see (BackendKeyData, pg_backend_pid)
 * @param user            the user it runs as
 * @param database        the database it is connected to
 * @param clientAddress   the client's address and port, or null when no front end described one
 * @param applicationName the current application_name setting, empty when unset
 * @param state           what it is doing now
 * @param query           the statement text running now, or the last one run; empty before any
 * @param backendStart    when the session was opened
 * @param queryStart      when the running or last statement began, or null before any
 * @param xactStart       when the open transaction began (a block's first statement, else the running
 *                        statement), or null when none is open
 */
public record SessionInfo(long id, String user, String database, String clientAddress, String applicationName,
                          State state, String query, Instant backendStart, Instant queryStart, Instant xactStart) {

    /** A session without a transaction start to show. */
    public SessionInfo(long id, String user, String database, String clientAddress, String applicationName,
                       State state, String query, Instant backendStart, Instant queryStart) {
        this(id, user, database, clientAddress, applicationName, state, query, backendStart, queryStart, null);
    }

    /** The states of pg_stat_activity, with PostgreSQL's names. */
    public enum State {
        IDLE("idle"),
        ACTIVE("active"),
        IDLE_IN_TRANSACTION("idle in transaction"),
        IDLE_IN_TRANSACTION_ABORTED("idle in transaction (aborted)");

        private final String text;

        State(String text) {
            this.text = text;
        }

        /** The name PostgreSQL shows, e.g. {@code idle in transaction}. */
        public String text() {
            return text;
        }
    }

    public SessionInfo {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(backendStart, "backendStart");
    }
}
