package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.spi.security.AclItem;
import org.rustydb.spi.security.DefaultAcl;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privileges;

/**
 * The roles, memberships and privilege rows read at one moment, answering PostgreSQL's questions:
 * which roles' privileges a role uses (itself and, through INHERIT, the roles granted to it; the
 * database owner also pg_database_owner), what it holds on an object, and whether it may act as
 * the owner. Each role's set is computed once per view.
 */
public final class PrivilegeView implements Privileges {
    private final Map<String, Role> byName = new HashMap<>();
    private final Map<Long, Role> byOid = new HashMap<>();
    private final Map<Long, List<Long>> grantedTo = new HashMap<>();
    /** In stored order, as DROP ROLE lists them. */
    private final Map<ObjectRef, PrivilegeStore.Row> objects = new java.util.LinkedHashMap<>();
    private final Map<ObjectRef, Map<String, Acl>> columns = new HashMap<>();
    private final Map<String, Set<Long>> effective = new ConcurrentHashMap<>();
    private final List<DefaultAclStore.Row> defaults;

    public PrivilegeView(List<Role> roles, List<RoleStore.Membership> memberships, List<PrivilegeStore.Row> rows) {
        this(roles, memberships, rows, List.of());
    }

    public PrivilegeView(List<Role> roles, List<RoleStore.Membership> memberships, List<PrivilegeStore.Row> rows,
                         List<DefaultAclStore.Row> defaults) {
        this.defaults = List.copyOf(defaults);
        for (Role r : roles) {
            byName.put(r.name(), r);
            byOid.put(r.oid(), r);
        }
        for (RoleStore.Membership m : memberships) {
            grantedTo.computeIfAbsent(m.member(), k -> new ArrayList<>()).add(m.role());
        }
        for (PrivilegeStore.Row row : rows) {
            if (row.column().isEmpty()) {
                objects.put(row.object(), row);
            } else if (row.acl() != null) {
                columns.computeIfAbsent(row.object(), k -> new HashMap<>()).put(row.column(), row.acl());
            }
        }
    }

    public Role role(String name) {
        return byName.get(name);
    }

    public Role role(long oid) {
        return byOid.get(oid);
    }

    /** The role name of an oid as aclitem and the owner columns show it. */
    public String roleName(long oid) {
        if (oid == Acl.DATABASE_OWNER) {
            return "pg_database_owner";
        }
        Role r = byOid.get(oid);
        return r != null ? r.name() : String.valueOf(oid);
    }

    /** The roles whose privileges {@code role} uses; empty for an unknown role. */
    public Set<Long> roles(String role) {
        return effective.computeIfAbsent(role, this::compute);
    }

    private Set<Long> compute(String name) {
        Role start = byName.get(name);
        Set<Long> seen = new HashSet<>();
        if (start == null) {
            return seen;
        }
        List<Long> todo = new ArrayList<>(List.of(start.oid()));
        while (!todo.isEmpty()) {
            long next = todo.remove(todo.size() - 1);
            if (!seen.add(next)) {
                continue;
            }
            Role r = byOid.get(next);
            if (r != null && r.inherit()) {
                todo.addAll(grantedTo.getOrDefault(next, List.of()));
            }
        }
        if (seen.contains(RoleStore.BOOTSTRAP_OID)) {
            seen.add(Acl.DATABASE_OWNER); // the bootstrap superuser owns the database
        }
        return Set.copyOf(seen);
    }

    @Override
    public boolean isSuperuser(String role) {
        Role r = byName.get(role);
        return r != null && r.superuser();
    }

    @Override
    public boolean roleExists(String role) {
        return byName.containsKey(role);
    }

    /** The row of an object, or null when none was recorded. */
    public PrivilegeStore.Row row(ObjectRef object) {
        return objects.get(object);
    }

    @Override
    public long ownerOid(ObjectRef object) {
        PrivilegeStore.Row row = objects.get(object);
        if (row != null) {
            return row.owner();
        }
        return isPublicSchema(object) ? Acl.DATABASE_OWNER : RoleStore.BOOTSTRAP_OID;
    }

    private static boolean isPublicSchema(ObjectRef object) {
        return object.kind() == ObjectKind.SCHEMA && object.name().equals("public");
    }

    @Override
    public String owner(ObjectRef object) {
        return roleName(ownerOid(object));
    }

    /** The list in force, by oid. */
    public Acl aclOf(ObjectRef object) {
        PrivilegeStore.Row row = objects.get(object);
        if (row != null && row.acl() != null) {
            return row.acl();
        }
        if (row == null && isPublicSchema(object)) {
            return Acl.publicSchema();
        }
        return Acl.defaults(object.kind(), ownerOid(object));
    }

    public Acl columnAclOf(ObjectRef table, String column) {
        Map<String, Acl> map = columns.get(table);
        return map == null ? null : map.get(column);
    }

    /** The columns of a table that have lists of their own. */
    public Map<String, Acl> columnAcls(ObjectRef table) {
        return columns.getOrDefault(table, Map.of());
    }

    @Override
    public boolean has(String role, ObjectRef object, int privileges) {
        if (isSuperuser(role)) {
            return true;
        }
        return (aclOf(object).privileges(roles(role)) & privileges) == privileges;
    }

    @Override
    public boolean hasColumn(String role, ObjectRef table, String column, int privileges) {
        if (isSuperuser(role)) {
            return true;
        }
        Set<Long> mine = roles(role);
        int bits = aclOf(table).privileges(mine);
        Acl col = columnAclOf(table, column);
        if (col != null) {
            bits |= col.privileges(mine);
        }
        return (bits & privileges) == privileges;
    }

    @Override
    public boolean hasAnyColumn(String role, ObjectRef table, int privileges) {
        if (has(role, table, privileges)) {
            return true;
        }
        Set<Long> mine = roles(role);
        for (Acl col : columnAcls(table).values()) {
            if ((col.privileges(mine) & privileges) == privileges) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isOwner(String role, ObjectRef object) {
        return isSuperuser(role) || roles(role).contains(ownerOid(object));
    }

    @Override
    public boolean hasPrivilegesOf(String member, String role) {
        Role r = byName.get(role);
        if (r == null) {
            return role.equals("pg_database_owner") && roles(member).contains(Acl.DATABASE_OWNER);
        }
        return isSuperuser(member) || roles(member).contains(r.oid());
    }

    @Override
    public List<AclItem> acl(ObjectRef object) {
        PrivilegeStore.Row row = objects.get(object);
        if (row == null && isPublicSchema(object)) {
            return items(Acl.publicSchema());
        }
        return row == null || row.acl() == null ? null : items(row.acl());
    }

    @Override
    public List<AclItem> effectiveAcl(ObjectRef object) {
        return items(aclOf(object));
    }

    @Override
    public List<AclItem> columnAcl(ObjectRef table, String column) {
        Acl acl = columnAclOf(table, column);
        return acl == null ? null : items(acl);
    }

    private List<AclItem> items(Acl acl) {
        List<AclItem> list = new ArrayList<>();
        for (Acl.Entry e : acl.entries()) {
            list.add(new AclItem(e.grantee() == Acl.PUBLIC ? null : roleName(e.grantee()), roleName(e.grantor()),
                    e.privileges(), e.options()));
        }
        return list;
    }

    /** The ALTER DEFAULT PRIVILEGES entries. */
    List<DefaultAclStore.Row> defaultRows() {
        return defaults;
    }

    /** The entry of a role, schema ("" for all) and kind, or null. */
    DefaultAclStore.Row defaultRow(long role, String schema, ObjectKind kind) {
        return DefaultPrivileges.find(defaults, role, schema, kind);
    }

    @Override
    public List<DefaultAcl> defaultAcls() {
        List<DefaultAcl> list = new ArrayList<>();
        for (DefaultAclStore.Row r : defaults) {
            list.add(new DefaultAcl(r.role(), roleName(r.role()), r.schema().isEmpty() ? null : r.schema(), r.kind(),
                    items(r.acl())));
        }
        return list;
    }

    /** is_member_of_role: {@code member} is {@code role}, a superuser, or reaches it through grants, whatever INHERIT says. */
    boolean isMemberOf(String member, String role) {
        Role m = byName.get(member);
        Role r = byName.get(role);
        if (m == null || r == null) {
            return false;
        }
        if (m.superuser()) {
            return true;
        }
        Set<Long> seen = new HashSet<>();
        List<Long> todo = new ArrayList<>(List.of(m.oid()));
        while (!todo.isEmpty()) {
            long next = todo.remove(todo.size() - 1);
            if (next == r.oid()) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(grantedTo.getOrDefault(next, List.of()));
            }
        }
        return false;
    }

    /** Every recorded object row, for DROP ROLE's dependency check. */
    public List<PrivilegeStore.Row> objectRows() {
        return List.copyOf(objects.values());
    }

    public Map<ObjectRef, Map<String, Acl>> allColumnAcls() {
        return columns;
    }
}
