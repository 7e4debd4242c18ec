package org.rustydb.execution.internal.catalog;

import static org.rustydb.execution.internal.catalog.CatalogTypes.BOOL;
import static org.rustydb.execution.internal.catalog.CatalogTypes.CHAR;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT2;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT2_ARRAY;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT4;
import static org.rustydb.execution.internal.catalog.CatalogTypes.INT8;
import static org.rustydb.execution.internal.catalog.CatalogTypes.NAME;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID;
import static org.rustydb.execution.internal.catalog.CatalogTypes.OID_ARRAY;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TEXT_ARRAY;
import static org.rustydb.execution.internal.catalog.CatalogTypes.TIMESTAMPTZ;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.settings.Settings;

/**
 * The smaller pg_catalog relations: access methods, the database, roles, settings, and those
 * that stay empty because their features do not exist (descriptions, inheritance, triggers,
 * policies, extended statistics, publications), which psql still reads.
 */
final class PgMiscTables {
    private static final String PG = SearchPath.PG_CATALOG;

    private PgMiscTables() {
    }

    static List<SystemTable> tables() {
        List<SystemTable> out = new ArrayList<>(List.of(am(), database(), roles("pg_roles"), roles("pg_authid"), user(),
                authMembers(),
                collation(), tablespace(), extension(), settings()));
        out.addAll(empty());
        return out;
    }

    private static SystemTable am() {
        return b("pg_am").col("oid", OID).col("amname", NAME).col("amhandler", TEXT).col("amtype", CHAR)
                .rows(r -> List.<Object[]>of(new Object[] {Oids.HEAP_AM, "heap", "heap_tableam_handler", "t"},
                        new Object[] {Oids.BTREE_AM, "btree", "bthandler", "i"}));
    }

    private static SystemTable database() {
        return b("pg_database").col("oid", OID).col("datname", NAME).col("datdba", OID).col("encoding", INT4)
                .col("datlocprovider", CHAR).cols(BOOL, "datistemplate", "datallowconn").col("datconnlimit", INT4)
                .cols(INT4, "datfrozenxid", "datminmxid").col("dattablespace", OID)
                .cols(TEXT, "datcollate", "datctype", "daticulocale", "datcollversion").col("datacl", TEXT_ARRAY)
                .rows(r -> List.<Object[]>of(new Object[] {Oids.DATABASE, r.session().database(),
                        r.ownerOid(org.rustydb.spi.security.ObjectRef.database(r.session().database())), 6, "c",
                        false, true, -1, 0, 0, Oids.DEFAULT_TABLESPACE, "C.UTF-8", "C.UTF-8", null, null,
                        r.acl(org.rustydb.spi.security.ObjectRef.database(r.session().database()))}));
    }

    /** The roles of the security bundle (without it, the session user as the superuser). */
    private static SystemTable roles(String name) {
        return b(name).col("oid", OID).col("rolname", NAME)
                .cols(BOOL, "rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin", "rolreplication",
                        "rolbypassrls")
                .col("rolconnlimit", INT4).col("rolpassword", TEXT).col("rolvaliduntil", TIMESTAMPTZ)
                .col("rolconfig", TEXT_ARRAY)
                .rows(r -> r.roles().stream().map(role -> new Object[] {(int) role.oid(), role.name(), role.superuser(),
                        role.inherit(), role.createRole(), role.createDb(), role.canLogin(), role.superuser(),
                        role.superuser(), role.connectionLimit(),
                        name.equals("pg_roles") ? "********" : null, role.validUntil(), null}).toList());
    }

    private static SystemTable user() {
        return b("pg_user").col("usename", NAME).col("usesysid", OID)
                .cols(BOOL, "usecreatedb", "usesuper", "userepl", "usebypassrls").col("passwd", TEXT)
                .col("valuntil", TIMESTAMPTZ).col("useconfig", TEXT_ARRAY)
                .rows(r -> r.roles().stream().filter(org.rustydb.spi.security.RoleInfo::canLogin)
                        .map(role -> new Object[] {role.name(), (int) role.oid(), role.createDb(), role.superuser(),
                                role.superuser(), role.superuser(), "********", role.validUntil(), null}).toList());
    }

    /** Role memberships: GRANT role TO role. */
    private static SystemTable authMembers() {
        return b("pg_auth_members").col("oid", OID).col("roleid", OID).col("member", OID).col("grantor", OID)
                .col("admin_option", BOOL)
                .rows(r -> {
                    java.util.Map<String, Integer> oids = new java.util.HashMap<>();
                    r.roles().forEach(role -> oids.put(role.name(), (int) role.oid()));
                    List<Object[]> out = new ArrayList<>();
                    for (org.rustydb.spi.security.RoleInfo role : r.roles()) {
                        for (String granted : role.memberOf()) {
                            Integer roleId = oids.get(granted);
                            if (roleId != null) {
                                out.add(new Object[] {null, roleId, (int) role.oid(), Oids.BOOTSTRAP_ROLE, false});
                            }
                        }
                    }
                    return out;
                });
    }

    private static SystemTable collation() {
        return b("pg_collation").col("oid", OID).col("collname", NAME).col("collnamespace", OID)
                .col("collowner", OID).cols(CHAR, "collprovider").cols(BOOL, "collisdeterministic")
                .col("collencoding", INT4).cols(TEXT, "collcollate", "collctype", "colliculocale", "collversion")
                .rows(r -> List.<Object[]>of(new Object[] {Oids.DEFAULT_COLLATION, "default", Oids.PG_CATALOG_NAMESPACE,
                        Oids.BOOTSTRAP_ROLE, "d", true, -1, null, null, null, null}));
    }

    private static SystemTable tablespace() {
        return b("pg_tablespace").col("oid", OID).col("spcname", NAME).col("spcowner", OID)
                .col("spcacl", TEXT_ARRAY).col("spcoptions", TEXT_ARRAY)
                .rows(r -> List.<Object[]>of(new Object[] {Oids.DEFAULT_TABLESPACE, "pg_default", Oids.BOOTSTRAP_ROLE, null, null},
                        new Object[] {1664, "pg_global", Oids.BOOTSTRAP_ROLE, null, null}));
    }

    private static SystemTable extension() {
        return b("pg_extension").col("oid", OID).col("extname", NAME).col("extowner", OID).col("extnamespace", OID)
                .col("extrelocatable", BOOL).col("extversion", TEXT).col("extconfig", OID_ARRAY)
                .col("extcondition", TEXT_ARRAY).empty();
    }

    private static SystemTable settings() {
        return b("pg_settings").cols(TEXT, "name", "setting", "unit", "category", "short_desc", "extra_desc",
                        "context", "vartype", "source", "min_val", "max_val").col("enumvals", TEXT_ARRAY)
                .cols(TEXT, "boot_val", "reset_val", "sourcefile").col("sourceline", INT4).col("pending_restart", BOOL)
                .rows(PgMiscTables::settingRows);
    }

    /** The session's settings, then the fixed limits drivers read (pgjdbc's max_index_keys). */
    private static List<Object[]> settingRows(CatalogReader r) {
        List<Object[]> out = new ArrayList<>();
        for (Settings.Row s : Settings.showAll(r.session())) {
            out.add(new Object[] {s.name(), s.setting(), null, null, s.description(), null, "user", "string",
                    "default", null, null, null, null, null, null, null, false});
        }
        for (String[] fixed : new String[][] {{"max_index_keys", "32", "Shows the maximum number of index keys."},
                {"max_identifier_length", "63", "Shows the maximum identifier length."},
                {"block_size", "8192", "Shows the size of a disk block."}}) {
            if (out.stream().noneMatch(row -> row[0].equals(fixed[0]))) {
                out.add(new Object[] {fixed[0], fixed[1], null, "Preset Options", fixed[2], null, "internal",
                        "integer", "default", fixed[1], fixed[1], null, fixed[1], fixed[1], null, null, false});
            }
        }
        return out;
    }

    /** Relations psql or drivers read that have no rows here. */
    private static List<SystemTable> empty() {
        return List.of(
                b("pg_description").col("objoid", OID).col("classoid", OID).col("objsubid", INT4)
                        .col("description", TEXT).empty(),
                b("pg_shdescription").col("objoid", OID).col("classoid", OID).col("description", TEXT).empty(),
                b("pg_inherits").col("inhrelid", OID).col("inhparent", OID).col("inhseqno", INT4)
                        .col("inhdetachpending", BOOL).empty(),
                b("pg_trigger").col("oid", OID).col("tgrelid", OID).col("tgparentid", OID).col("tgname", NAME)
                        .col("tgfoid", OID).col("tgtype", INT2).col("tgenabled", CHAR).col("tgisinternal", BOOL)
                        .cols(OID, "tgconstrrelid", "tgconstrindid", "tgconstraint")
                        .cols(BOOL, "tgdeferrable", "tginitdeferred").col("tgnargs", INT2).col("tgattr", INT2_ARRAY)
                        .col("tgargs", TEXT).col("tgqual", TEXT).cols(NAME, "tgoldtable", "tgnewtable").empty(),
                b("pg_policy").col("oid", OID).col("polname", NAME).col("polrelid", OID).col("polcmd", CHAR)
                        .col("polpermissive", BOOL).col("polroles", OID_ARRAY).cols(TEXT, "polqual", "polwithcheck")
                        .empty(),
                b("pg_statistic_ext").col("oid", OID).col("stxrelid", OID).col("stxname", NAME)
                        .col("stxnamespace", OID).col("stxowner", OID).col("stxstattarget", INT4)
                        .col("stxkeys", INT2_ARRAY).col("stxkind", TEXT_ARRAY).col("stxexprs", TEXT).empty(),
                b("pg_publication").col("oid", OID).col("pubname", NAME).col("pubowner", OID)
                        .cols(BOOL, "puballtables", "pubinsert", "pubupdate", "pubdelete", "pubtruncate",
                                "pubviaroot").empty(),
                b("pg_publication_rel").col("oid", OID).col("prpubid", OID).col("prrelid", OID).col("prqual", TEXT)
                        .col("prattrs", INT2_ARRAY).empty(),
                b("pg_publication_namespace").col("oid", OID).col("pnpubid", OID).col("pnnspid", OID).empty(),
                b("pg_depend").cols(OID, "classid", "objid").col("objsubid", INT4).cols(OID, "refclassid", "refobjid")
                        .col("refobjsubid", INT4).col("deptype", CHAR).empty(),
                b("pg_foreign_table").col("ftrelid", OID).col("ftserver", OID).col("ftoptions", TEXT_ARRAY).empty(),
                b("pg_rewrite").col("oid", OID).col("rulename", NAME).col("ev_class", OID).col("ev_type", CHAR)
                        .col("ev_enabled", CHAR).col("is_instead", BOOL).cols(TEXT, "ev_qual", "ev_action").empty(),
                b("pg_stat_activity").col("datid", OID).col("datname", NAME).col("pid", INT4).col("leader_pid", INT4)
                        .col("usesysid", OID).col("usename", NAME).col("application_name", TEXT)
                        .col("client_addr", TEXT).col("client_hostname", TEXT).col("client_port", INT4)
                        .cols(TIMESTAMPTZ, "backend_start", "xact_start", "query_start", "state_change")
                        .cols(TEXT, "wait_event_type", "wait_event", "state").cols(INT8, "backend_xid", "backend_xmin")
                        .col("query_id", INT8).cols(TEXT, "query", "backend_type")
                        .rows(ActivityView::rows));
    }

    private static SystemTable.Builder b(String name) {
        return new SystemTable.Builder(PG, name);
    }
}
