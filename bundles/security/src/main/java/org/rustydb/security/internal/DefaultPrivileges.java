package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.txn.Transaction;

/**
 * ALTER DEFAULT PRIVILEGES, as PostgreSQL 15's ExecAlterDefaultPrivilegesStmt and SetDefaultACL:
 * {@code ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...] [IN SCHEMA s, ...] GRANT|REVOKE ... ON
 * TABLES|SEQUENCES|FUNCTIONS|SCHEMAS TO|FROM ...}. An entry for all schemas starts from the
 * built-in list of the kind and replaces it; one for a schema starts empty and adds to it. An entry
 * that comes back to where it started is removed. The grantor is always the role whose new objects
 * it is for, and {@link #forNew} gives a new object its list (get_user_default_acl).
 */
final class DefaultPrivileges {
    private final SessionContext session;
    private final Transaction txn;
    private final PrivilegeDirectory directory;
    private final DefaultAclStore store;

    DefaultPrivileges(SessionContext session, Transaction txn, PrivilegeDirectory directory) {
        this.session = session;
        this.txn = txn;
        this.directory = directory;
        this.store = new DefaultAclStore(session.storage());
    }

    /**
     * The list a new object owned by {@code owner} gets, or null for the built-in default: the
     * entry for all schemas (else the built-in list) with the entry for its schema added.
     */
    static Acl forNew(List<DefaultAclStore.Row> defaults, long owner, ObjectRef object) {
        ObjectKind kind = object.kind();
        if (kind == ObjectKind.DATABASE || defaults.isEmpty()) {
            return null;
        }
        DefaultAclStore.Row all = find(defaults, owner, "", kind);
        DefaultAclStore.Row inSchema = object.schema() == null ? null : find(defaults, owner, object.schema(), kind);
        if (all == null && inSchema == null) {
            return null;
        }
        Acl builtin = Acl.defaults(kind, owner);
        Acl acl = all != null ? all.acl() : builtin;
        if (inSchema != null) {
            for (Acl.Entry e : inSchema.acl().entries()) {
                acl = acl.grant(e.grantee(), e.grantor(), e.privileges(), false)
                        .grant(e.grantee(), e.grantor(), e.options(), true);
            }
        }
        return same(acl, builtin) ? null : acl;
    }

    static DefaultAclStore.Row find(List<DefaultAclStore.Row> defaults, long role, String schema, ObjectKind kind) {
        for (DefaultAclStore.Row r : defaults) {
            if (r.role() == role && r.schema().equals(schema) && r.kind() == kind) {
                return r;
            }
        }
        return null;
    }

    private static boolean same(Acl a, Acl b) {
        return new HashSet<>(a.entries()).equals(new HashSet<>(b.entries()));
    }

    /** Parses and runs one statement; returns its command tag. */
    String run(String sql) {
        RoleTokens t = RoleTokens.of(sql);
        t.expect("alter");
        t.expect("default");
        t.expect("privileges");
        List<String> roles = null;
        List<String> schemas = null;
        while (t.peek().isWord("for") || t.peek().isWord("in")) {
            if (t.accept("for")) {
                if (!t.accept("role")) {
                    t.expect("user");
                }
                if (roles != null) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
                }
                roles = roleSpecs(t);
            } else {
                t.take();
                t.expect("schema");
                if (schemas != null) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
                }
                schemas = t.names();
            }
        }
        GrantStatement g = GrantStatement.parse(t, true);
        PrivilegeView view = directory.view(txn);
        List<Long> grantees = new ArrayList<>();
        for (String name : g.grantees()) {
            grantees.add(name == null ? Acl.PUBLIC : oid(view, name));
        }
        ObjectKind kind = kind(g.target().kind());
        int privileges = privileges(g, g.target().kind());
        if (kind == null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "default privileges for types are not supported");
        }
        List<Long> owners = new ArrayList<>();
        if (roles == null) {
            owners.add(oid(view, session.user()));
        } else {
            for (String spec : roles) {
                String role = GrantStatement.resolve(spec, session.user(), session.sessionUser());
                long oid = oid(view, role);
                if (!view.isMemberOf(session.user(), role)) {
                    throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"%s\"", role);
                }
                owners.add(oid);
            }
        }
        for (long owner : owners) {
            if (schemas == null) {
                set(view, g, owner, "", kind, grantees, privileges);
            } else {
                for (String schema : schemas) {
                    if (!session.storage().schemaExists(txn, schema)) {
                        throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
                    }
                    if (kind == ObjectKind.SCHEMA) {
                        throw DbException.of("0LP01", "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
                    }
                    set(view, g, owner, schema, kind, grantees, privileges);
                }
            }
            view = directory.view(txn);
        }
        return "ALTER DEFAULT PRIVILEGES";
    }

    /** SetDefaultACL: the entry changed, or removed when it is back to where it starts. */
    private void set(PrivilegeView view, GrantStatement g, long owner, String schema, ObjectKind kind,
                     List<Long> grantees, int privileges) {
        Acl start = schema.isEmpty() ? Acl.defaults(kind, owner) : new Acl(List.of());
        DefaultAclStore.Row row = view.defaultRow(owner, schema, kind);
        Acl acl = row != null ? row.acl() : start;
        for (long grantee : grantees) {
            acl = g.grant() ? acl.grant(grantee, owner, privileges, g.withGrantOption())
                    : acl.revoke(grantee, owner, privileges, g.grantOptionFor(), g.cascade());
        }
        DefaultAclStore.Row changed = new DefaultAclStore.Row(owner, schema, kind, acl);
        if (same(acl, start)) {
            store.delete(txn, r -> r.sameKey(changed));
        } else {
            store.put(txn, changed);
        }
        directory.versions().changed(txn);
    }

    private static List<String> roleSpecs(RoleTokens t) {
        List<String> names = new ArrayList<>();
        do {
            names.add(GrantStatement.roleSpec(t));
        } while (t.acceptSymbol(","));
        return names;
    }

    private long oid(PrivilegeView view, String spec) {
        String name = GrantStatement.resolve(spec, session.user(), session.sessionUser());
        Role role = view.role(name);
        if (role == null) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name);
        }
        return role.oid();
    }

    private static ObjectKind kind(GrantStatement.TargetKind target) {
        return switch (target) {
            case NEW_TABLES -> ObjectKind.RELATION;
            case NEW_SEQUENCES -> ObjectKind.SEQUENCE;
            case NEW_FUNCTIONS -> ObjectKind.FUNCTION;
            case NEW_SCHEMAS -> ObjectKind.SCHEMA;
            default -> null;
        };
    }

    /** The privileges named, checked against the kind as PostgreSQL does (0LP01, 42601). */
    private static int privileges(GrantStatement g, GrantStatement.TargetKind target) {
        int all;
        String word;
        switch (target) {
            case NEW_TABLES -> {
                all = Privilege.ALL_TABLE;
                word = "relation";
            }
            case NEW_SEQUENCES -> {
                all = Privilege.ALL_SEQUENCE;
                word = "sequence";
            }
            case NEW_FUNCTIONS -> {
                all = Privilege.ALL_FUNCTION;
                word = "function";
            }
            case NEW_SCHEMAS -> {
                all = Privilege.ALL_SCHEMA;
                word = "schema";
            }
            default -> {
                all = Privilege.USAGE.bit();
                word = "type";
            }
        }
        if (g.allColumns() != null) {
            throw DbException.of("0LP01", "default privileges cannot be set for columns");
        }
        if (g.privileges() == null) {
            return all;
        }
        int bits = 0;
        for (GrantStatement.Named named : g.privileges()) {
            if (named.columns() != null) {
                throw DbException.of("0LP01", "default privileges cannot be set for columns");
            }
            Privilege p = Privilege.of(named.name());
            if (p == null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"%s\"", named.name());
            }
            if ((p.bit() & all) == 0) {
                throw DbException.of("0LP01", "invalid privilege type %s for %s", p.keyword(), word);
            }
            bits |= p.bit();
        }
        return bits;
    }
}
