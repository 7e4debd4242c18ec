package org.rustydb.execution.internal.catalog;

import java.nio.charset.StandardCharsets;

/**
 * Object identifiers of the system catalogs. The storage engine keeps no oids, so those of
 * relations, constraints and schemas are derived from what names them: a 64-bit FNV-1a hash of
 * kind, schema and name folded into [16384, 2^31), PostgreSQL's range for user objects that also
 * fits a signed int. They are stable across statements, sessions and restarts, so a client can
 * read an oid in one query and use it in the next; renaming an object changes its oid, and two
 * names may (rarely) collide. Built-in schemas, types, the access methods and the bootstrap role
 * keep PostgreSQL's fixed oids.
 */
public final class Oids {
    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int INFORMATION_SCHEMA_NAMESPACE = 13000;
    public static final int BOOTSTRAP_ROLE = 10;
    /** The role that owns public in PostgreSQL 15: whoever owns the database. */
    public static final int DATABASE_OWNER_ROLE = 6171;
    public static final int HEAP_AM = 2;
    public static final int BTREE_AM = 403;
    public static final int DEFAULT_COLLATION = 100;
    public static final int DEFAULT_TABLESPACE = 1663;
    public static final int DATABASE = 16384;

    private static final int FIRST_NORMAL = 16384;

    private Oids() {
    }

    /** The oid of a table, view, sequence or index (they share pg_class, so one kind). */
    public static int relation(String schema, String name) {
        return hash("r", schema, name);
    }

    public static int namespace(String schema) {
        return switch (schema) {
            case "pg_catalog" -> PG_CATALOG_NAMESPACE;
            case "public" -> PUBLIC_NAMESPACE;
            case "information_schema" -> INFORMATION_SCHEMA_NAMESPACE;
            default -> hash("n", "", schema);
        };
    }

    /** A constraint's oid: its name is unique per table. */
    public static int constraint(String schema, String table, String name) {
        return hash("c", schema + "." + table, name);
    }

    /** The oid of a system catalog relation (pg_catalog or information_schema). */
    public static int systemRelation(String schema, String name) {
        // below FIRST_NORMAL, as PostgreSQL's own catalogs are
        return 1000 + Math.floorMod(hash("s", schema, name), FIRST_NORMAL - 1000);
    }

    static int hash(String kind, String schema, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (kind + "\0" + schema + "\0" + name).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return FIRST_NORMAL + (int) Math.floorMod(h, (long) Integer.MAX_VALUE - FIRST_NORMAL);
    }
}
