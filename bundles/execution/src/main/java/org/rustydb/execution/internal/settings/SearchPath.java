package org.rustydb.execution.internal.settings;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;

/**
 * How unqualified table names resolve, as PostgreSQL's namespace search does: through the schemas
 * of search_path that exist, in order ({@code $user} standing for the schema named like the
 * session user), skipping the others silently; new objects go into the first of them. The schemas
 * that exist are {@code public}, where tables live, and {@code pg_catalog}, which holds none.
 */
public final class SearchPath {
    public static final String PUBLIC = "public";
    public static final String PG_CATALOG = "pg_catalog";
    /** The alias of the session's own temporary schema ({@code pg_temp_<session id>}). */
    public static final String PG_TEMP = "pg_temp";

    private SearchPath() {
    }

    /** True for a schema that exists; CREATE SCHEMA does not exist yet. */
    public static boolean schemaExists(String schema) {
        return schema.equals(PUBLIC) || schema.equals(PG_CATALOG);
    }

    /**
     * The existing schemas an unqualified name is looked up in, in search order: the session's
     * temporary schema first unless search_path places pg_temp elsewhere, as in PostgreSQL.
     */
    public static List<String> lookupSchemas(SessionContext session) {
        List<String> schemas = new ArrayList<>();
        List<String> path = Settings.searchPath(session);
        if (!path.contains(PG_TEMP)) {
            schemas.add(session.temporarySchema());
        }
        for (String name : path) {
            String schema = name.equals("$user") ? session.user() : name.equals(PG_TEMP) ? session.temporarySchema() : name;
            if ((schemaExists(schema) || schema.equals(session.temporarySchema())) && !schemas.contains(schema)) {
                schemas.add(schema);
            }
        }
        return schemas;
    }

    /**
     * The schema a qualified name refers to, as a lookup list: itself if it exists, the session's
     * temporary schema for {@code pg_temp} or its own name; empty otherwise (another session's
     * temporary schema is not visible).
     */
    public static List<String> qualified(SessionContext session, String schema) {
        if (schema.equals(PG_TEMP) || schema.equals(session.temporarySchema())) {
            return List.of(session.temporarySchema());
        }
        return schemaExists(schema) ? List.of(schema) : List.of();
    }

    /**
     * The schema an unqualified CREATE puts its object in: the first existing one of search_path
     * (never the temporary schema: only CREATE TEMP TABLE creates there).
     *
     * @throws DbException 3F000 {@code no schema has been selected to create in} when there is none
     */
    public static String creationSchema(SessionContext session) {
        List<String> schemas = new ArrayList<>(lookupSchemas(session));
        schemas.remove(session.temporarySchema());
        if (schemas.isEmpty()) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
        }
        return schemas.get(0);
    }

    /** Refuses to create objects in pg_catalog (42501), as PostgreSQL does without allow_system_table_mods. */
    public static void checkCreatable(String schema, String name) {
        if (schema.equals(PG_CATALOG)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create \"%s.%s\"", schema, name)
                    .withDetail("System catalog modifications are currently disallowed.");
        }
    }
}
