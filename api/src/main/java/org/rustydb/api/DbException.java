package org.rustydb.api;

import java.util.Objects;

/**
 * The one error type of RustyDB. Every failure a client can see carries a PostgreSQL SQLSTATE
 * (see {@link SqlState}), a message, and optionally a detail, a hint and a 1-based character
 * position into the statement text. Front ends turn it into an ErrorResponse; nothing reaches a
 * client as a stack trace.
 *
 * <p>Instances are immutable; the {@code with*} methods return copies.
 */
public final class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How bad it is, as PostgreSQL reports it: ERROR ends the statement, FATAL the session. */
    public enum Severity { ERROR, FATAL, PANIC }

    private final String sqlState;
    private final Severity severity;
    private final String detail;
    private final String hint;
    private final int position;
    private final String context;

    private DbException(String sqlState, String message, Severity severity, String detail, String hint,
                        int position, Throwable cause) {
        this(sqlState, message, severity, detail, hint, position, null, cause);
    }

    private DbException(String sqlState, String message, Severity severity, String detail, String hint,
                        int position, String context, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.sqlState = requireSqlState(sqlState);
        this.severity = Objects.requireNonNull(severity, "severity");
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.context = context;
    }

    private static String requireSqlState(String code) {
        if (code == null || code.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + code);
        }
        return code;
    }

    /** An ERROR with the given SQLSTATE and message. */
    public static DbException of(String sqlState, String message) {
        return new DbException(sqlState, message, Severity.ERROR, null, null, 0, null);
    }

    /** An ERROR with a printf-style message. */
    public static DbException of(String sqlState, String format, Object... args) {
        return of(sqlState, String.format(format, args));
    }

    /**
     * Wraps an unexpected exception as an internal error (XX000), keeping it as the cause for the
     * server log; a {@code DbException} is returned unchanged.
     */
    public static DbException wrap(Throwable t) {
        if (t instanceof DbException) {
            return (DbException) t;
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new DbException(SqlState.INTERNAL_ERROR, "internal error: " + text, Severity.ERROR, null, null, 0, t);
    }

    public DbException withDetail(String newDetail) {
        return new DbException(sqlState, getMessage(), severity, newDetail, hint, position, context, getCause());
    }

    public DbException withHint(String newHint) {
        return new DbException(sqlState, getMessage(), severity, detail, newHint, position, context, getCause());
    }

    /** A copy at the given 1-based character position in the statement text (0 for none). */
    public DbException withPosition(int newPosition) {
        return new DbException(sqlState, getMessage(), severity, detail, hint, newPosition, context, getCause());
    }

    public DbException withSeverity(Severity newSeverity) {
        return new DbException(sqlState, getMessage(), newSeverity, detail, hint, position, context, getCause());
    }

    public DbException withCause(Throwable cause) {
        return new DbException(sqlState, getMessage(), severity, detail, hint, position, context, cause);
    }

    /**
     * A copy with the context PostgreSQL reports as CONTEXT (where the error happened, e.g.
     * {@code COPY t, line 3, column b: "x"}).
     */
    public DbException withContext(String newContext) {
        return new DbException(sqlState, getMessage(), severity, detail, hint, position, newContext, getCause());
    }

    public String sqlState() {
        return sqlState;
    }

    public Severity severity() {
        return severity;
    }

    /** Secondary message, or null. */
    public String detail() {
        return detail;
    }

    /** Suggestion for the user, or null. */
    public String hint() {
        return hint;
    }

    /** 1-based character position in the statement text, or 0 when unknown. */
    public int position() {
        return position;
    }

    /** Where the error happened (PostgreSQL's CONTEXT), or null. */
    public String context() {
        return context;
    }

    @Override
    public String toString() {
        return severity + " " + sqlState + ": " + getMessage();
    }
}
