package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The unique keys of one table: per key, the key values of each live row mapped to its row id.
 * A key value given up by a still-active transaction (its row deleted or changed) stays held by
 * that transaction until it ends, as its rollback may need it back. Used under the table's lock.
 */
final class UniqueIndexes {
    private record Held(int key, List<Object> values) {
    }

    private final TableDefinition definition;
    private final List<UniqueKey> keys;
    private final List<Map<List<Object>, Long>> index = new ArrayList<>();
    private final List<Map<List<Object>, Long>> held = new ArrayList<>();
    private final Map<Long, List<Held>> heldByTxn = new HashMap<>();

    UniqueIndexes(TableDefinition definition) {
        this.definition = definition;
        this.keys = definition.uniqueKeys();
        for (int i = 0; i < keys.size(); i++) {
            index.add(new HashMap<>());
            held.add(new HashMap<>());
        }
    }

    boolean isPrimaryKeyColumn(int column) {
        for (UniqueKey key : keys) {
            if (key.primary() && key.columns().contains(column)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that row {@code id} of transaction {@code txn} may have these values: 23505 if a
     * committed row has one of its keys, 55P03 if a row or key value of another active
     * transaction is in the way (its outcome is still open).
     */
    void check(long txn, long id, Object[] row, LongFunction<Long> ownerOf) {
        for (int k = 0; k < keys.size(); k++) {
            List<Object> key = keyOf(keys.get(k), row);
            if (key == null) {
                continue;
            }
            Long other = index.get(k).get(key);
            if (other != null && other != id) {
                Long owner = ownerOf.apply(other);
                if (owner != null && owner != txn) {
                    throw locked();
                }
                throw uniqueViolation(keys.get(k), key);
            }
            Long holder = other == null ? held.get(k).get(key) : null;
            if (holder != null && holder != txn) {
                throw locked();
            }
        }
    }

    /** Adds the row's keys; {@link #check} has passed or the row was valid before. */
    void add(long id, Object[] row) {
        for (int k = 0; k < keys.size(); k++) {
            List<Object> key = keyOf(keys.get(k), row);
            if (key != null) {
                index.get(k).put(key, id);
            }
        }
    }

    /** Removes the row's keys; with {@code txn} other than 0 they stay held by that transaction. */
    void remove(long txn, long id, Object[] row) {
        for (int k = 0; k < keys.size(); k++) {
            List<Object> key = keyOf(keys.get(k), row);
            if (key != null && index.get(k).remove(key, id) && txn != 0) {
                if (!Long.valueOf(txn).equals(held.get(k).put(key, txn))) {
                    heldByTxn.computeIfAbsent(txn, t -> new ArrayList<>()).add(new Held(k, key));
                }
            }
        }
    }

    void release(long txn) {
        List<Held> released = heldByTxn.remove(txn);
        if (released != null) {
            for (Held h : released) {
                held.get(h.key()).remove(h.values(), txn);
            }
        }
    }

    boolean heldByOtherThan(long txn) {
        return heldByTxn.keySet().stream().anyMatch(holder -> holder != txn);
    }

    /** The key values, or null when one is NULL (such rows never conflict). */
    private static List<Object> keyOf(UniqueKey key, Object[] row) {
        Object[] values = new Object[key.columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[key.columns().get(i)];
            if (values[i] == null) {
                return null;
            }
        }
        return Arrays.asList(values);
    }

    private DbException locked() {
        return DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row in relation \"%s\"",
                definition.name());
    }

    private DbException uniqueViolation(UniqueKey key, List<Object> values) {
        List<String> names = new ArrayList<>();
        for (int column : key.columns()) {
            names.add(definition.columns().get(column).name());
        }
        List<String> texts = new ArrayList<>();
        for (Object v : values) {
            texts.add(String.valueOf(v));
        }
        return DbException.of(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"%s\"",
                        key.name())
                .withDetail("Key (" + String.join(", ", names) + ")=(" + String.join(", ", texts)
                        + ") already exists.");
    }
}
