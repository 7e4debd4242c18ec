package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * Roles and memberships kept as rows of two tables of the schema {@code pg_security}, through the
 * storage engine, so they are transactional and durable like any table. The schema is never
 * created as such: SQL cannot name a schema the storage engine does not list (and CREATE SCHEMA
 * refuses names starting with {@code pg_}), so no statement reads or writes these tables.
 */
public final class RoleStore {
    public static final String SCHEMA = "pg_security";
    static final String AUTHID = "pg_authid";
    static final String MEMBERS = "pg_auth_members";
    /** The bootstrap superuser's oid, as PostgreSQL's. */
    public static final long BOOTSTRAP_OID = 10;
    private static final long FIRST_OID = 16384;

    /** A membership: {@code member} was granted {@code role}. */
    public record Membership(long role, long member, long grantor, boolean adminOption) {
    }

    private final StorageEngine storage;
    private final PrivilegeVersions versions;

    public RoleStore(StorageEngine storage) {
        this(storage, null);
    }

    /** With {@code versions}, every change is counted there, so cached privilege views are refreshed. */
    public RoleStore(StorageEngine storage, PrivilegeVersions versions) {
        this.storage = storage;
        this.versions = versions;
    }

    private void changed(Transaction txn) {
        if (versions != null) {
            versions.changed(txn);
        }
    }

    public StorageEngine storage() {
        return storage;
    }

    /** Creates the tables when missing; true when it did. */
    public boolean ensureTables(Transaction txn) {
        if (storage.findTable(txn, SCHEMA, AUTHID).isPresent()) {
            return false;
        }
        storage.createTable(txn, new TableDefinition(SCHEMA, AUTHID, List.of(
                column("oid", SqlType.BIGINT, true), column("rolname", SqlType.TEXT, true),
                column("rolsuper", SqlType.BOOLEAN, true), column("rolinherit", SqlType.BOOLEAN, true),
                column("rolcreaterole", SqlType.BOOLEAN, true), column("rolcreatedb", SqlType.BOOLEAN, true),
                column("rolcanlogin", SqlType.BOOLEAN, true), column("rolconnlimit", SqlType.INTEGER, true),
                column("rolvaliduntil", SqlType.TIMESTAMPTZ, false), column("rolpassword", SqlType.TEXT, false)),
                List.of(new UniqueKey("pg_authid_rolname_index", List.of(1), true),
                        new UniqueKey("pg_authid_oid_index", List.of(0), false))));
        storage.createTable(txn, new TableDefinition(SCHEMA, MEMBERS, List.of(
                column("roleid", SqlType.BIGINT, true), column("member", SqlType.BIGINT, true),
                column("grantor", SqlType.BIGINT, true), column("admin_option", SqlType.BOOLEAN, true)),
                List.of(new UniqueKey("pg_auth_members_role_member_index", List.of(0, 1), true))));
        return true;
    }

    private static ColumnDefinition column(String name, SqlType type, boolean notNull) {
        return new ColumnDefinition(name, type, -1, notNull);
    }

    private TableHandle table(Transaction txn, String name) {
        return storage.findTable(txn, SCHEMA, name).orElseThrow(() -> DbException.of(SqlState.INTERNAL_ERROR,
                "the role tables are missing"));
    }

    /** Every role, ordered by name. */
    public List<Role> roles(Transaction txn) {
        List<Role> roles = new ArrayList<>();
        try (Rows rows = new Rows(storage.scan(txn, table(txn, AUTHID)))) {
            while (rows.cursor.next()) {
                roles.add(Role.fromRow(rows.cursor.row()));
            }
        }
        roles.sort(Comparator.comparing(Role::name));
        return roles;
    }

    public Optional<Role> find(Transaction txn, String name) {
        return roles(txn).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public long nextOid(Transaction txn) {
        long max = FIRST_OID - 1;
        for (Role r : roles(txn)) {
            max = Math.max(max, r.oid());
        }
        return max + 1;
    }

    /** Adds a role; 42710 if one of that name exists. */
    public void insert(Transaction txn, Role role) {
        if (find(txn, role.name()).isPresent()) {
            throw exists(role.name());
        }
        try {
            storage.insert(txn, table(txn, AUTHID), role.toRow());
            changed(txn);
        } catch (DbException e) {
            if (SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw exists(role.name()); // created meanwhile by another transaction
            }
            throw e;
        }
    }

    private static DbException exists(String name) {
        return DbException.of(SqlState.DUPLICATE_OBJECT, "role \"%s\" already exists", name);
    }

    /** Replaces the row of the role with {@code before}'s oid. */
    public void update(Transaction txn, Role before, Role after) {
        TableHandle table = table(txn, AUTHID);
        RowId id = locate(txn, table, before.oid(), 0);
        try {
            storage.update(txn, table, id, before.toRow(), after.toRow());
            changed(txn);
        } catch (DbException e) {
            if (SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw exists(after.name());
            }
            throw e;
        }
    }

    /** Removes a role and every membership it is part of. */
    public void delete(Transaction txn, Role role) {
        TableHandle table = table(txn, AUTHID);
        storage.delete(txn, table, locate(txn, table, role.oid(), 0), role.toRow());
        TableHandle members = table(txn, MEMBERS);
        List<RowId> gone = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        try (Rows rows = new Rows(storage.scan(txn, members))) {
            while (rows.cursor.next()) {
                Object[] row = rows.cursor.row();
                if ((Long) row[0] == role.oid() || (Long) row[1] == role.oid()) {
                    gone.add(rows.cursor.rowId());
                    values.add(row.clone());
                }
            }
        }
        for (int i = 0; i < gone.size(); i++) {
            storage.delete(txn, members, gone.get(i), values.get(i));
        }
        changed(txn);
    }

    public List<Membership> memberships(Transaction txn) {
        List<Membership> list = new ArrayList<>();
        try (Rows rows = new Rows(storage.scan(txn, table(txn, MEMBERS)))) {
            while (rows.cursor.next()) {
                Object[] row = rows.cursor.row();
                list.add(new Membership((Long) row[0], (Long) row[1], (Long) row[2], (Boolean) row[3]));
            }
        }
        return list;
    }

    /** Records a membership, replacing an existing one of the same pair. */
    public void grant(Transaction txn, Membership membership) {
        revoke(txn, membership.role(), membership.member());
        storage.insert(txn, table(txn, MEMBERS), new Object[] {membership.role(), membership.member(),
                membership.grantor(), membership.adminOption()});
        changed(txn);
    }

    /** Removes a membership; false when there was none. */
    public boolean revoke(Transaction txn, long role, long member) {
        TableHandle members = table(txn, MEMBERS);
        RowId found = null;
        Object[] values = null;
        try (Rows rows = new Rows(storage.scan(txn, members))) {
            while (rows.cursor.next()) {
                Object[] row = rows.cursor.row();
                if ((Long) row[0] == role && (Long) row[1] == member) {
                    found = rows.cursor.rowId();
                    values = row.clone();
                }
            }
        }
        if (found == null) {
            return false;
        }
        storage.delete(txn, members, found, values);
        changed(txn);
        return true;
    }

    private RowId locate(Transaction txn, TableHandle table, long key, int column) {
        try (Rows rows = new Rows(storage.scan(txn, table))) {
            while (rows.cursor.next()) {
                if ((Long) rows.cursor.row()[column] == key) {
                    return rows.cursor.rowId();
                }
            }
        }
        throw DbException.of(SqlState.UNDEFINED_OBJECT, "role with OID %d does not exist", key);
    }

    /** Closes a cursor in try-with-resources. */
    private record Rows(RowCursor cursor) implements AutoCloseable {
        @Override
        public void close() {
            cursor.close();
        }
    }
}
