package org.rustydb.execution.internal.settings;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.security.RoleInfo;
import org.rustydb.spi.txn.Transaction;

/**
 * The checks of SET ROLE and SET SESSION AUTHORIZATION, PostgreSQL's check hooks of the settings
 * {@code role} and {@code session_authorization}: the role must exist (22023, as the hook reports
 * it); SET ROLE takes a role the session user is a member of, directly or not, whatever INHERIT
 * says (or any role for a superuser session user); only a superuser who logged in may change the
 * session user, others may only set it back to themselves. The kernel reads the stored values to
 * answer {@link SessionContext#user()} and {@link SessionContext#sessionUser()}.
 */
final class RoleSettings {
    private RoleSettings() {
    }

    /** The value to store for SET ROLE: the role's name, or null for NONE (and RESET). */
    static String role(SessionContext session, String value) {
        if (value == null || value.equals("none")) {
            return null;
        }
        Map<String, RoleInfo> roles = roles(session);
        requireExists(roles, value);
        String member = session.sessionUser();
        if (!isSuperuser(roles, member) && !isMemberOf(roles, member, value)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"%s\"", value);
        }
        return value;
    }

    /** The value to store for SET SESSION AUTHORIZATION: the role's name, or null for DEFAULT (and RESET). */
    static String sessionAuthorization(SessionContext session, String value) {
        if (value == null) {
            return null;
        }
        Map<String, RoleInfo> roles = roles(session);
        requireExists(roles, value);
        String authenticated = session.authenticatedUser();
        if (!value.equals(authenticated) && !isSuperuser(roles, authenticated)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to set session authorization \"%s\"", value);
        }
        return value;
    }

    /**
     * is_superuser: whether the current user is a superuser (always, without the security bundle).
     * Read from the privilege view, which is cached until roles change.
     */
    static boolean isSuperuser(SessionContext session) {
        var catalog = session.roleCatalog();
        if (catalog.isEmpty()) {
            return true;
        }
        Transaction open = session.openTransaction();
        if (open != null && open.state() == Transaction.State.ACTIVE) {
            return catalog.get().privileges().privileges(open).isSuperuser(session.user());
        }
        Transaction reader = session.transactions().begin(IsolationLevel.READ_COMMITTED, true);
        try {
            return catalog.get().privileges().privileges(reader).isSuperuser(session.user());
        } finally {
            reader.rollback();
        }
    }

    private static void requireExists(Map<String, RoleInfo> roles, String name) {
        if (!roles.containsKey(name)) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "role \"%s\" does not exist", name);
        }
    }

    private static boolean isSuperuser(Map<String, RoleInfo> roles, String name) {
        RoleInfo role = roles.get(name);
        return role != null && role.superuser();
    }

    /** is_member_of_role: memberships followed whatever their INHERIT. */
    private static boolean isMemberOf(Map<String, RoleInfo> roles, String member, String role) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(member));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (name.equals(role)) {
                return true;
            }
            RoleInfo info = roles.get(name);
            if (info != null && seen.add(name)) {
                todo.addAll(info.memberOf());
            }
        }
        return false;
    }

    /**
     * The roles by name, as the open block sees them, else as committed. Without the security
     * bundle there are no roles but the one that logged in, which may do anything.
     */
    private static Map<String, RoleInfo> roles(SessionContext session) {
        if (session.roleCatalog().isEmpty()) {
            String self = session.authenticatedUser();
            return Map.of(self, new RoleInfo(10, self, true, true, true, true, true, -1, null, false, List.of()));
        }
        var catalog = session.roleCatalog().get();
        Transaction open = session.openTransaction();
        List<RoleInfo> list;
        if (open != null && open.state() == Transaction.State.ACTIVE) {
            list = catalog.roles(open);
        } else {
            Transaction reader = session.transactions().begin(IsolationLevel.READ_COMMITTED, true);
            try {
                list = catalog.roles(reader);
            } finally {
                reader.rollback();
            }
        }
        Map<String, RoleInfo> byName = new HashMap<>();
        for (RoleInfo role : list) {
            byName.put(role.name(), role);
        }
        return byName;
    }
}
