package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.txn.Transaction;

/**
 * Runs GRANT and REVOKE on objects as PostgreSQL 15's ExecuteGrantStmt: the objects, then the
 * grantees, then the privileges are checked; the grantor is the owner when the current role may act
 * as the owner, else the role holding the most grant options for them; what cannot be granted is
 * left out with a warning, and nothing at all is permission denied (42501).
 */
final class PrivilegeCommands {
    private static final String NOT_GRANTED = "01007";
    private static final String NOT_REVOKED = "01006";

    private final SessionContext session;
    private final Transaction txn;
    private final PrivilegeDirectory directory;
    private final PrivilegeStore store;
    private final Consumer<Notice> notices;

    PrivilegeCommands(SessionContext session, Transaction txn, PrivilegeDirectory directory, Consumer<Notice> notices) {
        this.session = session;
        this.txn = txn;
        this.directory = directory;
        this.store = new PrivilegeStore(session.storage());
        this.notices = notices;
    }

    String run(String sql) {
        GrantStatement g = GrantStatement.parse(sql);
        PrivilegeView view = directory.view(txn);
        String user = session.user();
        if (g.grantedBy() != null) {
            String by = GrantStatement.resolve(g.grantedBy(), user, session.sessionUser());
            if (view.role(by) == null) {
                throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", by);
            }
            if (!by.equals(user)) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "grantor must be current user");
            }
        }
        List<GrantTargets.Target> targets = new GrantTargets(session, txn).resolve(g.target());
        List<Long> grantees = new ArrayList<>();
        for (String name : g.grantees()) {
            if (name == null) {
                grantees.add(Acl.PUBLIC);
                continue;
            }
            String role = GrantStatement.resolve(name, user, session.sessionUser());
            Role r = view.role(role);
            if (r == null) {
                throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", role);
            }
            grantees.add(r.oid());
        }
        String kindWord = kindWord(g.target().kind());
        int allowed = allowed(g.target().kind());
        int tablePrivileges = g.privileges() == null && g.allColumns() == null ? allowed : 0;
        Map<String, Integer> columnPrivileges = new HashMap<>();
        if (g.allColumns() != null) {
            g.allColumns().forEach(c -> columnPrivileges.merge(c, Privilege.ALL_COLUMN, (a, b) -> a | b));
        }
        if (g.privileges() != null) {
            for (GrantStatement.Named named : g.privileges()) {
                Privilege p = Privilege.of(named.name());
                if (p == null) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"%s\"", named.name());
                }
                if (named.columns() != null) {
                    if ((p.bit() & Privilege.ALL_COLUMN) == 0) {
                        throw DbException.of(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type %s for column",
                                p.keyword());
                    }
                    named.columns().forEach(c -> columnPrivileges.merge(c, p.bit(), (a, b) -> a | b));
                } else {
                    if ((p.bit() & allowed) == 0) {
                        throw DbException.of(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type %s for %s",
                                p.keyword(), kindWord);
                    }
                    tablePrivileges |= p.bit();
                }
            }
        }
        if (g.grant() && g.withGrantOption() && grantees.contains(Acl.PUBLIC)) {
            throw DbException.of(SqlState.INVALID_GRANT_OPERATION, "grant options can only be granted to roles");
        }
        for (GrantTargets.Target target : targets) {
            apply(g, view, target, grantees, tablePrivileges, columnPrivileges, g.privileges() == null);
            view = directory.view(txn);
        }
        return g.grant() ? "GRANT" : "REVOKE";
    }

    /**
     * {@code REASSIGN OWNED BY role [, ...] TO role}: every object an old role owns goes to the new
     * one, as PostgreSQL's, where the current role must have the privileges of all of them.
     */
    String reassign(String sql) {
        RoleTokens t = RoleTokens.of(sql);
        t.expect("reassign");
        t.expect("owned");
        t.expect("by");
        List<String> from = new ArrayList<>();
        do {
            from.add(roleName(t));
        } while (t.acceptSymbol(","));
        t.expect("to");
        String to = roleName(t);
        t.expectEnd();
        PrivilegeView view = directory.view(txn);
        String user = session.user();
        for (String name : from) {
            Role r = view.role(name);
            if (r == null) {
                throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name);
            }
            if (!view.hasPrivilegesOf(user, name)) {
                throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to reassign objects");
            }
        }
        if (view.role(to) == null) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", to);
        }
        if (!view.hasPrivilegesOf(user, to)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to reassign objects");
        }
        for (String name : from) {
            Role r = view.role(name);
            if (r.oid() == RoleStore.BOOTSTRAP_OID) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot reassign ownership of objects "
                        + "owned by role %s because they are required by the database system", name);
            }
            for (PrivilegeStore.Row row : view.objectRows()) {
                if (row.owner() == r.oid()) {
                    directory.ownerChanged(txn, row.object(), to);
                }
            }
        }
        return "REASSIGN OWNED";
    }

    private String roleName(RoleTokens t) {
        RoleTokens.Token next = t.peek();
        if (next.isWord("current_user") || next.isWord("session_user") || next.isWord("current_role")) {
            t.take();
            return session.user();
        }
        return t.name();
    }

    private static String kindWord(GrantStatement.TargetKind kind) {
        return switch (kind) {
            case TABLE, ALL_TABLES -> "relation";
            case SEQUENCE, ALL_SEQUENCES -> "sequence";
            case SCHEMA -> "schema";
            case FUNCTION, ALL_FUNCTIONS -> "function";
            case DATABASE -> "database";
            case NEW_TABLES, NEW_SEQUENCES, NEW_FUNCTIONS, NEW_TYPES, NEW_SCHEMAS -> throw new IllegalStateException(
                    "default privileges are DefaultPrivileges'");
        };
    }

    private static int allowed(GrantStatement.TargetKind kind) {
        return switch (kind) {
            case TABLE, ALL_TABLES -> Privilege.ALL_TABLE | Privilege.ALL_SEQUENCE;
            case SEQUENCE, ALL_SEQUENCES -> Privilege.ALL_SEQUENCE;
            case SCHEMA -> Privilege.ALL_SCHEMA;
            case FUNCTION, ALL_FUNCTIONS -> Privilege.ALL_FUNCTION;
            case DATABASE -> Privilege.ALL_DATABASE;
            case NEW_TABLES, NEW_SEQUENCES, NEW_FUNCTIONS, NEW_TYPES, NEW_SCHEMAS -> throw new IllegalStateException(
                    "default privileges are DefaultPrivileges'");
        };
    }

    private void apply(GrantStatement g, PrivilegeView view, GrantTargets.Target target, List<Long> grantees,
                       int requested, Map<String, Integer> columnRequested, boolean all) {
        ObjectRef ref = target.ref();
        int privileges = requested;
        if (ref.kind() == ObjectKind.SEQUENCE) {
            if (all) {
                privileges = Privilege.ALL_SEQUENCE;
            } else if ((privileges & ~Privilege.ALL_SEQUENCE) != 0) {
                if (g.target().kind() == GrantStatement.TargetKind.SEQUENCE) {
                    throw DbException.of(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type %s for sequence",
                            firstName(privileges & ~Privilege.ALL_SEQUENCE));
                }
                notices.accept(Notice.warning(SqlState.WARNING, String.format(
                        "sequence \"%s\" only supports USAGE, SELECT, and UPDATE privileges", target.name())));
                privileges &= Privilege.ALL_SEQUENCE;
            }
        } else if (ref.kind() == ObjectKind.RELATION) {
            if (all) {
                privileges = Privilege.ALL_TABLE;
            } else if ((privileges & ~Privilege.ALL_TABLE) != 0) {
                throw DbException.of(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type %s for table",
                        firstName(privileges & ~Privilege.ALL_TABLE));
            }
            for (String column : columnRequested.keySet()) {
                if (!target.columns().contains(column)) {
                    throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                            column, target.name());
                }
            }
        }
        String user = session.user();
        long owner = view.ownerOid(ref);
        Acl acl = view.aclOf(ref);
        long grantor;
        int options;
        int needed = privileges;
        for (int c : columnRequested.values()) {
            needed |= c;
        }
        if (view.isOwner(user, ref)) {
            grantor = owner;
            options = -1;
        } else {
            long self = view.role(user) == null ? -1 : view.role(user).oid();
            grantor = self;
            options = 0;
            int best = 0;
            for (long role : view.roles(user)) {
                int held = acl.options(role);
                for (Acl col : view.columnAcls(ref).values()) {
                    held |= col.options(role);
                }
                held &= needed;
                // the role itself when it holds every option, else the one holding the most (select_best_grantor)
                if (held == needed && role == self) {
                    best = Integer.MAX_VALUE;
                    grantor = role;
                    options = held;
                } else if (Integer.bitCount(held) > best) {
                    best = Integer.bitCount(held);
                    grantor = role;
                    options = held;
                }
            }
            if (options == 0) {
                boolean any = (acl.privileges(view.roles(user)) & (Privilege.ALL_TABLE | Privilege.ALL_SEQUENCE
                        | Privilege.ALL_SCHEMA | Privilege.ALL_DATABASE | Privilege.ALL_FUNCTION)) != 0;
                for (Acl col : view.columnAcls(ref).values()) {
                    any |= col.privileges(view.roles(user)) != 0;
                }
                if (!any) {
                    throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for %s %s", target.word(),
                            target.name());
                }
            }
        }
        int granted = privileges & options;
        Map<String, Integer> columns = new HashMap<>();
        for (Map.Entry<String, Integer> c : columnRequested.entrySet()) {
            columns.put(c.getKey(), c.getValue() & options);
        }
        if (options != -1) {
            // the owner grants whatever it asks; only what others lack the option for is reported
            warn(g, target, privileges, granted, columnRequested, columns);
        }
        boolean changed = false;
        if (privileges != 0 || columnRequested.isEmpty()) {
            Acl next = acl;
            for (long grantee : grantees) {
                next = g.grant() ? next.grant(grantee, grantor, granted, g.withGrantOption())
                        : next.revoke(grantee, grantor, granted, g.grantOptionFor(), g.cascade());
            }
            store.put(txn, new PrivilegeStore.Row(ref, "", owner, next));
            changed = true;
            if (!g.grant() && ref.kind() == ObjectKind.RELATION) {
                // a table-level REVOKE takes the same privileges from every column too
                for (Map.Entry<String, Acl> col : view.columnAcls(ref).entrySet()) {
                    columns.merge(col.getKey(), granted & Privilege.ALL_COLUMN, (a, b) -> a | b);
                }
            }
        }
        for (Map.Entry<String, Integer> col : columns.entrySet()) {
            Acl current = view.columnAclOf(ref, col.getKey());
            Acl next = current == null ? new Acl(List.of()) : current;
            for (long grantee : grantees) {
                next = g.grant() ? next.grant(grantee, grantor, col.getValue(), g.withGrantOption())
                        : next.revoke(grantee, grantor, col.getValue(), g.grantOptionFor(), g.cascade());
            }
            if (next.entries().isEmpty()) {
                store.delete(txn, r -> r.object().equals(ref) && r.column().equals(col.getKey()));
            } else {
                store.put(txn, new PrivilegeStore.Row(ref, col.getKey(), 0, next));
            }
            changed = true;
        }
        if (changed) {
            directory.versions().changed(txn);
        }
    }

    private void warn(GrantStatement g, GrantTargets.Target target, int privileges, int granted,
                      Map<String, Integer> columnRequested, Map<String, Integer> columns) {
        boolean none = granted == 0 && columns.values().stream().allMatch(b -> b == 0);
        boolean partial = granted != privileges || columns.entrySet().stream()
                .anyMatch(e -> !e.getValue().equals(columnRequested.get(e.getKey())));
        if (none) {
            notices.accept(Notice.warning(g.grant() ? NOT_GRANTED : NOT_REVOKED, String.format(g.grant()
                    ? "no privileges were granted for \"%s\"" : "no privileges could be revoked for \"%s\"",
                    target.name())));
        } else if (partial && g.privileges() != null) {
            notices.accept(Notice.warning(g.grant() ? NOT_GRANTED : NOT_REVOKED, String.format(g.grant()
                    ? "not all privileges were granted for \"%s\"" : "not all privileges could be revoked for \"%s\"",
                    target.name())));
        }
    }

    private static String firstName(int bits) {
        for (Privilege p : Privilege.values()) {
            if ((bits & p.bit()) != 0) {
                return p.keyword();
            }
        }
        return "";
    }
}
