package org.rustydb.execution.internal.settings;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * How unqualified table names resolve, as PostgreSQL's namespace search does: through the schemas
 * of search_path that exist, in order ({@code $user} standing for the schema named like the
 * session user), skipping the others silently; new objects go into the first of them. The schemas
 * that exist are those the storage engine keeps (CREATE SCHEMA, and {@code public} of a new
 * database), as the statement's transaction sees them, {@code pg_catalog}, which is built in and
 * holds no tables, and the session's temporary schema.
 */
public final class SearchPath {
    public static final String PUBLIC = "public";
    public static final String PG_CATALOG = "pg_catalog";
    /** Built in like pg_catalog: it holds the information_schema views. */
    public static final String INFORMATION_SCHEMA = "information_schema";
    /** The alias of the session's own temporary schema ({@code pg_temp_<session id>}). */
    public static final String PG_TEMP = "pg_temp";

    private SearchPath() {
    }

    /** True for pg_catalog and for a schema the storage engine has (not for temporary schemas). */
    public static boolean schemaExists(SessionContext session, Transaction txn, String schema) {
        return schema.equals(PG_CATALOG) || schema.equals(INFORMATION_SCHEMA) || session.storage().schemaExists(txn, schema);
    }

    /** True for the names CREATE SCHEMA and ALTER SCHEMA ... RENAME TO refuse (42939), as PostgreSQL's. */
    public static boolean reserved(String schema) {
        return schema.startsWith("pg_");
    }

    /**
     * The existing schemas an unqualified name is looked up in, in search order: the session's
     * temporary schema first unless search_path places pg_temp elsewhere, as in PostgreSQL.
     */
    public static List<String> lookupSchemas(SessionContext session, Transaction txn) {
        List<String> schemas = new ArrayList<>();
        List<String> path = Settings.searchPath(session);
        String temp = session.temporarySchema();
        if (!path.contains(PG_TEMP)) {
            schemas.add(temp);
        }
        for (String name : path) {
            String schema = name.equals("$user") ? session.user() : name.equals(PG_TEMP) ? temp : name;
            // as in PostgreSQL, a schema the role may not use is left out of the search silently
            if (!schemas.contains(schema) && (schema.equals(temp) || schemaExists(session, txn, schema))
                    && org.rustydb.execution.internal.privilege.AccessControl.mayUse(session, txn, schema)) {
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
    public static List<String> qualified(SessionContext session, Transaction txn, String schema) {
        if (schema.equals(PG_TEMP) || schema.equals(session.temporarySchema())) {
            return List.of(session.temporarySchema());
        }
        if (!schemaExists(session, txn, schema)) {
            return List.of();
        }
        if (!org.rustydb.execution.internal.privilege.AccessControl.mayUse(session, txn, schema)) {
            throw org.rustydb.execution.internal.privilege.AccessControl.denied("schema", schema);
        }
        return List.of(schema);
    }

    /**
     * The schema an unqualified CREATE puts its object in: the first existing one of search_path
     * (never the temporary schema: only CREATE TEMP TABLE creates there).
     *
     * @throws DbException 3F000 {@code no schema has been selected to create in} when there is none
     */
    public static String creationSchema(SessionContext session, Transaction txn) {
        List<String> schemas = new ArrayList<>(lookupSchemas(session, txn));
        schemas.remove(session.temporarySchema());
        if (schemas.isEmpty()) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
        }
        return schemas.get(0);
    }

    /** Refuses to create objects in pg_catalog (42501), as PostgreSQL does without allow_system_table_mods. */
    public static void checkCreatable(String schema, String name) {
        if (schema.equals(PG_CATALOG) || schema.equals(INFORMATION_SCHEMA)) {
            throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create \"%s.%s\"", schema, name)
                    .withDetail("System catalog modifications are currently disallowed.");
        }
    }

    /** current_schema(): the first schema of search_path that exists (never the temporary one), or NULL. */
    public static String currentSchema(SessionContext session, Transaction txn) {
        List<String> schemas = new ArrayList<>(lookupSchemas(session, txn));
        schemas.remove(session.temporarySchema());
        return schemas.isEmpty() ? null : schemas.get(0);
    }

    /**
     * current_schemas(implicit): the schemas searched, in order; with {@code implicit} also those
     * searched without being in search_path, as PostgreSQL lists them: the temporary schema once
     * the session has temporary relations, and pg_catalog.
     */
    public static List<String> currentSchemas(SessionContext session, Transaction txn, boolean implicit) {
        List<String> path = Settings.searchPath(session);
        String temp = session.temporarySchema();
        boolean hasTemp = session.storage().listTables(txn).stream().anyMatch(t -> t.definition().schema().equals(temp))
                || session.storage().listViews(txn).stream().anyMatch(v -> v.definition().schema().equals(temp));
        List<String> out = new ArrayList<>();
        if (implicit && hasTemp && !path.contains(PG_TEMP)) {
            out.add(temp);
        }
        if (implicit && !path.contains(PG_CATALOG)) {
            out.add(PG_CATALOG);
        }
        for (String schema : lookupSchemas(session, txn)) {
            if (schema.equals(temp) ? hasTemp && path.contains(PG_TEMP) : !out.contains(schema)) {
                out.add(schema);
            }
        }
        return List.copyOf(out);
    }
}
