package org.rustydb.execution.internal.ddl;

import org.rustydb.spi.exec.SessionContext;

/**
 * PostgreSQL's RoleSpec in OWNER TO and AUTHORIZATION: a name, CURRENT_USER and CURRENT_ROLE (the
 * current user), or SESSION_USER, which SET ROLE and SET SESSION AUTHORIZATION make differ. Parsed
 * before the statement runs, resolved when it does.
 */
final class RoleSpecs {
    /** SESSION_USER as parsed; NUL keeps it apart from any role name. */
    static final String SESSION_USER = "\0session_user";

    private RoleSpecs() {
    }

    /** A role name; null for CURRENT_USER and CURRENT_ROLE, {@link #SESSION_USER} for SESSION_USER. */
    static String read(DdlTokens in) {
        if (in.acceptWord("current_user") || in.acceptWord("current_role")) {
            return null;
        }
        return in.acceptWord("session_user") ? SESSION_USER : in.name();
    }

    /** The role a parsed spec names now (null and "\0" stand for the current user). */
    static String resolve(SessionContext session, String spec) {
        if (spec == null || spec.equals("\0")) {
            return session.user();
        }
        return spec.equals(SESSION_USER) ? session.sessionUser() : spec;
    }
}
