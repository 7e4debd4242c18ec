package org.rustydb.storage.memory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * ALTER TABLE in the memory engine: the table is rebuilt under the new definition in the same
 * transaction (dropped, created again, its rows copied through the column mapping, its created
 * indexes made again with their columns renumbered). Each step has its undo and its redo op, so
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
        for (Map.Entry<Long, Object[]> entry : table.rows().entrySet()) {
            Object[] row = new Object[sources.size()];
            for (int i = 0; i < row.length; i++) {
                int source = sources.get(i);
                row[i] = source < 0 ? null : entry.getValue()[source];
                if (row[i] == null && definition.columns().get(i).notNull()
                        && (source < 0 || !old.columns().get(source).notNull())) {
                    throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                            "column \"%s\" of relation \"%s\" contains null values",
                            definition.columns().get(i).name(), definition.name());
                }
            }
            rows.add(row);
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
}
