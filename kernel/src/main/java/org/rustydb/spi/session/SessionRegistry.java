package org.rustydb.spi.session;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live sessions of the database, registered as a service by the kernel alongside the
 * {@link org.rustydb.api.Database}. The shell lists them and cancels or terminates them, SQL
 * functions such as {@code pg_cancel_backend} act through it, and protocol front ends describe the
 * connection behind each session they open.
 *
 * <p>Threading: every method is safe from any thread.
 */
@ProviderType
public interface SessionRegistry {

    /** A snapshot of every open session, ordered by id. */
    List<SessionInfo> sessions();

    /** A snapshot of one session, if it is open. */
    Optional<SessionInfo> session(long id);

    /**
     * Asks the statement a session is running to stop with 57014 ({@code canceling statement due to
     * user request}), as a protocol CancelRequest does; the session goes on. Nothing happens to an
     * idle session.
     *
     * @return false when no such session is open
     */
    boolean cancel(long id);

    /**
     * Ends a session: a running statement stops, and the client is told FATAL 57P01
     * ({@code terminating connection due to administrator command}) and disconnected, at once when
     * its front end attached a connection, else at the session's next statement. Its transaction
     * rolls back.
     *
     * @return false when no such session is open
     */
    boolean terminate(long id);

    /**
     * Called by a front end right after opening a session for a client connection: the client's
     * address for listings, and how to close the connection when the session is terminated (the
     * front end then sends FATAL 57P01 itself, at once if the session is idle). {@code disconnect}
     * runs at most once, on the terminating thread, and must not block for long.
     *
     * @return false when no such session is open
     */
    boolean attachConnection(long id, String clientAddress, Runnable disconnect);
}
