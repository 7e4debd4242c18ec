package org.rustydb.api;

import java.util.Objects;

/**
 * A message about a statement that did not fail, such as PostgreSQL's
 * {@code NOTICE: table "t" does not exist, skipping}, {@code WARNING: there is no transaction in
 * progress} or the {@code INFO} lines of {@code VACUUM VERBOSE}. Front ends pass it on (PostgreSQL's NoticeResponse); embedded callers may ignore it.
 *
 * @param severity INFO, NOTICE or WARNING
 * @param sqlState the SQLSTATE, e.g. 00000 or 25P01
 * @param message  the primary message
 * @param detail   a secondary message, or null
 * @param hint     a suggestion, or null
 */
public record Notice(Severity severity, String sqlState, String message, String detail, String hint) {
    /** How important a notice is, as PostgreSQL reports it. */
    public enum Severity { INFO, NOTICE, WARNING }

    public Notice {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
    }

    /** What a client asked to be told, as PostgreSQL's {@code INFO} (sent whatever client_min_messages says). */
    public static Notice info(String message) {
        return new Notice(Severity.INFO, SqlState.SUCCESSFUL_COMPLETION, message, null, null);
    }

    public static Notice notice(String sqlState, String message) {
        return new Notice(Severity.NOTICE, sqlState, message, null, null);
    }

    public static Notice warning(String sqlState, String message) {
        return new Notice(Severity.WARNING, sqlState, message, null, null);
    }
}
