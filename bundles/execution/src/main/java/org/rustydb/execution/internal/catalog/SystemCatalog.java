package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The system relations by schema and name: pg_catalog's and information_schema's. */
public final class SystemCatalog {
    private static final Map<String, SystemTable> TABLES = build();
    /** pg_catalog relations that are views in PostgreSQL (pg_class.relkind 'v'). */
    private static final Set<String> VIEWS = Set.of("pg_roles", "pg_user", "pg_settings", "pg_stat_activity",
            "pg_tables", "pg_views", "pg_indexes", "pg_sequences");

    private SystemCatalog() {
    }

    private static Map<String, SystemTable> build() {
        List<SystemTable> all = new ArrayList<>();
        all.addAll(PgClassTables.tables());
        all.addAll(PgConstraintTables.tables());
        all.addAll(PgMiscTables.tables());
        all.add(PgProc.table());
        all.add(PgProc.language());
        all.addAll(PgViews.tables());
        all.addAll(InformationSchema.tables());
        all.addAll(PrivilegeViews.tables());
        Map<String, SystemTable> out = new LinkedHashMap<>();
        for (SystemTable t : all) {
            out.put(t.schema() + "." + t.name(), t);
        }
        return out;
    }

    /** The system relation {@code schema.name}, or null. */
    public static SystemTable find(String schema, String name) {
        return TABLES.get(schema + "." + name);
    }

    public static List<SystemTable> all() {
        return List.copyOf(TABLES.values());
    }

    /** True for the schemas that hold system relations. */
    public static boolean isSystemSchema(String schema) {
        return schema.equals("pg_catalog") || schema.equals(CatalogReader.INFORMATION_SCHEMA);
    }

    static boolean isView(String name) {
        return VIEWS.contains(name);
    }
}
