package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongFunction;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.rows.RowChecks;
import org.rustydb.storage.memory.internal.durable.TableName;

/**
 * One index of a memory table: a sorted set of (key, row id) entries that readers walk without
 * locks, and for a unique index the key of each row mapped to its id, which enforces uniqueness.
 * A key given up by a still-active transaction (its row deleted or changed) stays held by it until
 * it ends, as its rollback may need the key back. Changes happen under the table's lock.
 *
 * <p>Lifecycle: the index of a unique key lives and dies with its table. A created index is
 * visible only to its creator until that transaction ends; a dropped one to nobody.
 */
final class MemoryIndex implements IndexHandle {
    private final MemoryTable table;
    private final IndexDefinition definition;
    private final TableName name;
    private final boolean constraint;
    private final ConcurrentSkipListSet<IndexEntry> entries = new ConcurrentSkipListSet<>(IndexEntry.ORDER);
    private final Map<List<Object>, Long> keys;
    private final Map<List<Object>, Long> held;
    private final Map<Long, List<List<Object>>> heldByTxn = new HashMap<>();
    private volatile long creator;
    private volatile long dropper;
    private volatile boolean dropped;

    /**
     * @param constraint true for the index of one of the table's unique keys
     * @param creator    the transaction creating it, 0 when it is committed (or a constraint's)
     */
    MemoryIndex(MemoryTable table, IndexDefinition definition, boolean constraint, long creator) {
        TableDefinition tableDefinition = table.definition();
        for (int column : definition.columns()) {
            if (column < 0 || column >= tableDefinition.columns().size()) {
                throw new IllegalArgumentException("index " + definition.name() + " names column " + column
                        + " of table " + tableDefinition.name() + ", which has "
                        + tableDefinition.columns().size());
            }
            ColumnDefinition c = tableDefinition.columns().get(column);
            if (!Comparable.class.isAssignableFrom(c.type().javaClass())) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "data type %s cannot be indexed by the memory engine", c.type().sqlName());
            }
        }
        this.table = table;
        this.definition = definition;
        this.name = new TableName(tableDefinition.schema(), definition.name());
        this.constraint = constraint;
        this.creator = creator;
        this.keys = definition.unique() ? new HashMap<>() : null;
        this.held = definition.unique() ? new HashMap<>() : null;
    }

    @Override
    public IndexDefinition definition() {
        return definition;
    }

    @Override
    public MemoryTable table() {
        return table;
    }

    /** The schema and index name: a relation name, shared with tables. */
    TableName name() {
        return name;
    }

    boolean isConstraint() {
        return constraint;
    }

    boolean isDropped() {
        return dropped || table.isDropped();
    }

    /** True while a drop by {@code txn} (of the index or its table) is pending: the name is free for it. */
    boolean droppedBy(long txn) {
        return dropped && dropper == txn || table.droppedBy(txn);
    }

    /** True while another active transaction is creating it. */
    boolean createdByOtherThan(long txn) {
        long c = creator;
        return c != 0 && c != txn;
    }

    boolean visibleTo(long txn) {
        return !isDropped() && !createdByOtherThan(txn);
    }

    /** Fills a new index from the table's rows; 23505 if it is unique and two rows have the same key. */
    void build(Map<Long, Object[]> rows) {
        rows.forEach(this::addEntry);
        if (keys == null) {
            return;
        }
        IndexEntry previous = null;
        for (IndexEntry entry : entries) {
            if (previous != null && previous.sameNonNullKey(entry)) {
                throw DbException.of(SqlState.UNIQUE_VIOLATION, "could not create unique index \"%s\"",
                                definition.name())
                        .withDetail("Key " + keyText(rows.get(entry.rowId())) + " is duplicated.");
            }
            previous = entry;
        }
        rows.forEach(this::addKey);
    }

    /**
     * For a unique index: 23505 if a committed row other than {@code id} has the row's key, 55P03
     * if a row or key of another active transaction is in the way (its outcome is still open).
     */
    void check(long txn, long id, Object[] row, LongFunction<Long> ownerOf) {
        List<Object> key = keys == null ? null : uniqueKey(row);
        if (key == null) {
            return;
        }
        Long other = keys.get(key);
        if (other != null && other != id) {
            Long owner = ownerOf.apply(other);
            if (owner != null && owner != txn) {
                throw table.rowLocked();
            }
            throw DbException.of(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"%s\"",
                    definition.name()).withDetail("Key " + keyText(row) + " already exists.");
        }
        Long holder = other == null ? held.get(key) : null;
        if (holder != null && holder != txn) {
            throw table.rowLocked();
        }
    }

    /** Adds the row's entry; {@link #check} has passed or the row was valid before. */
    void add(long id, Object[] row) {
        addEntry(id, row);
        addKey(id, row);
    }

    /** Removes the row's entry; with {@code txn} other than 0 a unique key stays held by that transaction. */
    void remove(long txn, long id, Object[] row) {
        entries.remove(IndexEntry.of(definition.columns(), id, row));
        List<Object> key = keys == null ? null : uniqueKey(row);
        if (key != null && keys.remove(key, id) && txn != 0) {
            if (!Long.valueOf(txn).equals(held.put(key, txn))) {
                heldByTxn.computeIfAbsent(txn, t -> new ArrayList<>()).add(key);
            }
        }
    }

    /** True when the two rows have the same values in the key columns. */
    boolean sameKey(Object[] a, Object[] b) {
        return IndexEntry.of(definition.columns(), 0, a).matches(definition.columns(), b);
    }

    /** Gives up what {@code txn} holds: the keys it gave up, and creator or dropper rights. */
    void release(long txn) {
        List<List<Object>> released = heldByTxn.remove(txn);
        if (released != null) {
            for (List<Object> key : released) {
                held.remove(key, txn);
            }
        }
        if (creator == txn) {
            creator = 0;
        }
        if (dropper == txn) {
            dropper = 0;
        }
    }

    boolean heldByOtherThan(long txn) {
        return heldByTxn.keySet().stream().anyMatch(holder -> holder != txn);
    }

    void drop(long txn) {
        dropped = true;
        dropper = txn;
    }

    void undoDrop() {
        dropped = false;
        dropper = 0;
    }

    void undoCreate() {
        dropped = true;
        creator = 0;
    }

    /**
     * The entries in {@code range}, in key order or its reverse. Keys with a NULL in a column the
     * range bounds are left out: NULLs sort last, so for the first column that is one cut, for
     * later ones a filter.
     */
    Iterator<IndexEntry> entries(KeyRange range, boolean descending) {
        checkBound(range.lower());
        checkBound(range.upper());
        IndexEntry from = range.lower().isEmpty() ? null
                : IndexEntry.probe(range.lower(), range.lowerInclusive() ? -1 : 1);
        IndexEntry to = range.upper().isEmpty() ? null
                : IndexEntry.probe(range.upper(), range.upperInclusive() ? 1 : -1);
        if (to == null && from != null) {
            to = IndexEntry.probe(Collections.singletonList(null), -1);
        }
        NavigableSet<IndexEntry> set;
        if (from != null && to != null) {
            set = IndexEntry.ORDER.compare(from, to) > 0 ? Collections.emptyNavigableSet()
                    : entries.subSet(from, true, to, true);
        } else {
            set = to != null ? entries.headSet(to, true) : entries;
        }
        Iterator<IndexEntry> all = descending ? set.descendingIterator() : set.iterator();
        int bounded = Math.max(range.lower().size(), range.upper().size());
        return bounded <= 1 ? all : withoutNulls(all, bounded);
    }

    private static Iterator<IndexEntry> withoutNulls(Iterator<IndexEntry> all, int bounded) {
        return new Iterator<>() {
            private IndexEntry next = advance();

            private IndexEntry advance() {
                while (all.hasNext()) {
                    IndexEntry e = all.next();
                    if (!e.hasNullIn(bounded)) {
                        return e;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IndexEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                IndexEntry current = next;
                next = advance();
                return current;
            }
        };
    }

    /** Bound values must be of the key columns' types (the caller converts them); a mismatch is a bug. */
    private void checkBound(List<Object> bound) {
        List<Integer> columns = definition.columns();
        if (bound.size() > columns.size()) {
            throw new IllegalArgumentException("a bound of " + bound.size() + " values for index "
                    + definition.name() + " of " + columns.size() + " columns");
        }
        for (int i = 0; i < bound.size(); i++) {
            ColumnDefinition column = table.definition().columns().get(columns.get(i));
            if (!column.type().javaClass().isInstance(bound.get(i))) {
                throw new IllegalArgumentException("index " + definition.name() + " column " + column.name()
                        + " of type " + column.type() + " got a bound of " + bound.get(i).getClass().getSimpleName());
            }
        }
    }

    private void addEntry(long id, Object[] row) {
        entries.add(IndexEntry.of(definition.columns(), id, row));
    }

    private void addKey(long id, Object[] row) {
        List<Object> key = keys == null ? null : uniqueKey(row);
        if (key != null) {
            keys.put(key, id);
        }
    }

    /** The key values, or null when one is NULL (such rows never conflict). */
    private List<Object> uniqueKey(Object[] row) {
        Object[] values = new Object[definition.columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[definition.columns().get(i)];
            if (values[i] == null) {
                return null;
            }
        }
        return Arrays.asList(values);
    }

    /** {@code (a, b)=(1, x)} as PostgreSQL shows a key in messages. */
    private String keyText(Object[] row) {
        return RowChecks.keyText(table.definition(), definition.columns(), row);
    }

    @Override
    public String toString() {
        return "memory index " + name + " on " + table.name();
    }
}
