package org.rustydb.execution.internal.catalog;

import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.spi.security.AclItem;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.security.Privileges;
import org.rustydb.spi.storage.ColumnDefinition;

/**
 * information_schema's table_privileges, role_table_grants and column_privileges, as PostgreSQL
 * computes them from the access control lists of tables and views (the default list when none was
 * recorded): one row per privilege, shown when the current role has the privileges of its
 * grantor or grantee or it was granted to PUBLIC (role_table_grants: not PUBLIC's alone).
 */
final class PrivilegeViews {
    private static final String IS = CatalogReader.INFORMATION_SCHEMA;
    private static final List<Privilege> TABLE = List.of(Privilege.INSERT, Privilege.SELECT, Privilege.UPDATE,
            Privilege.DELETE, Privilege.TRUNCATE, Privilege.REFERENCES, Privilege.TRIGGER);
    private static final List<Privilege> COLUMN = List.of(Privilege.INSERT, Privilege.SELECT, Privilege.UPDATE,
            Privilege.REFERENCES);

    private PrivilegeViews() {
    }

    static List<SystemTable> tables() {
        return List.of(tablePrivileges("table_privileges", true), tablePrivileges("role_table_grants", false),
                columnPrivileges(), defaultAcl());
    }

    /** pg_default_acl: the entries of ALTER DEFAULT PRIVILEGES (none without the security bundle). */
    private static SystemTable defaultAcl() {
        return new SystemTable.Builder(org.rustydb.execution.internal.settings.SearchPath.PG_CATALOG, "pg_default_acl")
                .col("oid", CatalogTypes.OID).col("defaclrole", CatalogTypes.OID)
                .col("defaclnamespace", CatalogTypes.OID).col("defaclobjtype", CatalogTypes.CHAR)
                .col("defaclacl", CatalogTypes.TEXT_ARRAY)
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    var p = r.privileges();
                    if (p != null) {
                        for (var d : p.defaultAcls()) {
                            String type = String.valueOf(d.objectType());
                            out.add(new Object[] {Oids.hash("defacl", d.role() + "/" + d.schema(), type),
                                    (int) d.roleOid(),
                                    d.schema() == null ? 0 : Oids.namespace(d.schema()), type,
                                    d.acl().stream().map(org.rustydb.spi.security.AclItem::text).toList()});
                        }
                    }
                    return out;
                });
    }

    /** A relation of a user schema: its reference and columns. */
    private record Rel(String schema, String name, List<ColumnDefinition> columns) {
        ObjectRef ref() {
            return ObjectRef.relation(schema, name);
        }
    }

    private static List<Rel> relations(CatalogReader r) {
        List<Rel> out = new ArrayList<>();
        r.tables().forEach(t -> out.add(new Rel(t.definition().schema(), t.definition().name(),
                t.definition().columns())));
        r.views().forEach(v -> out.add(new Rel(v.definition().schema(), v.definition().name(),
                v.definition().columns())));
        return out;
    }

    private static boolean shown(CatalogReader r, Privileges p, AclItem item, boolean publicToo) {
        String user = r.session().user();
        return item.grantee() == null ? publicToo || p.hasPrivilegesOf(user, item.grantor())
                : p.hasPrivilegesOf(user, item.grantor()) || p.hasPrivilegesOf(user, item.grantee());
    }

    private static String grantable(Privileges p, ObjectRef ref, AclItem item, Privilege privilege) {
        boolean yes = (item.grantOptions() & privilege.bit()) != 0
                || item.grantee() != null && p.hasPrivilegesOf(item.grantee(), p.owner(ref));
        return yes ? "YES" : "NO";
    }

    private static SystemTable tablePrivileges(String name, boolean publicToo) {
        return new SystemTable.Builder(IS, name).cols(TEXT, "grantor", "grantee", "table_catalog", "table_schema",
                        "table_name", "privilege_type", "is_grantable", "with_hierarchy")
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    Privileges p = r.privileges();
                    if (p == null) {
                        return out;
                    }
                    for (Rel rel : relations(r)) {
                        for (AclItem item : p.effectiveAcl(rel.ref())) {
                            if (!shown(r, p, item, publicToo)) {
                                continue;
                            }
                            for (Privilege privilege : TABLE) {
                                if ((item.privileges() & privilege.bit()) != 0) {
                                    out.add(new Object[] {item.grantor(), item.grantee() == null ? "PUBLIC"
                                            : item.grantee(), r.session().database(), rel.schema(), rel.name(),
                                            privilege.keyword(), grantable(p, rel.ref(), item, privilege),
                                            privilege == Privilege.SELECT ? "YES" : "NO"});
                                }
                            }
                        }
                    }
                    return out;
                });
    }

    private static SystemTable columnPrivileges() {
        return new SystemTable.Builder(IS, "column_privileges").cols(TEXT, "grantor", "grantee", "table_catalog",
                        "table_schema", "table_name", "column_name", "privilege_type", "is_grantable")
                .rows(r -> {
                    List<Object[]> out = new ArrayList<>();
                    Privileges p = r.privileges();
                    if (p == null) {
                        return out;
                    }
                    for (Rel rel : relations(r)) {
                        for (ColumnDefinition c : rel.columns()) {
                            List<AclItem> items = new ArrayList<>(p.effectiveAcl(rel.ref()));
                            List<AclItem> own = p.columnAcl(rel.ref(), c.name());
                            if (own != null) {
                                items.addAll(own);
                            }
                            for (AclItem item : items) {
                                if (!shown(r, p, item, true)) {
                                    continue;
                                }
                                for (Privilege privilege : COLUMN) {
                                    if ((item.privileges() & privilege.bit()) != 0) {
                                        out.add(new Object[] {item.grantor(), item.grantee() == null ? "PUBLIC"
                                                : item.grantee(), r.session().database(), rel.schema(), rel.name(),
                                                c.name(), privilege.keyword(), grantable(p, rel.ref(), item, privilege)});
                                    }
                                }
                            }
                        }
                    }
                    return out;
                });
    }
}
