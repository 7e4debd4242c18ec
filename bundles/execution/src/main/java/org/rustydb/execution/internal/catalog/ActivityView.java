package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.function.RoleChecks;
import org.rustydb.execution.internal.function.SessionBuiltins;
import org.rustydb.spi.session.SessionInfo;

/**
 * pg_stat_activity's rows: every session of the kernel's registry (without one, the calling
 * session alone). As in PostgreSQL, a role sees everything of the sessions of roles it has the
 * privileges of (a superuser, of all); of the others only the database, pid, user and
 * application name, with the query {@code <insufficient privilege>}.
 */
final class ActivityView {
    static final String HIDDEN_QUERY = "<insufficient privilege>";

    private ActivityView() {
    }

    static List<Object[]> rows(CatalogReader r) {
        List<SessionInfo> sessions = r.session().sessionRegistry().map(reg -> reg.sessions()).orElse(List.of());
        if (sessions.isEmpty()) {
            return List.<Object[]>of(callerOnly(r));
        }
        List<Object[]> out = new ArrayList<>();
        for (SessionInfo s : sessions) {
            out.add(row(r, s, RoleChecks.hasPrivilegesOf(r, s.user())));
        }
        return out;
    }

    private static Object[] row(CatalogReader r, SessionInfo s, boolean visible) {
        Integer userOid = null;
        var role = RoleChecks.role(r, s.user());
        if (role != null) {
            userOid = (int) role.oid();
        }
        Object[] row = new Object[22];
        row[0] = Oids.DATABASE;
        row[1] = s.database();
        row[2] = SessionBuiltins.backendPid(s.id());
        row[4] = userOid;
        row[5] = s.user();
        row[6] = s.applicationName();
        if (!visible) {
            row[20] = HIDDEN_QUERY;
            return row;
        }
        String[] address = address(s.clientAddress());
        row[7] = address[0];
        row[9] = address[1] == null ? null : Integer.valueOf(address[1]);
        row[10] = s.backendStart();
        row[11] = s.xactStart();
        row[12] = s.queryStart();
        row[13] = s.queryStart() != null ? s.queryStart() : s.backendStart();
        row[16] = s.state().text();
        row[20] = s.query();
        row[21] = "client backend";
        return row;
    }

    /** {@code host:port} or {@code [v6 host]:port} split; nulls when not given. */
    private static String[] address(String clientAddress) {
        if (clientAddress == null) {
            return new String[2];
        }
        int colon = clientAddress.lastIndexOf(':');
        if (colon < 0 || !clientAddress.substring(colon + 1).chars().allMatch(Character::isDigit)
                || colon == clientAddress.length() - 1) {
            return new String[] {clientAddress, null};
        }
        String host = clientAddress.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new String[] {host, clientAddress.substring(colon + 1)};
    }

    /** The calling session, when no registry lists sessions (an engine wired without the kernel's). */
    private static Object[] callerOnly(CatalogReader r) {
        String app = r.session().setting("application_name");
        if (app == null) {
            app = r.session().parameters().getOrDefault("application_name", "");
        }
        Object[] row = new Object[22];
        row[0] = Oids.DATABASE;
        row[1] = r.session().database();
        row[2] = SessionBuiltins.backendPid(r.session().sessionId());
        row[4] = Oids.BOOTSTRAP_ROLE;
        row[5] = r.session().user();
        row[6] = app;
        row[16] = "active";
        row[21] = "client backend";
        return row;
    }
}
