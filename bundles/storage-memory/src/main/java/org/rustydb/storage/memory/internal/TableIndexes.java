package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;

import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The indexes a table maintains: one per unique key, then those created by CREATE INDEX. Changed
 * under the table's lock; the list itself is replaced, never modified, so readers need no lock.
 */
final class TableIndexes {
    private final List<UniqueKey> uniqueKeys;
    private final List<MemoryIndex> constraints;
    private volatile List<MemoryIndex> active;

    TableIndexes(MemoryTable table) {
        this.uniqueKeys = table.definition().uniqueKeys();
        List<MemoryIndex> keys = new ArrayList<>();
        for (UniqueKey key : uniqueKeys) {
            keys.add(new MemoryIndex(table, new IndexDefinition(key.name(), key.columns(), true), true, 0));
        }
        this.constraints = List.copyOf(keys);
        this.active = constraints;
    }

    boolean isPrimaryKeyColumn(int column) {
        for (UniqueKey key : uniqueKeys) {
            if (key.primary() && key.columns().contains(column)) {
                return true;
            }
        }
        return false;
    }

    /** The indexes of the unique keys, in key order. */
    List<MemoryIndex> constraints() {
        return constraints;
    }

    /** Every index maintained now: those of the unique keys, then created ones not dropped. */
    List<MemoryIndex> active() {
        return active;
    }

    /** The indexes {@code txn} may see, as the SPI lists them: unique keys in order, then the rest by name. */
    List<MemoryIndex> visibleTo(long txn) {
        List<MemoryIndex> created = new ArrayList<>();
        for (MemoryIndex index : active) {
            if (!index.isConstraint() && index.visibleTo(txn)) {
                created.add(index);
            }
        }
        created.sort(Comparator.comparing(index -> index.definition().name()));
        List<MemoryIndex> out = new ArrayList<>(constraints);
        out.addAll(created);
        return out;
    }

    void activate(MemoryIndex index) {
        List<MemoryIndex> next = new ArrayList<>(active);
        next.add(index);
        active = List.copyOf(next);
    }

    void deactivate(MemoryIndex index) {
        List<MemoryIndex> next = new ArrayList<>(active);
        next.remove(index);
        active = List.copyOf(next);
    }

    /** 23505 or 55P03 if row {@code id} may not have these values; see {@link MemoryIndex#check}. */
    void check(long txn, long id, Object[] row, LongFunction<Long> ownerOf) {
        for (MemoryIndex index : active) {
            index.check(txn, id, row, ownerOf);
        }
    }

    void add(long id, Object[] row) {
        for (MemoryIndex index : active) {
            index.add(id, row);
        }
    }

    void remove(long txn, long id, Object[] row) {
        for (MemoryIndex index : active) {
            index.remove(txn, id, row);
        }
    }

    /** Moves a row's entries from its old to its new values, leaving indexes whose key did not change alone. */
    void replace(long txn, long id, Object[] old, Object[] row) {
        for (MemoryIndex index : active) {
            if (!index.sameKey(old, row)) {
                index.remove(txn, id, old);
                index.add(id, row);
            }
        }
    }

    void release(long txn) {
        for (MemoryIndex index : active) {
            index.release(txn);
        }
    }

    boolean heldByOtherThan(long txn) {
        return active.stream().anyMatch(index -> index.heldByOtherThan(txn));
    }
}
