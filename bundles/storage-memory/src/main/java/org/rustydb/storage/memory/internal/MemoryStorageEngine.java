package org.rustydb.storage.memory.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * Keeps tables in memory. Changes are applied in place and recorded in a per-transaction
 * {@link UndoLog}, so rollback restores the previous state, DDL included. There is no isolation
 * between concurrent transactions yet (others see uncommitted changes, as at READ UNCOMMITTED);
 * MVCC arrives with the transaction issue. Data lives as long as the engine instance.
 */
public final class MemoryStorageEngine implements StorageEngine {
    private final Map<String, MemoryTable> tables = new ConcurrentHashMap<>();
    private final Map<Long, UndoLog> undoLogs = new ConcurrentHashMap<>();
    private volatile boolean shutDown;

    @Override
    public String name() {
        return "memory";
    }

    /** Refuses all further work with 57P03; called when the bundle stops. */
    public void shutDown() {
        shutDown = true;
        tables.clear();
        undoLogs.clear();
    }

    @Override
    public TableHandle createTable(Transaction txn, TableDefinition definition) {
        checkOpen();
        MemoryTable table = new MemoryTable(definition);
        if (tables.putIfAbsent(table.qualifiedName(), table) != null) {
            throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", definition.name());
        }
        undoLog(txn).onRollback(() -> {
            table.setDropped(true);
            tables.remove(table.qualifiedName(), table);
        });
        return table;
    }

    @Override
    public Optional<TableHandle> findTable(Transaction txn, String schema, String name) {
        checkOpen();
        return Optional.ofNullable(tables.get(schema + "." + name));
    }

    @Override
    public List<TableHandle> listTables(Transaction txn) {
        checkOpen();
        return tables.values().stream()
                .sorted(Comparator.comparing(MemoryTable::qualifiedName))
                .map(TableHandle.class::cast)
                .toList();
    }

    @Override
    public void dropTable(Transaction txn, TableHandle handle) {
        MemoryTable table = live(handle);
        if (!tables.remove(table.qualifiedName(), table)) {
            throw undefinedTable(table);
        }
        table.setDropped(true);
        undoLog(txn).onRollback(() -> {
            table.setDropped(false);
            tables.putIfAbsent(table.qualifiedName(), table);
        });
    }

    @Override
    public RowId insert(Transaction txn, TableHandle handle, Object[] values) {
        MemoryTable table = live(handle);
        UndoLog log = undoLog(txn);
        long id = table.insert(values);
        log.onRollback(() -> table.remove(id));
        return table.rowId(id);
    }

    @Override
    public void update(Transaction txn, TableHandle handle, RowId row, Object[] values) {
        MemoryTable table = live(handle);
        UndoLog log = undoLog(txn);
        Object[] old = table.update(row.value(), values);
        if (old != null) {
            log.onRollback(() -> table.update(row.value(), old));
        }
    }

    @Override
    public void delete(Transaction txn, TableHandle handle, RowId row) {
        MemoryTable table = live(handle);
        UndoLog log = undoLog(txn);
        Object[] old = table.remove(row.value());
        if (old != null) {
            log.onRollback(() -> table.restore(row.value(), old));
        }
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle handle) {
        MemoryTable table = live(handle);
        Iterator<Map.Entry<Long, Object[]>> it = table.rows().entrySet().iterator();
        return new RowCursor() {
            private Map.Entry<Long, Object[]> current;

            @Override
            public boolean next() {
                checkOpen();
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public RowId rowId() {
                return new RowId(current.getKey());
            }

            @Override
            public Object[] row() {
                return current.getValue();
            }

            @Override
            public void close() {
                current = null;
            }
        };
    }

    private UndoLog undoLog(Transaction txn) {
        checkOpen();
        if (txn.isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION,
                    "cannot execute this statement in a read-only transaction");
        }
        UndoLog log = undoLogs.computeIfAbsent(txn.id(), id -> new UndoLog(t -> undoLogs.remove(t.id())));
        txn.enlist(log);
        return log;
    }

    private MemoryTable live(TableHandle handle) {
        checkOpen();
        if (!(handle instanceof MemoryTable table)) {
            throw new IllegalArgumentException("not a table of the memory engine: " + handle);
        }
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        return table;
    }

    private static DbException undefinedTable(MemoryTable table) {
        return DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", table.definition().name());
    }

    private void checkOpen() {
        if (shutDown) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW, "the memory storage engine has been shut down");
        }
    }
}
