package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.Transaction;

/**
 * Runs the role statements in a transaction, with PostgreSQL 15's permission rules: superusers
 * may do anything; CREATEROLE roles manage non-superuser roles; anyone may change their own
 * password; GRANT also needs the admin option on the granted role. Returns the command tag.
 */
public final class RoleCommands {
    private final RoleStore store;
    private final Transaction txn;
    /** The current user, whose rights are checked. */
    private final String sessionUser;
    /** The session user, when SET ROLE made it differ from the current one: it cannot be dropped or renamed either. */
    private String realSessionUser;
    private final Consumer<Notice> notices;
    private final PrivilegeDirectory privileges;
    private RoleGraph graph;

    public RoleCommands(RoleStore store, Transaction txn, String sessionUser, Consumer<Notice> notices) {
        this(store, txn, sessionUser, notices, null);
    }

    /** With {@code privileges}, DROP ROLE refuses roles that own objects or hold privileges (2BP01). */
    public RoleCommands(RoleStore store, Transaction txn, String sessionUser, Consumer<Notice> notices,
                        PrivilegeDirectory privileges) {
        this.store = store;
        this.txn = txn;
        this.sessionUser = sessionUser;
        this.notices = notices;
        this.privileges = privileges;
        this.realSessionUser = sessionUser;
    }

    /** The session user, when it is not the current user (SET ROLE). */
    public RoleCommands withSessionUser(String name) {
        this.realSessionUser = name;
        return this;
    }

    /** Parses and runs one statement; returns its command tag. */
    public String run(String sql) {
        RoleStatement statement = RoleStatement.parse(sql);
        graph = new RoleGraph(store.roles(txn), store.memberships(txn));
        if (statement instanceof RoleStatement.Create c) {
            create(c);
            return "CREATE ROLE";
        } else if (statement instanceof RoleStatement.Alter a) {
            alter(a);
            return "ALTER ROLE";
        } else if (statement instanceof RoleStatement.Rename r) {
            rename(r);
            return "ALTER ROLE";
        } else if (statement instanceof RoleStatement.Drop d) {
            drop(d);
            return "DROP ROLE";
        } else if (statement instanceof RoleStatement.Grant g) {
            grant(g);
            return "GRANT ROLE";
        }
        revoke((RoleStatement.Revoke) statement);
        return "REVOKE ROLE";
    }

    private Role current() {
        Role r = graph.role(sessionUser);
        // a session opened without a role (no authentication) has no rights over roles
        return r != null ? r : Role.defaults(-1, sessionUser, false);
    }

    private Role require(String spec) {
        String name = resolve(spec);
        Role r = graph.role(name);
        if (r == null) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name);
        }
        return r;
    }

    private String resolve(String spec) {
        return GrantStatement.resolve(spec, sessionUser, realSessionUser);
    }

    private static void checkName(String name) {
        if (name.startsWith("pg_")) {
            throw DbException.of(SqlState.RESERVED_NAME, "role name \"%s\" is reserved", name)
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
        if (Set.of("public", "none").contains(name)) {
            throw DbException.of(SqlState.RESERVED_NAME, "role name \"%s\" is reserved", name);
        }
    }

    private static DbException denied(String message) {
        return DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }

    private void create(RoleStatement.Create c) {
        checkName(c.name());
        RoleStatement.Options o = c.options();
        if (o.sysid()) {
            notices.accept(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "SYSID can no longer be specified"));
        }
        Role me = current();
        if (Boolean.TRUE.equals(o.superuser()) && !me.superuser()) {
            throw denied("must be superuser to create superusers");
        }
        if (!me.superuser() && !me.createRole()) {
            throw denied("permission denied to create role");
        }
        if (graph.role(c.name()) != null) {
            throw DbException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", c.name());
        }
        List<Role> inRoles = new ArrayList<>();
        for (String name : o.inRoles()) {
            inRoles.add(require(name));
        }
        List<Role> members = new ArrayList<>();
        for (String name : o.members()) {
            members.add(require(name));
        }
        List<Role> admins = new ArrayList<>();
        for (String name : o.admins()) {
            admins.add(require(name));
        }
        Role role = apply(Role.defaults(store.nextOid(txn), c.name(), c.user()), o);
        store.insert(txn, role);
        for (Role parent : inRoles) {
            store.grant(txn, new RoleStore.Membership(parent.oid(), role.oid(), me.oid(), false));
        }
        for (Role member : members) {
            store.grant(txn, new RoleStore.Membership(role.oid(), member.oid(), me.oid(), false));
        }
        for (Role admin : admins) {
            store.grant(txn, new RoleStore.Membership(role.oid(), admin.oid(), me.oid(), true));
        }
    }

    /** The role with the attributes the options name changed. */
    private Role apply(Role r, RoleStatement.Options o) {
        String password = r.password();
        if (o.passwordGiven()) {
            password = encrypt(o.password(), r.name());
        }
        return new Role(r.oid(), r.name(), or(o.superuser(), r.superuser()), or(o.inherit(), r.inherit()),
                or(o.createRole(), r.createRole()), or(o.createDb(), r.createDb()), or(o.login(), r.canLogin()),
                o.connectionLimit() != null ? o.connectionLimit() : r.connectionLimit(),
                o.validUntilGiven() ? o.validUntil() : r.validUntil(), password);
    }

    private static boolean or(Boolean given, boolean current) {
        return given != null ? given : current;
    }

    /** What is stored for a password: hashes as given, anything else as a new SCRAM verifier. */
    private String encrypt(String password, String user) {
        if (password == null) {
            return null;
        }
        if (password.isEmpty()) {
            notices.accept(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                    "empty string is not a valid password, clearing password"));
            return null;
        }
        if (Md5Password.isMd5(password) || Scram.parse(password) != null) {
            return password;
        }
        return Scram.create(password).encode();
    }

    private void alter(RoleStatement.Alter a) {
        Role target = require(a.name());
        RoleStatement.Options o = a.options();
        Role me = current();
        if ((target.superuser() || o.superuser() != null) && !me.superuser()) {
            throw denied("must be superuser to alter superuser roles or change superuser attribute");
        }
        boolean ownPasswordOnly = target.oid() == me.oid() && o.superuser() == null && o.inherit() == null
                && o.createRole() == null && o.createDb() == null && o.login() == null
                && o.connectionLimit() == null && !o.validUntilGiven();
        if (!me.superuser() && !me.createRole() && !ownPasswordOnly) {
            throw denied("permission denied");
        }
        if (target.oid() == RoleStore.BOOTSTRAP_OID && Boolean.FALSE.equals(o.superuser())) {
            throw denied("permission denied: bootstrap user must be superuser");
        }
        store.update(txn, target, apply(target, o));
    }

    private void rename(RoleStatement.Rename r) {
        Role target = require(r.name());
        if (target.name().equals(realSessionUser)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        }
        if (target.name().equals(sessionUser)) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "current user cannot be renamed");
        }
        if (graph.role(r.newName()) != null) {
            throw DbException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", r.newName());
        }
        checkName(r.newName());
        Role me = current();
        if (target.superuser() && !me.superuser()) {
            throw denied("must be superuser to rename superusers");
        }
        if (!me.superuser() && !me.createRole()) {
            throw denied("permission denied to rename role");
        }
        Role renamed = target.withName(r.newName());
        if (Md5Password.isMd5(target.password())) {
            // the md5 hash includes the role name, so it no longer matches
            renamed = renamed.withPassword(null);
            notices.accept(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "MD5 password cleared because of role rename"));
        }
        store.update(txn, target, renamed);
    }

    private void drop(RoleStatement.Drop d) {
        Role me = current();
        if (!me.superuser() && !me.createRole()) {
            throw denied("permission denied to drop role"); // before any name is looked up, as in PostgreSQL
        }
        for (String name : d.names()) {
            Role target = graph.role(name);
            if (target == null) {
                if (!d.ifExists()) {
                    throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", name);
                }
                notices.accept(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        String.format("role \"%s\" does not exist, skipping", name)));
                continue;
            }
            if (target.name().equals(sessionUser)) {
                throw DbException.of(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
            }
            if (target.name().equals(realSessionUser)) {
                throw DbException.of(SqlState.OBJECT_IN_USE, "session user cannot be dropped");
            }
            if (target.superuser() && !me.superuser()) {
                throw denied("must be superuser to drop superusers");
            }
            if (target.oid() == RoleStore.BOOTSTRAP_OID) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop role %s because it is required by the database system", name);
            }
            if (privileges != null) {
                List<String> depending = RoleDependencies.of(privileges.view(txn), store.storage(), txn, target.oid());
                if (!depending.isEmpty()) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "role \"%s\" cannot be dropped because some objects depend on it", name)
                            .withDetail(String.join("\n", depending));
                }
            }
            store.delete(txn, target);
        }
    }

    private void checkGrantor(Role role) {
        Role me = current();
        if (me.superuser()) {
            return;
        }
        if (role.superuser()) {
            throw denied("must be superuser to alter superusers");
        }
        boolean admin = store.memberships(txn).stream()
                .anyMatch(m -> m.role() == role.oid() && m.member() == me.oid() && m.adminOption());
        if (!me.createRole() && !admin) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "must have admin option on role \"%s\"", role.name());
        }
    }

    private void grant(RoleStatement.Grant g) {
        List<Role> roles = g.roles().stream().map(this::require).toList();
        List<Role> grantees = g.grantees().stream().map(this::require).toList();
        Role me = current();
        for (Role role : roles) {
            checkGrantor(role);
            for (Role grantee : grantees) {
                // a cycle would make every role of it a member of itself
                if (graph.reachable(role.oid()).contains(grantee.oid())) {
                    throw DbException.of(SqlState.INVALID_GRANT_OPERATION, "role \"%s\" is a member of role \"%s\"",
                            role.name(), grantee.name());
                }
                RoleStore.Membership existing = membership(role, grantee);
                if (existing != null && (existing.adminOption() || !g.adminOption())) {
                    notices.accept(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, String.format(
                            "role \"%s\" is already a member of role \"%s\"", grantee.name(), role.name())));
                    continue;
                }
                store.grant(txn, new RoleStore.Membership(role.oid(), grantee.oid(), me.oid(), g.adminOption()));
                graph = new RoleGraph(store.roles(txn), store.memberships(txn));
            }
        }
    }

    private RoleStore.Membership membership(Role role, Role member) {
        return store.memberships(txn).stream().filter(m -> m.role() == role.oid() && m.member() == member.oid())
                .findFirst().orElse(null);
    }

    private void revoke(RoleStatement.Revoke r) {
        List<Role> roles = r.roles().stream().map(this::require).toList();
        List<Role> grantees = r.grantees().stream().map(this::require).toList();
        for (Role role : roles) {
            checkGrantor(role);
            for (Role grantee : grantees) {
                RoleStore.Membership existing = membership(role, grantee);
                if (existing == null) {
                    notices.accept(Notice.warning(SqlState.WARNING, String.format(
                            "role \"%s\" is not a member of role \"%s\"", grantee.name(), role.name())));
                } else if (r.adminOptionOnly()) {
                    store.grant(txn, new RoleStore.Membership(existing.role(), existing.member(), existing.grantor(),
                            false));
                } else {
                    store.revoke(txn, role.oid(), grantee.oid());
                }
            }
        }
    }
}
