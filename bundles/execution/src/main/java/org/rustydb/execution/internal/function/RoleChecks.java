package org.rustydb.execution.internal.function;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import org.rustydb.execution.internal.catalog.CatalogReader;
import org.rustydb.spi.security.RoleInfo;

/**
 * What the calling session's role may see of other sessions and do to them (pg_stat_activity,
 * pg_cancel_backend): PostgreSQL's superuser test and has_privs_of_role, over the roles the
 * catalog lists.
 */
public final class RoleChecks {
    private RoleChecks() {
    }

    public static RoleInfo role(CatalogReader r, String name) {
        for (RoleInfo role : r.roles()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }

    public static boolean isSuperuser(CatalogReader r) {
        RoleInfo me = role(r, r.session().user());
        return me != null && me.superuser();
    }

    /**
     * True when the caller is a superuser, is {@code user}, or inherits its privileges through
     * memberships (each role on the way with INHERIT).
     */
    public static boolean hasPrivilegesOf(CatalogReader r, String user) {
        String me = r.session().user();
        if (me.equals(user) || isSuperuser(r)) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(me);
        while (!todo.isEmpty()) {
            RoleInfo role = role(r, todo.poll());
            if (role == null || !seen.add(role.name()) || !role.inherit()) {
                continue;
            }
            for (String granted : role.memberOf()) {
                if (granted.equals(user)) {
                    return true;
                }
                todo.add(granted);
            }
        }
        return false;
    }
}
