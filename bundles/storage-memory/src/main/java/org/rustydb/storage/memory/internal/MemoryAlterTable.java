package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.log.internal.rows.RowChecks;

/**
 * ALTER TABLE in the memory engine: the table is rebuilt under the new definition (with the unique
 * keys it adds or leaves out) in the same transaction (dropped, created again, its rows copied
 * through the column mapping, its created indexes made again with their columns renumbered). Each step has its undo and its redo op, so
 * rollback, savepoints and recovery need nothing new; a table in memory is cheap to copy. The
 * rebuilt table is a new handle (returned): callers find the table again by name.
 */
final class MemoryAlterTable {
    private MemoryAlterTable() {
    }

    static MemoryTable alter(MemoryStorageEngine engine, Transaction txn, MemoryTable table, TableDefinition definition,
                      List<Integer> sources) {
        TableDefinition old = table.definition();
        if (!old.schema().equals(definition.schema()) || sources.size() != definition.columns().size()) {
            throw new IllegalArgumentException("not an alteration of " + old.name());
        }
        int[] newPosition = new int[old.columns().size()];
        Arrays.fill(newPosition, -1);
        int last = -1;
        for (int i = 0; i < sources.size(); i++) {
            int source = sources.get(i);
            if (source < 0) {
                continue;
            }
            if (source <= last || old.columns().get(source).type() != definition.columns().get(i).type()) {
                throw new IllegalArgumentException("columns must keep their order and type: " + sources);
            }
            last = source;
            newPosition[source] = i;
        }
        for (int k = 0; k < old.uniqueKeys().size(); k++) {
            UniqueKey was = old.uniqueKeys().get(k);
            if (definition.uniqueKeys().stream().noneMatch(key -> key.name().equals(was.name()))) {
                continue;
            }
            for (int column : was.columns()) {
                if (newPosition[column] < 0) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop column %s of table %s because constraint %s depends on it",
                            old.columns().get(column).name(), old.name(), was.name());
                }
            }
        }
        List<IndexDefinition> created = new ArrayList<>();
        List<IndexHandle> createdHandles = new ArrayList<>();
        for (IndexHandle index : engine.indexes(txn, table)) {
            if (old.uniqueKeys().stream().anyMatch(k -> k.name().equals(index.definition().name()))) {
                continue;
            }
            List<Integer> columns = new ArrayList<>();
            for (int column : index.definition().columns()) {
                if (newPosition[column] < 0) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop column of table %s because index %s depends on it", old.name(),
                            index.definition().name());
                }
                columns.add(newPosition[column]);
            }
            created.add(new IndexDefinition(index.definition().name(), columns, index.definition().unique()));
            createdHandles.add(index);
        }
        List<Object[]> rows = new ArrayList<>();
        // reported after duplicates of an added key, as PostgreSQL does
        DbException nullFound = null;
        for (Map.Entry<Long, Object[]> entry : table.rows().entrySet()) {
            Object[] row = new Object[sources.size()];
            for (int i = 0; i < row.length; i++) {
                int source = sources.get(i);
                row[i] = source < 0 ? null : entry.getValue()[source];
                if (nullFound == null && row[i] == null && definition.columns().get(i).notNull()
                        && (source < 0 || !old.columns().get(source).notNull())) {
                    nullFound = DbException.of(SqlState.NOT_NULL_VIOLATION,
                            "column \"%s\" of relation \"%s\" contains null values",
                            definition.columns().get(i).name(), definition.name());
                }
            }
            rows.add(row);
        }
        if (nullFound != null) {
            checkAddedKeys(old, definition, rows);
            throw nullFound;
        }
        for (IndexHandle index : createdHandles) {
            engine.dropIndex(txn, index);
        }
        engine.dropTable(txn, table);
        var fresh = engine.createTable(txn, definition);
        for (Object[] row : rows) {
            try {
                engine.insert(txn, fresh, row);
            } catch (DbException e) {
                throw addedKeyViolation(e, old, definition);
            }
        }
        for (IndexDefinition index : created) {
            engine.createIndex(txn, fresh, index);
        }
        return (MemoryTable) fresh;
    }

    /** 23505 if two rows share a key the alteration adds (NULLs never do). */
    private static void checkAddedKeys(TableDefinition old, TableDefinition definition, List<Object[]> rows) {
        for (UniqueKey key : definition.uniqueKeys()) {
            if (old.uniqueKeys().stream().anyMatch(k -> k.name().equals(key.name()))) {
                continue;
            }
            Set<List<Object>> seen = new HashSet<>();
            for (Object[] row : rows) {
                List<Object> values = new ArrayList<>();
                for (int column : key.columns()) {
                    values.add(row[column]);
                }
                if (!values.contains(null) && !seen.add(values)) {
                    throw DbException.of(SqlState.UNIQUE_VIOLATION, "could not create unique index \"%s\"", key.name())
                            .withDetail("Key " + RowChecks.keyText(definition, key.columns(), row) + " is duplicated.");
                }
            }
        }
    }

    /** A duplicate met while the rows fill a key the alteration adds: PostgreSQL's index build error. */
    private static DbException addedKeyViolation(DbException e, TableDefinition old, TableDefinition definition) {
        if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
            return e;
        }
        for (UniqueKey key : definition.uniqueKeys()) {
            boolean added = old.uniqueKeys().stream().noneMatch(k -> k.name().equals(key.name()));
            if (added && e.getMessage().contains("\"" + key.name() + "\"")) {
                String detail = e.detail() == null ? null : e.detail().replace("already exists.", "is duplicated.");
                return DbException.of(SqlState.UNIQUE_VIOLATION, "could not create unique index \"%s\"", key.name())
                        .withDetail(detail);
            }
        }
        return e;
    }

    /**
     * ALTER COLUMN TYPE: every row goes through the conversion (all before the table changes, so a
     * failed conversion leaves it as it was), then the table is rebuilt as {@link #alter} does.
     */
    static MemoryTable convert(MemoryStorageEngine engine, Transaction txn, MemoryTable table,
                               TableDefinition definition, Set<Integer> converted, UnaryOperator<Object[]> conversion) {
        TableDefinition old = table.definition();
        checkConversion(old, definition, converted);
        List<IndexDefinition> created = new ArrayList<>();
        List<IndexHandle> createdHandles = new ArrayList<>();
        for (IndexHandle index : engine.indexes(txn, table)) {
            for (int column : index.definition().columns()) {
                if (converted.contains(column)) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot convert column %s of table %s because index %s depends on it",
                            old.columns().get(column).name(), old.name(), index.definition().name());
                }
            }
            if (old.uniqueKeys().stream().noneMatch(k -> k.name().equals(index.definition().name()))) {
                created.add(index.definition());
                createdHandles.add(index);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : table.rows().values()) {
            Object[] fresh = conversion.apply(row.clone());
            if (fresh.length != definition.columns().size()) {
                throw new IllegalArgumentException("a converted row has " + fresh.length + " values");
            }
            for (int i = 0; i < fresh.length; i++) {
                if (fresh[i] == null && definition.columns().get(i).notNull()) {
                    throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                            "column \"%s\" of relation \"%s\" contains null values",
                            definition.columns().get(i).name(), definition.name());
                }
            }
            rows.add(fresh);
        }
        for (IndexHandle index : createdHandles) {
            engine.dropIndex(txn, index);
        }
        engine.dropTable(txn, table);
        var fresh = engine.createTable(txn, definition);
        for (Object[] row : rows) {
            engine.insert(txn, fresh, row);
        }
        for (IndexDefinition index : created) {
            engine.createIndex(txn, fresh, index);
        }
        return (MemoryTable) fresh;
    }

    /** The same columns (names aside) and keys; only converted columns change type. */
    static void checkConversion(TableDefinition old, TableDefinition definition, Set<Integer> converted) {
        if (!old.schema().equals(definition.schema()) || !old.name().equals(definition.name())
                || old.columns().size() != definition.columns().size() || !old.uniqueKeys().equals(definition.uniqueKeys())) {
            throw new IllegalArgumentException("not a conversion of the columns of " + old.name());
        }
        for (int i = 0; i < old.columns().size(); i++) {
            boolean sameType = old.columns().get(i).type() == definition.columns().get(i).type()
                    && old.columns().get(i).typeModifier() == definition.columns().get(i).typeModifier();
            if (!sameType && !converted.contains(i)) {
                throw new IllegalArgumentException("column " + i + " changes type but is not converted");
            }
        }
        for (UniqueKey key : old.uniqueKeys()) {
            for (int column : key.columns()) {
                if (converted.contains(column)) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot convert column %s of table %s because constraint %s depends on it",
                            old.columns().get(column).name(), old.name(), key.name());
                }
            }
        }
    }
}
