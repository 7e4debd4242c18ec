package org.rustydb.storage.memory.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.memory.internal.durable.RedoOp;

/**
 * The schemas of the memory engine (CREATE/DROP/ALTER SCHEMA), changed in place like its other DDL
 * and undone by a rollback. Guarded by the engine's catalog lock, so that checking a schema and
 * changing the relations in it are one step. A rename is a drop and a create, in memory and in the
 * log.
 */
final class MemorySchemas {
    /** One schema: which transaction is creating or dropping it (0 when none). */
    private static final class Schema {
        long ddlOwner;
        boolean dropped;

        Schema(long ddlOwner) {
            this.ddlOwner = ddlOwner;
        }
    }

    private final Object lock;
    private final Map<String, Schema> schemas = new HashMap<>();

    MemorySchemas(Object lock, Collection<String> committed) {
        this.lock = lock;
        committed.forEach(name -> schemas.put(name, new Schema(0)));
    }

    void create(UndoLog log, long txn, String name) {
        Schema schema = new Schema(txn);
        Schema previous;
        synchronized (lock) {
            previous = schemas.get(name);
            if (previous != null) {
                if (!previous.dropped && previous.ddlOwner != 0 && previous.ddlOwner != txn
                        || previous.dropped && previous.ddlOwner != txn) {
                    throw locked(name);
                }
                if (!previous.dropped) {
                    throw DbException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", name);
                }
            }
            schemas.put(name, schema);
        }
        log.onRollback(() -> {
            synchronized (lock) {
                if (previous == null) {
                    schemas.remove(name, schema);
                } else {
                    schemas.replace(name, schema, previous);
                }
            }
        });
        log.onCommit(() -> {
            synchronized (lock) {
                schema.ddlOwner = 0;
            }
        });
        log.redo(new RedoOp.CreateSchema(name));
    }

    /** Drops a schema; {@code holdsRelations} says whether relations of it are still there (2BP01). */
    void drop(UndoLog log, long txn, String name, Predicate<String> holdsRelations) {
        Schema schema;
        long owner;
        synchronized (lock) {
            schema = live(txn, name);
            if (holdsRelations.test(name)) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop schema %s because other objects depend on it", name);
            }
            owner = schema.ddlOwner;
            schema.dropped = true;
            schema.ddlOwner = txn;
        }
        log.onRollback(() -> {
            synchronized (lock) {
                schema.dropped = false;
                schema.ddlOwner = owner;
            }
        });
        log.onCommit(() -> {
            synchronized (lock) {
                schemas.remove(name, schema);
            }
        });
        log.redo(new RedoOp.DropSchema(name));
    }

    void rename(UndoLog log, long txn, String from, String to, Predicate<String> holdsRelations) {
        synchronized (lock) {
            live(txn, from);
            if (exists(to)) {
                throw DbException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", to);
            }
            if (holdsRelations.test(from)) {
                throw renameNotSupported(from);
            }
            drop(log, txn, from, holdsRelations);
            create(log, txn, to);
        }
    }

    static DbException renameNotSupported(String name) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                "renaming schema \"%s\", which holds relations, is not supported yet", name);
    }

    boolean exists(String name) {
        synchronized (lock) {
            Schema schema = schemas.get(name);
            return schema != null && !schema.dropped;
        }
    }

    List<String> list() {
        synchronized (lock) {
            return schemas.entrySet().stream().filter(e -> !e.getValue().dropped).map(Map.Entry::getKey).sorted()
                    .toList();
        }
    }

    /** 55P03 when another active transaction is dropping the schema a relation is being created in. */
    void checkNotBeingDropped(long txn, String name) {
        synchronized (lock) {
            Schema schema = schemas.get(name);
            if (schema != null && schema.dropped && schema.ddlOwner != txn) {
                throw locked(name);
            }
        }
    }

    private Schema live(long txn, String name) {
        Schema schema = schemas.get(name);
        if (schema == null || schema.dropped) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", name);
        }
        if (schema.ddlOwner != 0 && schema.ddlOwner != txn) {
            throw locked(name);
        }
        return schema;
    }

    private static DbException locked(String name) {
        return DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on schema \"%s\"", name);
    }
}
