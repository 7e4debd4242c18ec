package org.rustydb.storage.memory.internal;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.memory.internal.durable.DatabaseImage;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.storage.memory.internal.durable.DurableStore;
import org.rustydb.storage.memory.internal.durable.RedoOp;
import org.rustydb.storage.memory.internal.durable.TableName;

/**
 * Keeps tables in memory. Changes are applied in place and recorded in a per-transaction
 * {@link UndoLog}, so rollback restores the previous state, DDL included. A row (or table) changed
 * by an active transaction is owned by it until it ends; others trying to change it get 55P03 at
 * once. Reads are not isolated yet: others see uncommitted changes, as at READ UNCOMMITTED.
 *
 * <p>Without a data directory the data lives as long as the engine. With one ({@link #open}),
 * each commit is logged and durable before it returns, and opening recovers exactly the
 * committed state.
 */
public final class MemoryStorageEngine implements StorageEngine {
    private final Map<TableName, MemoryTable> tables = new ConcurrentHashMap<>();
    /** Guards the name to table mapping for create and drop, so the check and the change are one step. */
    private final Object catalogLock = new Object();
    private final Map<Long, UndoLog> undoLogs = new ConcurrentHashMap<>();
    private final DurableStore store;
    private volatile boolean shutDown;

    /** A purely in-memory engine. */
    public MemoryStorageEngine() {
        this.store = null;
    }

    private MemoryStorageEngine(DurableStore store) {
        this.store = store;
        DatabaseImage image = store.takeRecoveredImage();
        for (DatabaseImage.TableImage recovered : image.tables().values()) {
            MemoryTable table = new MemoryTable(recovered.definition(), 0);
            recovered.rows().forEach(table::load);
            table.setNextRowId(recovered.nextRowId());
            tables.put(table.name(), table);
        }
    }

    /**
     * A durable engine over {@code dataDirectory}, recovering what is there. 55P03 if another
     * engine has the directory open, XX001 if its files are damaged.
     */
    public static MemoryStorageEngine open(Path dataDirectory, DurabilityOptions options) {
        DurableStore store = DurableStore.open(dataDirectory, options);
        try {
            return new MemoryStorageEngine(store);
        } catch (RuntimeException e) {
            store.halt();
            throw e;
        }
    }

    @Override
    public String name() {
        return "memory";
    }

    /** The files behind this engine, or empty when it is purely in memory. */
    public Optional<DurableStore> store() {
        return Optional.ofNullable(store);
    }

    /**
     * Refuses all further work with 57P03; called when the bundle stops. A durable engine waits
     * for commits in flight, writes a final snapshot and closes its files. Active transactions
     * are not rolled back here (the transaction manager does that); they can no longer commit.
     */
    public void shutDown() {
        shutDown = true;
        if (store != null) {
            store.close();
        }
        tables.clear();
    }

    @Override
    public TableHandle createTable(Transaction txn, TableDefinition definition) {
        UndoLog log = undoLog(txn);
        if (store != null) {
            for (ColumnDefinition column : definition.columns()) {
                if (!ValueCodec.supports(column.type().javaClass())) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "type %s cannot be stored by the durable memory engine yet", column.type().sqlName());
                }
            }
        }
        MemoryTable table = new MemoryTable(definition, txn.id());
        MemoryTable replaced;
        synchronized (catalogLock) {
            replaced = tables.get(table.name());
            if (replaced != null) {
                if (!replaced.isDropped()) {
                    throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", definition.name());
                }
                // dropped by a transaction still active: by this one the name is free, by another it may come back
                if (!replaced.droppedBy(txn.id())) {
                    throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                            definition.name());
                }
            }
            tables.put(table.name(), table);
        }
        log.touch(table);
        log.onRollback(() -> {
            table.undoCreate();
            synchronized (catalogLock) {
                if (replaced != null) {
                    tables.replace(table.name(), table, replaced);
                } else {
                    tables.remove(table.name(), table);
                }
            }
        });
        log.redo(new RedoOp.CreateTable(definition));
        return table;
    }

    @Override
    public Optional<TableHandle> findTable(Transaction txn, String schema, String name) {
        checkOpen();
        MemoryTable table = tables.get(new TableName(schema, name));
        return table == null || table.isDropped() ? Optional.empty() : Optional.of(table);
    }

    @Override
    public List<TableHandle> listTables(Transaction txn) {
        checkOpen();
        return tables.values().stream()
                .filter(t -> !t.isDropped())
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(TableHandle.class::cast)
                .toList();
    }

    @Override
    public void dropTable(Transaction txn, TableHandle handle) {
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        synchronized (catalogLock) {
            if (tables.get(table.name()) != table) {
                throw undefinedTable(table);
            }
            table.drop(txn.id());
        }
        log.touch(table);
        // The entry stays until commit, keeping the name taken while the drop may be undone.
        log.onRollback(table::undoDrop);
        log.onCommit(() -> {
            synchronized (catalogLock) {
                tables.remove(table.name(), table);
            }
        });
        log.redo(new RedoOp.DropTable(table.name()));
    }

    @Override
    public RowId insert(Transaction txn, TableHandle handle, Object[] values) {
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        Object[] row = table.checkedCopy(values);
        log.touch(table);
        long id = table.insert(txn.id(), row);
        log.onRollback(() -> table.undoInsert(id));
        log.redo(new RedoOp.Insert(table.name(), id, row));
        return new RowId(id);
    }

    @Override
    public void update(Transaction txn, TableHandle handle, RowId rowId, Object[] values) {
        update(txn, handle, rowId, null, values);
    }

    @Override
    public void update(Transaction txn, TableHandle handle, RowId rowId, Object[] expected, Object[] values) {
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        Object[] row = table.checkedCopy(values);
        log.touch(table);
        long id = rowId.value();
        Object[] old = table.update(txn.id(), id, expected, row);
        if (old != null) {
            log.onRollback(() -> table.undoChange(id, old));
            log.redo(new RedoOp.Update(table.name(), id, row));
        }
    }

    @Override
    public void delete(Transaction txn, TableHandle handle, RowId rowId) {
        delete(txn, handle, rowId, null);
    }

    @Override
    public void delete(Transaction txn, TableHandle handle, RowId rowId, Object[] expected) {
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        log.touch(table);
        long id = rowId.value();
        Object[] old = table.delete(txn.id(), id, expected);
        if (old != null) {
            log.onRollback(() -> table.undoChange(id, old));
            log.redo(new RedoOp.Delete(table.name(), id));
        }
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle handle) {
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
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
        UndoLog log = undoLogs.computeIfAbsent(txn.id(), id -> new UndoLog(store, t -> undoLogs.remove(t.id())));
        txn.enlist(log);
        return log;
    }

    private MemoryTable table(TableHandle handle) {
        checkOpen();
        if (!(handle instanceof MemoryTable table)) {
            throw new IllegalArgumentException("not a table of the memory engine: " + handle);
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
