package org.rustydb.storage.memory.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.memory.internal.durable.DatabaseImage;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.storage.memory.internal.durable.DurableStore;
import org.rustydb.storage.memory.internal.durable.RedoOp;
import org.rustydb.storage.memory.internal.durable.TableName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tables in memory. Changes are applied in place and recorded in a per-transaction
 * {@link UndoLog}, so rollback restores the previous state, DDL included. A row (or table) changed
 * by an active transaction is owned by it until it ends; others trying to change it get 55P03 at
 * once. Reads are not isolated yet: others see uncommitted changes, as at READ UNCOMMITTED.
 *
 * <p>Without a data directory the data lives as long as the engine. With one ({@link #open}),
 * each commit is logged and durable before it returns, and opening recovers exactly the
 * committed state.
 *
 * <p>Indexes share the schema's relation names with tables, as in PostgreSQL. Each is a sorted
 * structure maintained with every change ({@link MemoryIndex}); a table's unique keys are indexes
 * too, named after the constraint.
 */
public final class MemoryStorageEngine implements StorageEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryStorageEngine.class);

    private final Map<TableName, MemoryTable> tables = new ConcurrentHashMap<>();
    private final Map<TableName, MemoryIndex> indexes = new ConcurrentHashMap<>();
    private final Map<TableName, MemorySequence> sequences = new ConcurrentHashMap<>();
    private final Map<TableName, MemoryView> views = new ConcurrentHashMap<>();
    /** Sequence values handed out per log record, as PostgreSQL's SEQ_LOG_VALS. */
    static final int SEQUENCE_BATCH = 32;
    /** Guards the name mappings for create and drop, so the check and the change are one step. */
    private final Object catalogLock = new Object();
    /** See {@link #catalogVersion()}. */
    private final java.util.concurrent.atomic.AtomicLong catalogVersion = new java.util.concurrent.atomic.AtomicLong();
    private final Map<Long, UndoLog> undoLogs = new ConcurrentHashMap<>();
    /** Planner statistics per table, as last committed; kept in memory only (ANALYZE again after a restart). */
    private final Map<MemoryTable, TableStatistics> statistics = new ConcurrentHashMap<>();
    private final DurableStore store;
    private final MemorySchemas schemas;
    private volatile boolean shutDown;

    /** A purely in-memory engine. */
    public MemoryStorageEngine() {
        this.store = null;
        this.schemas = new MemorySchemas(catalogLock, List.of("public"));
    }

    private MemoryStorageEngine(DurableStore store) {
        this.store = store;
        DatabaseImage image = store.takeRecoveredImage();
        this.schemas = new MemorySchemas(catalogLock, image.schemas());
        image.sequences().forEach((name, recovered) -> sequences.put(name,
                new MemorySequence(recovered.definition(), 0, recovered.value(), recovered.called())));
        image.views().forEach((name, definition) -> views.put(name, new MemoryView(definition, 0)));
        for (DatabaseImage.TableImage recovered : image.tables().values()) {
            MemoryTable table = new MemoryTable(recovered.definition(), 0);
            recovered.rows().forEach(table::load);
            table.setNextRowId(recovered.nextRowId());
            recovered.indexes().forEach(table::loadIndex);
            tables.put(table.name(), table);
            for (MemoryIndex index : table.indexes().active()) {
                // only data written before index names were checked can clash; keep the first one
                if (indexes.putIfAbsent(index.name(), index) != null) {
                    LOG.warn("index name {} of table {} is taken by another index; it cannot be found by name",
                            index.name(), table.name());
                }
            }
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
        indexes.clear();
        sequences.clear();
        views.clear();
    }

    @Override
    public TableHandle createTable(Transaction txn, TableDefinition definition) {
        changesCatalog(txn);
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
        List<Runnable> restore = new ArrayList<>();
        synchronized (catalogLock) {
            claimName(txn, table.name());
            Set<String> keyNames = new HashSet<>(Set.of(definition.name()));
            for (MemoryIndex key : table.indexes().constraints()) {
                if (!keyNames.add(key.name().name())) {
                    throw duplicateRelation(key.name());
                }
                claimName(txn, key.name());
            }
            restore.add(put(tables, table.name(), table));
            for (MemoryIndex key : table.indexes().constraints()) {
                restore.add(put(indexes, key.name(), key));
            }
        }
        log.touch(table);
        log.onRollback(() -> {
            table.undoCreate();
            synchronized (catalogLock) {
                restore.forEach(Runnable::run);
            }
        });
        log.redo(new RedoOp.CreateTable(definition));
        return table;
    }

    /**
     * Checks that no relation of the schema has the name: 42P07 if one does, 55P03 if one that an
     * active transaction drops (it may come back) or creates (it may stay) is in the way. A name
     * the transaction itself dropped is free for it.
     */
    private void claimName(Transaction txn, TableName name) {
        schemas.checkNotBeingDropped(txn.id(), name.schema());
        MemoryTable table = tables.get(name);
        if (table != null) {
            checkFree(name, table.isDropped(), table.droppedBy(txn.id()), false);
        }
        MemoryIndex index = indexes.get(name);
        if (index != null) {
            checkFree(name, index.isDropped(), index.droppedBy(txn.id()), index.createdByOtherThan(txn.id()));
        }
        MemorySequence sequence = sequences.get(name);
        if (sequence != null) {
            checkFree(name, sequence.dropped, sequence.dropped && sequence.ddlOwner == txn.id(),
                    sequence.ddlOwner != 0 && sequence.ddlOwner != txn.id());
        }
        MemoryView view = views.get(name);
        if (view != null) {
            checkFree(name, view.dropped, view.dropped && view.ddlOwner == txn.id(),
                    view.ddlOwner != 0 && view.ddlOwner != txn.id());
        }
    }

    private static void checkFree(TableName name, boolean dropped, boolean droppedByTxn, boolean createdByOther) {
        if (dropped ? !droppedByTxn : createdByOther) {
            throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"", name.name());
        }
        if (!dropped) {
            throw duplicateRelation(name);
        }
    }

    private static DbException duplicateRelation(TableName name) {
        return DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name.name());
    }

    /** Maps a name, returning what undoes it; called and undone under the catalog lock. */
    private static <T> Runnable put(Map<TableName, T> map, TableName name, T value) {
        T previous = map.put(name, value);
        return () -> {
            if (previous != null) {
                map.replace(name, value, previous);
            } else {
                map.remove(name, value);
            }
        };
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
        changesCatalog(txn);
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
            statistics.remove(table);
            synchronized (catalogLock) {
                tables.remove(table.name(), table);
                for (MemoryIndex index : table.indexes().active()) {
                    indexes.remove(index.name(), index);
                }
            }
        });
        log.redo(new RedoOp.DropTable(table.name()));
    }

    @Override
    public void alterConstraints(Transaction txn, TableHandle handle, List<CheckConstraint> checks,
                                 List<ForeignKey> foreignKeys) {
        changesCatalog(txn);
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        TableDefinition altered;
        TableDefinition before;
        synchronized (catalogLock) {
            if (tables.get(table.name()) != table || table.isDropped()) {
                throw undefinedTable(table);
            }
            altered = table.definition().withConstraints(checks, foreignKeys);
            before = table.alterConstraints(txn.id(), altered);
        }
        log.touch(table);
        log.onRollback(() -> table.undoAlterConstraints(before));
        log.redo(new RedoOp.AlterConstraints(table.name(), checks, foreignKeys));
    }

    @Override
    public void alterTable(Transaction txn, TableHandle handle, TableDefinition definition, List<Integer> columnSources) {
        changesCatalog(txn);
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        MemoryTable fresh = MemoryAlterTable.alter(this, txn, table, definition, columnSources);
        TableStatistics before = statistics.get(table);
        if (before != null) {
            TableStatistics after = before.forColumns(columnSources);
            undoLog(txn).onCommit(() -> statistics.put(fresh, after));
        }
    }

    @Override
    public void convertColumns(Transaction txn, TableHandle handle, TableDefinition definition,
                               java.util.Set<Integer> converted, java.util.function.UnaryOperator<Object[]> conversion) {
        changesCatalog(txn);
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        MemoryTable fresh = MemoryAlterTable.convert(this, txn, table, definition, converted, conversion);
        TableStatistics before = statistics.get(table);
        if (before != null) {
            List<Integer> kept = new java.util.ArrayList<>();
            for (int i = 0; i < definition.columns().size(); i++) {
                kept.add(converted.contains(i) ? -1 : i);
            }
            TableStatistics after = before.forColumns(kept);
            undoLog(txn).onCommit(() -> statistics.put(fresh, after));
        }
    }

    @Override
    public void saveStatistics(Transaction txn, TableHandle handle, TableStatistics stats) {
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        undoLog(txn).onCommit(() -> {
            if (!table.isDropped()) {
                statistics.put(table, stats);
            }
        });
    }

    @Override
    public Optional<TableStatistics> statistics(TableHandle handle) {
        return Optional.ofNullable(statistics.get(table(handle)));
    }

    @Override
    public SequenceHandle createSequence(Transaction txn, SequenceDefinition definition) {
        changesCatalog(txn);
        UndoLog log = undoLog(txn);
        TableName name = new TableName(definition.schema(), definition.name());
        MemorySequence sequence = new MemorySequence(definition, txn.id(), definition.start(), false);
        Runnable restore;
        synchronized (catalogLock) {
            claimName(txn, name);
            restore = put(sequences, name, sequence);
        }
        log.onRollback(() -> {
            synchronized (catalogLock) {
                restore.run();
            }
        });
        log.onCommit(() -> {
            synchronized (catalogLock) {
                sequence.ddlOwner = 0;
            }
            synchronized (sequence) {
                if (sequence.loggedCalled) {
                    // values handed out while the creation was uncommitted: logged now, before the commit returns
                    logSequence(sequence, sequence.loggedValue, true);
                }
            }
        });
        log.redo(new RedoOp.CreateSequence(definition));
        return sequence;
    }

    @Override
    public Optional<SequenceHandle> findSequence(Transaction txn, String schema, String name) {
        checkOpen();
        MemorySequence sequence = sequences.get(new TableName(schema, name));
        return sequence == null || sequence.dropped ? Optional.empty() : Optional.of(sequence);
    }

    @Override
    public List<SequenceHandle> listSequences(Transaction txn) {
        checkOpen();
        return sequences.entrySet().stream()
                .filter(e -> !e.getValue().dropped)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> (SequenceHandle) e.getValue())
                .toList();
    }

    @Override
    public void dropSequence(Transaction txn, SequenceHandle handle) {
        changesCatalog(txn);
        MemorySequence sequence = sequence(handle);
        UndoLog log = undoLog(txn);
        TableName name = new TableName(sequence.definition().schema(), sequence.definition().name());
        synchronized (catalogLock) {
            if (sequences.get(name) != sequence || sequence.dropped) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name.name());
            }
            checkNotBusy(txn, sequence);
            sequence.dropped = true;
            sequence.ddlOwner = txn.id();
        }
        log.onRollback(() -> {
            synchronized (catalogLock) {
                sequence.dropped = false;
                sequence.ddlOwner = 0;
            }
        });
        log.onCommit(() -> {
            synchronized (catalogLock) {
                sequences.remove(name, sequence);
            }
        });
        log.redo(new RedoOp.DropSequence(name));
    }

    @Override
    public void alterSequence(Transaction txn, SequenceHandle handle, SequenceDefinition definition, Long restart,
                              boolean newGenerator) {
        changesCatalog(txn);
        MemorySequence sequence = sequence(handle);
        UndoLog log = undoLog(txn);
        SequenceDefinition old = sequence.definition();
        TableName oldName = new TableName(old.schema(), old.name());
        TableName newName = new TableName(definition.schema(), definition.name());
        long[] state = new long[2];
        boolean[] flags = new boolean[2];
        long previousAlterer;
        synchronized (catalogLock) {
            if (sequences.get(oldName) != sequence || sequence.dropped) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", old.name());
            }
            checkNotBusy(txn, sequence);
            if (!newName.equals(oldName)) {
                claimName(txn, newName);
            }
            synchronized (sequence) {
                definition.checkRestart(restart != null ? restart : sequence.last);
                state[0] = sequence.last;
                state[1] = sequence.loggedValue;
                flags[0] = sequence.called;
                flags[1] = sequence.loggedCalled;
                sequence.setDefinition(definition);
                if (restart != null) {
                    // what the commit logs (SequenceValue below): nextval logs ahead of it again
                    sequence.last = restart;
                    sequence.called = false;
                    sequence.loggedValue = restart;
                    sequence.loggedCalled = false;
                }
            }
            previousAlterer = sequence.alteredBy;
            sequence.alteredBy = txn.id();
            if (!newName.equals(oldName)) {
                sequences.remove(oldName, sequence);
                sequences.put(newName, sequence);
            }
        }
        log.onRollback(() -> {
            synchronized (catalogLock) {
                if (!newName.equals(oldName)) {
                    sequences.remove(newName, sequence);
                    sequences.put(oldName, sequence);
                }
                sequence.alteredBy = previousAlterer;
                synchronized (sequence) {
                    sequence.setDefinition(old);
                    if (newGenerator) {
                        // as PostgreSQL: the values made since the alteration go with it
                        sequence.last = state[0];
                        sequence.called = flags[0];
                        sequence.loggedValue = state[1];
                        sequence.loggedCalled = flags[1];
                    } else if (previousAlterer == 0 && (sequence.loggedValue != state[1]
                            || sequence.loggedCalled != flags[1])) {
                        logSequence(sequence, sequence.loggedValue, sequence.loggedCalled);
                    }
                }
            }
        });
        log.onCommit(() -> {
            synchronized (catalogLock) {
                sequence.alteredBy = 0;
            }
            synchronized (sequence) {
                // values handed out while the alteration was uncommitted: logged now, before the commit returns
                logSequence(sequence, sequence.loggedValue, sequence.loggedCalled);
            }
        });
        // replayed as the old sequence dropped and the new one made, going on from where it stood
        log.redo(new RedoOp.DropSequence(oldName));
        log.redo(new RedoOp.CreateSequence(definition));
        log.redo(restart != null ? new RedoOp.SequenceValue(newName, restart, false)
                : new RedoOp.SequenceValue(newName, state[1], flags[1]));
    }

    /** 55P03 when another transaction in progress creates, drops or alters the sequence. */
    private static void checkNotBusy(Transaction txn, MemorySequence sequence) {
        if ((sequence.ddlOwner != 0 && sequence.ddlOwner != txn.id())
                || (sequence.alteredBy != 0 && sequence.alteredBy != txn.id())) {
            throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                    sequence.definition().name());
        }
    }

    @Override
    public ViewHandle createView(Transaction txn, ViewDefinition definition) {
        changesCatalog(txn);
        UndoLog log = undoLog(txn);
        TableName name = new TableName(definition.schema(), definition.name());
        MemoryView view = new MemoryView(definition, txn.id());
        Runnable restore;
        synchronized (catalogLock) {
            claimName(txn, name);
            restore = put(views, name, view);
        }
        log.onRollback(() -> {
            synchronized (catalogLock) {
                restore.run();
            }
        });
        log.onCommit(() -> {
            synchronized (catalogLock) {
                view.ddlOwner = 0;
            }
        });
        log.redo(new RedoOp.CreateView(definition));
        return view;
    }

    @Override
    public Optional<ViewHandle> findView(Transaction txn, String schema, String name) {
        checkOpen();
        MemoryView view = views.get(new TableName(schema, name));
        return view == null || view.dropped ? Optional.empty() : Optional.of(view);
    }

    @Override
    public List<ViewHandle> listViews(Transaction txn) {
        checkOpen();
        return views.entrySet().stream()
                .filter(e -> !e.getValue().dropped)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> (ViewHandle) e.getValue())
                .toList();
    }

    @Override
    public void dropView(Transaction txn, ViewHandle handle) {
        changesCatalog(txn);
        checkOpen();
        if (!(handle instanceof MemoryView view)) {
            throw new IllegalArgumentException("not a view of the memory engine: " + handle);
        }
        UndoLog log = undoLog(txn);
        TableName name = new TableName(view.definition().schema(), view.definition().name());
        synchronized (catalogLock) {
            if (views.get(name) != view || view.dropped) {
                throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name.name());
            }
            if (view.ddlOwner != 0 && view.ddlOwner != txn.id()) {
                throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                        name.name());
            }
            view.dropped = true;
            view.ddlOwner = txn.id();
        }
        log.onRollback(() -> {
            synchronized (catalogLock) {
                view.dropped = false;
                view.ddlOwner = 0;
            }
        });
        log.onCommit(() -> {
            synchronized (catalogLock) {
                views.remove(name, view);
            }
        });
        log.redo(new RedoOp.DropView(name));
    }

    @Override
    public void createSchema(Transaction txn, String name) {
        changesCatalog(txn);
        schemas.create(undoLog(txn), txn.id(), name);
    }

    @Override
    public void dropSchema(Transaction txn, String name) {
        changesCatalog(txn);
        UndoLog log = undoLog(txn);
        schemas.drop(log, txn.id(), name, schema -> holdsRelations(txn.id(), schema));
    }

    @Override
    public void renameSchema(Transaction txn, String from, String to) {
        changesCatalog(txn);
        UndoLog log = undoLog(txn);
        schemas.rename(log, txn.id(), from, to, schema -> holdsRelations(txn.id(), schema));
    }

    @Override
    public boolean schemaExists(Transaction txn, String name) {
        checkOpen();
        return schemas.exists(name);
    }

    @Override
    public List<String> listSchemas(Transaction txn) {
        checkOpen();
        return schemas.list();
    }

    /** True when a relation of the schema is there and not being dropped by {@code txn}; under the catalog lock. */
    private boolean holdsRelations(long txn, String schema) {
        return tables.values().stream().anyMatch(t -> t.name().schema().equals(schema) && !t.droppedBy(txn))
                || indexes.values().stream().anyMatch(i -> i.name().schema().equals(schema) && !i.droppedBy(txn))
                || sequences.entrySet().stream().anyMatch(e -> e.getKey().schema().equals(schema)
                        && !(e.getValue().dropped && e.getValue().ddlOwner == txn))
                || views.entrySet().stream().anyMatch(e -> e.getKey().schema().equals(schema)
                        && !(e.getValue().dropped && e.getValue().ddlOwner == txn));
    }

    @Override
    public long nextValue(Transaction txn, SequenceHandle handle) {
        MemorySequence sequence = liveSequence(txn, handle);
        synchronized (sequence) {
            long next = sequence.peekNext();
            long inc = sequence.definition().increment();
            boolean wrapped = sequence.called && (inc > 0 ? next < sequence.last : next > sequence.last);
            if (wrapped || !sequence.covered(next)) {
                logSequence(sequence, sequence.batchEnd(next, SEQUENCE_BATCH), true);
            }
            sequence.last = next;
            sequence.called = true;
            return next;
        }
    }

    @Override
    public void setValue(Transaction txn, SequenceHandle handle, long value, boolean called) {
        MemorySequence sequence = liveSequence(txn, handle);
        synchronized (sequence) {
            logSequence(sequence, value, called);
            sequence.last = value;
            sequence.called = called;
        }
    }

    /**
     * Logs where a sequence goes on from after a crash, at once and outside any transaction. A
     * sequence whose creation or alteration has not committed is logged with that transaction instead.
     */
    private void logSequence(MemorySequence sequence, long value, boolean called) {
        if (store != null && sequence.ddlOwner == 0 && sequence.alteredBy == 0) {
            store.commit(0, List.of(new RedoOp.SequenceValue(
                    new TableName(sequence.definition().schema(), sequence.definition().name()), value, called)));
        }
        sequence.loggedValue = value;
        sequence.loggedCalled = called;
    }

    private MemorySequence liveSequence(Transaction txn, SequenceHandle handle) {
        MemorySequence sequence = sequence(handle);
        long alterer = sequence.alteredBy;
        if (alterer != 0 && alterer != txn.id()) {
            // PostgreSQL's nextval waits for the lock ALTER SEQUENCE holds; this engine cannot wait
            throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                    sequence.definition().name());
        }
        if (sequence.dropped && sequence.ddlOwner == 0) {
            throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                    sequence.definition().name());
        }
        return sequence;
    }

    private MemorySequence sequence(SequenceHandle handle) {
        checkOpen();
        if (!(handle instanceof MemorySequence sequence)) {
            throw new IllegalArgumentException("not a sequence of the memory engine: " + handle);
        }
        return sequence;
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

    /** Row by row: rows in memory gain nothing from being stored together. */
    @Override
    public List<RowId> insertAll(Transaction txn, TableHandle handle, List<Object[]> rows,
                                 java.util.function.IntConsumer failedRow) {
        List<RowId> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            try {
                ids.add(insert(txn, handle, row));
            } catch (RuntimeException e) {
                failedRow.accept(ids.size());
                throw e;
            }
        }
        return ids;
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

    /** Every strength takes the row's write ownership; a conflict fails at once (55P03), as writes do here. */
    @Override
    public boolean lockRow(Transaction txn, TableHandle handle, RowId rowId, Object[] expected,
                           RowLockStrength strength, WaitPolicy policy) {
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        log.touch(table);
        return table.lock(txn.id(), rowId.value(), expected, policy == WaitPolicy.SKIP_LOCKED);
    }

    /** Rows are changed in place here: the newest version is the row itself. */
    @Override
    public Optional<RowVersion> latestVersion(Transaction txn, TableHandle handle, RowId rowId) {
        Object[] current = table(handle).current(rowId.value());
        return current == null ? Optional.empty() : Optional.of(new RowVersion(rowId, current));
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle handle) {
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        return Cursors.table(table, this::checkOpen);
    }

    @Override
    public IndexHandle createIndex(Transaction txn, TableHandle handle, IndexDefinition definition) {
        changesCatalog(txn);
        MemoryTable table = table(handle);
        UndoLog log = undoLog(txn);
        TableName name = new TableName(table.name().schema(), definition.name());
        MemoryIndex index;
        Runnable restore;
        synchronized (catalogLock) {
            if (table.isDropped()) {
                throw undefinedTable(table);
            }
            claimName(txn, name);
            index = table.createIndex(txn.id(), definition);
            restore = put(indexes, name, index);
        }
        log.touch(table);
        log.onRollback(() -> {
            table.undoCreateIndex(index);
            synchronized (catalogLock) {
                restore.run();
            }
        });
        log.redo(new RedoOp.CreateIndex(table.name(), definition));
        return index;
    }

    @Override
    public void dropIndex(Transaction txn, IndexHandle handle) {
        changesCatalog(txn);
        MemoryIndex index = index(handle);
        UndoLog log = undoLog(txn);
        MemoryTable table = index.table();
        table.dropIndex(txn.id(), index);
        log.touch(table);
        // the name stays taken until commit, while the drop may be undone
        log.onRollback(() -> table.undoDropIndex(index));
        log.onCommit(() -> {
            synchronized (catalogLock) {
                indexes.remove(index.name(), index);
            }
        });
        log.redo(new RedoOp.DropIndex(table.name(), index.definition().name()));
    }

    @Override
    public Optional<IndexHandle> findIndex(Transaction txn, String schema, String name) {
        checkOpen();
        MemoryIndex index = indexes.get(new TableName(schema, name));
        return index == null || !index.visibleTo(txn.id()) ? Optional.empty() : Optional.of(index);
    }

    @Override
    public List<IndexHandle> indexes(Transaction txn, TableHandle handle) {
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        return List.copyOf(table.indexes().visibleTo(txn.id()));
    }

    @Override
    public RowCursor scanIndex(Transaction txn, IndexHandle handle, KeyRange range, boolean descending) {
        MemoryIndex index = index(handle);
        if (!index.visibleTo(txn.id())) {
            throw MemoryTable.undefinedIndex(index);
        }
        return Cursors.index(index, range, descending, this::checkOpen);
    }

    /**
     * The rows are in memory, so the index entry never saves reading one: this answers from the
     * rows, copying the key columns, and counts no heap fetches.
     */
    @Override
    public IndexOnlyCursor scanIndexOnly(Transaction txn, IndexHandle handle, KeyRange range, boolean descending) {
        return Cursors.keysOnly(scanIndex(txn, handle, range, descending), index(handle).definition().columns());
    }

    /**
     * Nothing to reclaim: updates replace rows in place and deletes remove them at once (the undo
     * log keeps what a rollback needs only while its transaction runs), so no dead versions
     * accumulate. Reports the rows there are.
     */
    @Override
    public VacuumResult vacuum(TableHandle handle) {
        MemoryTable table = table(handle);
        if (table.isDropped()) {
            throw undefinedTable(table);
        }
        return new VacuumResult(0, table.rows().size(), 0, 0, 0, 0);
    }

    /** Before a catalog change: the catalog version moves now, and again when the transaction ends or rolls back to a savepoint. */
    private void changesCatalog(Transaction txn) {
        undoLog(txn).changesCatalog(catalogVersion::incrementAndGet);
        catalogVersion.incrementAndGet();
    }

    /**
     * Moves before every catalog change and again after the transaction that made it ended (its
     * commit actions or undo done) or rolled back to a savepoint: a change, visible at once, lies
     * between two moves, so a name resolved while the version stays the same resolves the same.
     */
    @Override
    public long catalogVersion() {
        return catalogVersion.get();
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

    private MemoryIndex index(IndexHandle handle) {
        checkOpen();
        if (!(handle instanceof MemoryIndex index)) {
            throw new IllegalArgumentException("not an index of the memory engine: " + handle);
        }
        return index;
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
