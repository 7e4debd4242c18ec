package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;

/**
 * A table held in memory. Readers iterate a concurrent skip list without locks; writers are
 * serialized per table so that a unique check and the insert it guards happen as one step.
 */
final class MemoryTable implements TableHandle {
    private final TableDefinition definition;
    private final ConcurrentSkipListMap<Long, Object[]> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong nextRowId = new AtomicLong(1);
    /** Per unique key: the key values of each live row mapped to its row id. */
    private final List<Map<List<Object>, Long>> uniqueIndexes = new ArrayList<>();
    private volatile boolean dropped;

    MemoryTable(TableDefinition definition) {
        this.definition = definition;
        for (int i = 0; i < definition.uniqueKeys().size(); i++) {
            uniqueIndexes.add(new HashMap<>());
        }
    }

    @Override
    public TableDefinition definition() {
        return definition;
    }

    String qualifiedName() {
        return definition.schema() + "." + definition.name();
    }

    boolean isDropped() {
        return dropped;
    }

    void setDropped(boolean value) {
        dropped = value;
    }

    ConcurrentSkipListMap<Long, Object[]> rows() {
        return rows;
    }

    synchronized long insert(Object[] values) {
        Object[] row = checkedCopy(values);
        long id = nextRowId.getAndIncrement();
        addToIndexes(id, row, -1);
        rows.put(id, row);
        return id;
    }

    /** Puts a row back under its old id, for undo; no checks, it was valid before. */
    synchronized void restore(long id, Object[] row) {
        addToIndexes(id, row, id);
        rows.put(id, row);
    }

    /** Removes a row, returning its values or null if it was not there. */
    synchronized Object[] remove(long id) {
        Object[] old = rows.remove(id);
        if (old != null) {
            removeFromIndexes(id, old);
        }
        return old;
    }

    /** Replaces a row, returning the old values, or null if the row is gone. */
    synchronized Object[] update(long id, Object[] values) {
        Object[] old = rows.get(id);
        if (old == null) {
            return null;
        }
        Object[] row = checkedCopy(values);
        removeFromIndexes(id, old);
        try {
            addToIndexes(id, row, id);
        } catch (DbException e) {
            addToIndexes(id, old, id);
            throw e;
        }
        rows.put(id, row);
        return old;
    }

    private Object[] checkedCopy(Object[] values) {
        List<ColumnDefinition> columns = definition.columns();
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("table " + qualifiedName() + " has " + columns.size()
                    + " columns, got " + values.length + " values");
        }
        Object[] row = values.clone();
        for (int i = 0; i < row.length; i++) {
            ColumnDefinition column = columns.get(i);
            if (row[i] == null) {
                if (column.notNull() || isPrimaryKeyColumn(i)) {
                    throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                                    "null value in column \"%s\" of relation \"%s\" violates not-null constraint",
                                    column.name(), definition.name())
                            .withDetail("Failing row contains " + rowText(row) + ".");
                }
            } else if (!column.type().javaClass().isInstance(row[i])) {
                // The executor converts values to the column types; anything else is a bug upstream.
                throw new IllegalArgumentException("column " + column.name() + " of type " + column.type()
                        + " got a " + row[i].getClass().getSimpleName());
            }
        }
        return row;
    }

    private boolean isPrimaryKeyColumn(int column) {
        for (UniqueKey key : definition.uniqueKeys()) {
            if (key.primary() && key.columns().contains(column)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the row's keys to every unique index; {@code self} is the id allowed to own a key already. */
    private void addToIndexes(long id, Object[] row, long self) {
        List<UniqueKey> keys = definition.uniqueKeys();
        for (int k = 0; k < keys.size(); k++) {
            List<Object> key = keyOf(keys.get(k), row);
            if (key == null) {
                continue;
            }
            Long owner = uniqueIndexes.get(k).get(key);
            if (owner != null && owner != self) {
                throw uniqueViolation(keys.get(k), key);
            }
        }
        // Every key is free: only now add them, so a violation leaves the indexes untouched.
        for (int k = 0; k < keys.size(); k++) {
            List<Object> key = keyOf(keys.get(k), row);
            if (key != null) {
                uniqueIndexes.get(k).put(key, id);
            }
        }
    }

    private void removeFromIndexes(long id, Object[] row) {
        List<UniqueKey> keys = definition.uniqueKeys();
        for (int k = 0; k < keys.size(); k++) {
            List<Object> key = keyOf(keys.get(k), row);
            if (key != null) {
                uniqueIndexes.get(k).remove(key, id);
            }
        }
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

    private static String rowText(Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(row[i] == null ? "null" : row[i] instanceof Boolean b ? (b ? "t" : "f") : row[i]);
        }
        return sb.append(')').toString();
    }

    RowId rowId(long id) {
        return new RowId(id);
    }
}
