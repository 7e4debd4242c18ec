package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.catalog.SchemaRecord;

/**
 * CREATE/DROP/ALTER SCHEMA for the paged engine: catalog tuples only, versioned like relations and
 * guarded by the catalog's monitor (so checking a schema and creating a relation in it are one
 * step). A rename is a drop and a create of the tuple.
 */
final class Schemas {
    private final PagedStorageEngine engine;
    private final Catalog catalog;
    /** The versions of each schema name; under the catalog's monitor. */
    private final Map<String, List<PagedSchema>> versions = new HashMap<>();

    Schemas(PagedStorageEngine engine, Catalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    /** A committed version found when the catalog is loaded (or the one a new database starts with). */
    void loaded(PagedSchema schema) {
        synchronized (catalog) {
            versions.computeIfAbsent(schema.name(), k -> new ArrayList<>()).add(schema);
        }
    }

    boolean isEmpty() {
        synchronized (catalog) {
            return versions.isEmpty();
        }
    }

    void create(TxnWork w, String name) {
        long xid = w.xid();
        synchronized (catalog) {
            for (PagedSchema version : versions.getOrDefault(name, List.of())) {
                if (engine.inProgressOther(version.createdBy(), xid) || engine.inProgressOther(version.droppedBy(), xid)) {
                    throw locked(name);
                }
                if (engine.rows().visible(xid, version.createdBy(), version.droppedBy())) {
                    throw DbException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", name);
                }
            }
            long row = engine.store().catalogHeap().insert(xid, new SchemaRecord(name).encode());
            PagedSchema schema = new PagedSchema(name, row, xid);
            versions.computeIfAbsent(name, k -> new ArrayList<>()).add(schema);
            w.schemaCreated(schema);
        }
    }

    void drop(TxnWork w, String name) {
        long xid = w.xid();
        synchronized (catalog) {
            PagedSchema schema = live(xid, name);
            if (holdsRelations(xid, name)) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop schema %s because other objects depend on it", name);
            }
            engine.claimCatalogTuple(schema.catalogRowId(), xid, name);
            schema.setDroppedBy(xid);
            w.schemaDropped(schema);
        }
    }

    void rename(TxnWork w, String from, String to) {
        long xid = w.xid();
        synchronized (catalog) {
            live(xid, from);
            if (exists(xid, to)) {
                throw DbException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", to);
            }
            if (holdsRelations(xid, from)) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "renaming schema \"%s\", which holds relations, is not supported yet", from);
            }
            drop(w, from);
            create(w, to);
        }
    }

    boolean exists(long me, String name) {
        synchronized (catalog) {
            for (PagedSchema version : versions.getOrDefault(name, List.of())) {
                if (engine.rows().visible(me, version.createdBy(), version.droppedBy())) {
                    return true;
                }
            }
            return false;
        }
    }

    List<String> list(long me) {
        synchronized (catalog) {
            TreeSet<String> out = new TreeSet<>();
            versions.forEach((name, list) -> {
                for (PagedSchema version : list) {
                    if (engine.rows().visible(me, version.createdBy(), version.droppedBy())) {
                        out.add(name);
                    }
                }
            });
            return new ArrayList<>(out);
        }
    }

    /** 55P03 when another active transaction is dropping the schema a relation is being created in. */
    void checkNotBeingDropped(long xid, String name) {
        synchronized (catalog) {
            for (PagedSchema version : versions.getOrDefault(name, List.of())) {
                if (engine.inProgressOther(version.droppedBy(), xid)) {
                    throw locked(name);
                }
            }
        }
    }

    /** Forgets a version: a committed drop, or a create rolled back. */
    void remove(PagedSchema schema) {
        synchronized (catalog) {
            List<PagedSchema> list = versions.get(schema.name());
            if (list != null) {
                list.remove(schema);
                if (list.isEmpty()) {
                    versions.remove(schema.name());
                }
            }
        }
    }

    private PagedSchema live(long xid, String name) {
        for (PagedSchema version : versions.getOrDefault(name, List.of())) {
            if (engine.inProgressOther(version.createdBy(), xid) || engine.inProgressOther(version.droppedBy(), xid)) {
                throw locked(name);
            }
            if (engine.rows().visible(xid, version.createdBy(), version.droppedBy())) {
                return version;
            }
        }
        throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name);
    }

    /** True when a relation of the schema is visible; 55P03 when another active transaction creates or drops one. */
    private boolean holdsRelations(long xid, String schema) {
        boolean holds = false;
        for (Relation relation : catalog.inSchema(schema)) {
            if (relation instanceof PagedIndex) {
                continue; // indexes go with their tables, which are in the same schema
            }
            if (engine.inProgressOther(relation.createdBy(), xid) || engine.inProgressOther(relation.droppedBy(), xid)) {
                throw PagedStorageEngine.tableLocked(relation.name());
            }
            holds |= engine.rows().visible(xid, relation.createdBy(), relation.droppedBy());
        }
        return holds;
    }

    private static DbException locked(String name) {
        return DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on schema \"%s\"", name);
    }
}
