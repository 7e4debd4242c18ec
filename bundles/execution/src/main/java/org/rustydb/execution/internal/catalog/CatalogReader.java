package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * What the system catalogs are computed from: the storage catalog as one transaction sees it,
 * read once per reader (a scan), without the temporary relations of other sessions, which
 * PostgreSQL lists but no client of this one can use.
 */
public final class CatalogReader {
    public static final String INFORMATION_SCHEMA = "information_schema";

    private final SessionContext session;
    private final Transaction txn;
    private List<TableHandle> tables;
    private List<ViewHandle> views;
    private List<SequenceHandle> sequences;
    private final Map<TableHandle, List<IndexHandle>> indexes = new LinkedHashMap<>();

    public CatalogReader(SessionContext session, Transaction txn) {
        this.session = session;
        this.txn = txn;
    }

    public SessionContext session() {
        return session;
    }

    public Transaction transaction() {
        return txn;
    }

    private List<org.rustydb.spi.security.RoleInfo> roles;

    /**
     * The roles, read once per statement from the security bundle's catalog; without one, the
     * session user alone, as the bootstrap superuser.
     */
    public List<org.rustydb.spi.security.RoleInfo> roles() {
        if (roles == null) {
            roles = session.roleCatalog().map(c -> c.roles(txn)).orElseGet(() -> List.of(
                    new org.rustydb.spi.security.RoleInfo(Oids.BOOTSTRAP_ROLE, session.user(), true, true, true, true,
                            true, -1, null, false, List.of())));
        }
        return roles;
    }

    private org.rustydb.spi.security.Privileges privileges;
    private boolean privilegesRead;

    /** Owners and privileges from the security bundle, read once per statement; null without it. */
    public org.rustydb.spi.security.Privileges privileges() {
        if (!privilegesRead) {
            privileges = org.rustydb.execution.internal.privilege.AccessControl.view(session, txn);
            privilegesRead = true;
        }
        return privileges;
    }

    /** The owner's oid of an object: the bootstrap superuser without the security bundle ({@code public}: pg_database_owner). */
    public int ownerOid(org.rustydb.spi.security.ObjectRef object) {
        var p = privileges();
        if (p == null) {
            return object.kind() == org.rustydb.spi.security.ObjectKind.SCHEMA && object.name().equals(SearchPath.PUBLIC)
                    ? Oids.DATABASE_OWNER_ROLE : Oids.BOOTSTRAP_ROLE;
        }
        return (int) p.ownerOid(object);
    }

    /** The owner's name; the session's user without the security bundle. */
    public String ownerName(org.rustydb.spi.security.ObjectRef object) {
        var p = privileges();
        return p == null ? session.user() : p.owner(object);
    }

    /** An object's access control list as aclitem texts, or null for the default (as relacl shows it). */
    public List<String> acl(org.rustydb.spi.security.ObjectRef object) {
        var p = privileges();
        var items = p == null ? null : p.acl(object);
        return items == null ? null : items.stream().map(org.rustydb.spi.security.AclItem::text).toList();
    }

    /** A column's own list (attacl), or null. */
    public List<String> columnAcl(org.rustydb.spi.security.ObjectRef table, String column) {
        var p = privileges();
        var items = p == null ? null : p.columnAcl(table, column);
        return items == null ? null : items.stream().map(org.rustydb.spi.security.AclItem::text).toList();
    }

    /** The object a pg_class row stands for, for its owner and list (an index: its table). */
    static org.rustydb.spi.security.ObjectRef objectOf(Relations.Rel rel) {
        if (rel.kind() == 'S') {
            return org.rustydb.spi.security.ObjectRef.sequence(rel.schema(), rel.name());
        }
        if (rel.kind() == 'i' && rel.table() != null) {
            return org.rustydb.spi.security.ObjectRef.relation(rel.schema(), rel.table().definition().name());
        }
        return org.rustydb.spi.security.ObjectRef.relation(rel.schema(), rel.name());
    }

    /** A role's name by oid (objects are owned by the bootstrap superuser). */
    public String userName(int oid) {
        if (oid == Oids.DATABASE_OWNER_ROLE) {
            return "pg_database_owner";
        }
        for (org.rustydb.spi.security.RoleInfo role : roles()) {
            if (role.oid() == oid) {
                return role.name();
            }
        }
        return null;
    }

    /** The schemas pg_namespace lists: the built-in ones, those of storage and the session's temporary schema. */
    public List<String> schemas() {
        List<String> out = new ArrayList<>(List.of(SearchPath.PG_CATALOG, SearchPath.PUBLIC, INFORMATION_SCHEMA));
        for (String s : session.storage().listSchemas(txn)) {
            if (!out.contains(s) && !foreignTemporary(s)) {
                out.add(s);
            }
        }
        boolean hasTemp = tables().stream().anyMatch(t -> t.definition().schema().equals(session.temporarySchema()));
        if (hasTemp && !out.contains(session.temporarySchema())) {
            out.add(session.temporarySchema());
        }
        if (!session.storage().schemaExists(txn, SearchPath.PUBLIC)) {
            out.remove(SearchPath.PUBLIC);
        }
        return out;
    }

    /**
     * Another session's temporary schema, or a bundle's hidden one (the security bundle's roles and
     * privileges): a {@code pg_} schema the storage engine keeps tables in without listing it.
     */
    private boolean foreignTemporary(String schema) {
        if (!schema.startsWith("pg_") || schema.equals(session.temporarySchema())) {
            return false;
        }
        if (schema.startsWith("pg_temp_")) {
            return true;
        }
        if (listedSchemas == null) {
            listedSchemas = java.util.Set.copyOf(session.storage().listSchemas(txn));
        }
        return !listedSchemas.contains(schema);
    }

    private java.util.Set<String> listedSchemas;

    public List<TableHandle> tables() {
        if (tables == null) {
            tables = session.storage().listTables(txn).stream()
                    .filter(t -> !foreignTemporary(t.definition().schema())).toList();
        }
        return tables;
    }

    public List<ViewHandle> views() {
        if (views == null) {
            views = session.storage().listViews(txn).stream()
                    .filter(v -> !foreignTemporary(v.definition().schema())).toList();
        }
        return views;
    }

    public List<SequenceHandle> sequences() {
        if (sequences == null) {
            sequences = session.storage().listSequences(txn).stream()
                    .filter(s -> !foreignTemporary(s.definition().schema())).toList();
        }
        return sequences;
    }

    public List<IndexHandle> indexes(TableHandle table) {
        return indexes.computeIfAbsent(table, t -> session.storage().indexes(txn, t));
    }

    public TableHandle tableByOid(int oid) {
        for (TableHandle t : tables()) {
            if (Oids.relation(t.definition().schema(), t.definition().name()) == oid) {
                return t;
            }
        }
        return null;
    }

    /** The schemas an unqualified name is looked up in, pg_catalog where PostgreSQL searches it. */
    public List<String> searchedSchemas() {
        List<String> path = new ArrayList<>(SearchPath.lookupSchemas(session, txn));
        if (!path.contains(SearchPath.PG_CATALOG)) {
            path.add(path.isEmpty() || !path.get(0).equals(session.temporarySchema()) ? 0 : 1, SearchPath.PG_CATALOG);
        }
        return path;
    }

    public boolean temporary(String schema) {
        return schema.equals(session.temporarySchema());
    }

    /** pg_attribute.atttypmod as PostgreSQL encodes it (a header of 4 for lengths and numeric). */
    public static int pgTypmod(SqlType type, int typmod) {
        if (typmod < 0) {
            return -1;
        }
        return switch (type) {
            case VARCHAR, CHAR, NUMERIC, VARCHAR_ARRAY, NUMERIC_ARRAY -> typmod + 4;
            default -> typmod;
        };
    }
}
