package org.rustydb.storage.paged.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
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
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.log.internal.rows.RowChecks;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;
import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;
import org.rustydb.storage.paged.internal.ssi.SsiTracker;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * The disk-based storage engine: tables are heaps of MVCC tuples on slotted pages, indexes are
 * B+trees, the catalog is a heap too, and everything goes through the buffer pool and the
 * write-ahead log of a {@link PagedStore}.
 *
 * <p>Visibility (until snapshots arrive with the transaction work): a transaction sees tuples
 * whose creator committed or is itself, and that no committed transaction and not itself deleted
 * — READ COMMITTED evaluated row by row. Writers never wait: a row or table another active
 * transaction changed gives 55P03 at once, a row changed since the caller read it 40001.
 */
public final class PagedStorageEngine implements StorageEngine {
    private final PagedStore store;
    private final Catalog catalog = new Catalog();
    /** See {@link #catalogVersion()}. */
    private final java.util.concurrent.atomic.AtomicLong catalogVersion = new java.util.concurrent.atomic.AtomicLong();
    private final TableRows rows;
    private final IndexOperations indexOps;
    private final SavepointUndo savepointUndo;
    private final TableAlterations alterations;
    private final Sequences sequences;
    private final Views views;
    private final Schemas schemas;
    private final Map<Long, TxnWork> work = new ConcurrentHashMap<>();
    private final List<Integer> droppedFiles = new ArrayList<>();
    private final Checkpointer checkpointer;
    private final RowWaits waits;
    private final SsiTracker serializable = new SsiTracker();
    private final EngineVacuum vacuums;
    private volatile boolean shutDown;

    private PagedStorageEngine(PagedStore store) {
        this.store = store;
        this.rows = new TableRows(store.xacts());
        this.indexOps = new IndexOperations(this, rows, catalog);
        this.waits = new RowWaits(store.xacts(), work.values());
        this.schemas = new Schemas(this, catalog);
        this.alterations = new TableAlterations(this, rows, catalog);
        this.sequences = new Sequences(this, catalog);
        this.savepointUndo = new SavepointUndo(store, catalog, schemas, sequences);
        this.views = new Views(this, catalog);
        new CatalogLoader(store, rows, catalog, schemas, sequences).load();
        store.deleteOrphanFiles(catalog.liveFiles());
        store.clearTemporaryDirectory();
        this.checkpointer = new Checkpointer(this);
        this.vacuums = new EngineVacuum(this, store.options().vacuum());
    }

    /** Opens a database directory, recovering it after a crash; 55P03 if in use, XX001 if damaged. */
    public static PagedStorageEngine open(Path dir, PagedOptions options) {
        PagedStore store;
        try {
            store = PagedStore.open(dir, options);
        } catch (IOException e) {
            throw IoErrors.wrap("could not open the data directory \"" + dir + "\"", e);
        }
        try {
            PagedStorageEngine engine = new PagedStorageEngine(store);
            engine.checkpoint();
            engine.checkpointer.start();
            engine.vacuums.start();
            return engine;
        } catch (RuntimeException e) {
            store.halt();
            throw e;
        }
    }

    @Override
    public String name() {
        return "paged";
    }

    @Override
    public Optional<Path> temporaryDirectory() {
        return Optional.of(store.temporaryDirectory());
    }

    public PagedStore store() {
        return store;
    }

    /** Takes a checkpoint now, deleting the files of relations whose drop has committed. */
    public void checkpoint() {
        List<Integer> drops;
        synchronized (droppedFiles) {
            drops = new ArrayList<>(droppedFiles);
            droppedFiles.clear();
        }
        try {
            store.checkpoint(drops, () -> {
                for (PagedTable table : catalog.tables()) {
                    store.saveFreeSpaceMap(table.heap());
                }
            });
        } catch (IOException e) {
            synchronized (droppedFiles) {
                droppedFiles.addAll(drops);
            }
            throw IoErrors.wrap("checkpoint failed", e);
        }
    }

    boolean checkpointDue() {
        return !shutDown && store.checkpointDue();
    }

    /** Refuses further work with 57P03, checkpoints and closes the files. */
    public void shutDown() {
        shutDown = true;
        vacuums.close();
        checkpointer.close();
        try {
            store.close();
        } catch (IOException e) {
            throw IoErrors.wrap("closing the data directory failed", e);
        }
    }

    /** Stops at once as a crash would, without a checkpoint; for recovery tests. */
    public void halt() {
        shutDown = true;
        vacuums.close();
        checkpointer.close();
        store.halt();
    }

    @Override
    public TableHandle createTable(Transaction txn, TableDefinition definition) {
        TxnWork w = catalogWork(txn);
        for (ColumnDefinition column : definition.columns()) {
            if (!ValueCodec.supports(column.type().javaClass())) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %s cannot be stored by the paged engine yet",
                        column.type().sqlName());
            }
        }
        long xid = w.xid();
        synchronized (catalog) {
            checkNameFree(xid, definition.schema(), definition.name());
            for (UniqueKey key : definition.uniqueKeys()) {
                checkNameFree(xid, definition.schema(), key.name());
            }
            int heapFile = store.allocateFileId();
            List<Integer> indexFiles = new ArrayList<>();
            for (int i = 0; i < definition.uniqueKeys().size(); i++) {
                indexFiles.add(store.allocateFileId());
            }
            RelationRecord record = new RelationRecord(heapFile, definition, indexFiles);
            store.disk().createFile(heapFile);
            HeapFile heap = HeapFile.create(store.pool(), store.log(), heapFile, rows.pruneFilter());
            long catalogRow = store.catalogHeap().insert(xid, record.encode());
            PagedTable table = new PagedTable(record, catalogRow, xid, heap);
            for (int i = 0; i < indexFiles.size(); i++) {
                store.disk().createFile(indexFiles.get(i));
                BTree tree = BTree.create(store.pool(), store.log(), indexFiles.get(i), true);
                table.indexes().add(PagedIndex.forKey(table, definition.uniqueKeys().get(i), indexFiles.get(i), tree));
            }
            register(table);
            w.tableCreated(table);
            return table;
        }
    }

    /** 42P07 if a relation of that name is visible; 55P03 if another active transaction is creating or dropping one. */
    void checkNameFree(long xid, String schema, String name) {
        schemas.checkNotBeingDropped(xid, schema);
        for (Relation version : catalog.versions(schema, name)) {
            // one being created or dropped by another transaction may yet come or stay: wait for it (fail fast)
            if (inProgressOther(version.createdBy(), xid) || inProgressOther(version.droppedBy(), xid)) {
                throw tableLocked(name);
            }
            if (rows.visible(xid, version.createdBy(), version.droppedBy())) {
                throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
            }
        }
    }

    boolean inProgressOther(long other, long me) {
        return other != 0 && other != me && rows.xacts().state(other) == XactManager.State.IN_PROGRESS;
    }

    private void register(PagedTable table) {
        catalog.add(table);
        for (PagedIndex index : table.indexes()) {
            catalog.add(index);
        }
    }

    private void unregister(PagedTable table) {
        catalog.remove(table);
        for (PagedIndex index : table.indexes()) {
            catalog.remove(index);
        }
    }

    @Override
    public Optional<TableHandle> findTable(Transaction txn, String schema, String name) {
        checkOpen();
        long me = currentXid(txn);
        for (Relation version : catalog.versions(schema, name)) {
            if (version instanceof PagedTable table && rows.visible(me, table.createdBy(), table.droppedBy())) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<TableHandle> listTables(Transaction txn) {
        checkOpen();
        long me = currentXid(txn);
        List<TableHandle> out = new ArrayList<>();
        for (PagedTable table : catalog.tables()) {
            if (rows.visible(me, table.createdBy(), table.droppedBy())) {
                out.add(table);
            }
        }
        return out;
    }

    @Override
    public void dropTable(Transaction txn, TableHandle handle) {
        PagedTable table = table(handle);
        TxnWork w = catalogWork(txn);
        long xid = w.xid();
        synchronized (catalog) {
            table.ddlLock().writeLock().lock();
            try {
                if (inProgressOther(table.createdBy(), xid) || inProgressOther(table.droppedBy(), xid)
                        || inProgressOther(table.alteredBy(), xid)) {
                    throw tableLocked(table.name());
                }
                if (!rows.visible(xid, table.createdBy(), table.droppedBy())) {
                    throw undefinedTable(table);
                }
                checkNoOtherWriters(table, xid);
                claimCatalogTuple(table.catalogRowId(), xid, table.name());
                for (PagedIndex index : table.indexes()) {
                    if (!index.isConstraint() && index.droppedBy() == 0) {
                        claimCatalogTuple(index.catalogRowId(), xid, index.name());
                    }
                }
                table.statistics().claimAll(this, xid, table.name());
                table.setDroppedBy(xid);
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
        w.tableDropped(table);
    }

    @Override
    public void alterConstraints(Transaction txn, TableHandle handle, List<CheckConstraint> checks,
                                 List<ForeignKey> foreignKeys) {
        alterations.alterConstraints(catalogWork(txn), table(handle), checks, foreignKeys);
    }

    @Override
    public void alterTable(Transaction txn, TableHandle handle, TableDefinition definition, List<Integer> columnSources) {
        alterations.alterTable(catalogWork(txn), table(handle), definition, columnSources);
    }

    @Override
    public void convertColumns(Transaction txn, TableHandle handle, TableDefinition definition,
                               java.util.Set<Integer> converted, java.util.function.UnaryOperator<Object[]> conversion) {
        List<TableAlterations.Converted> rewritten = alterations.convertColumns(catalogWork(txn), table(handle), definition,
                converted, conversion);
        // each row gets a new version through the ordinary update, which logs it, indexes it and undoes it
        for (TableAlterations.Converted row : rewritten) {
            update(txn, handle, row.row(), row.values());
        }
    }

    @Override
    public SequenceHandle createSequence(Transaction txn, SequenceDefinition definition) {
        return sequences.create(catalogWork(txn), definition);
    }

    @Override
    public void alterSequence(Transaction txn, SequenceHandle sequence, SequenceDefinition definition, Long restart,
                              boolean newGenerator) {
        sequences.alter(catalogWork(txn), sequence(sequence), definition, restart, newGenerator);
    }

    @Override
    public Optional<SequenceHandle> findSequence(Transaction txn, String schema, String name) {
        checkOpen();
        return sequences.find(currentXid(txn), schema, name);
    }

    @Override
    public List<SequenceHandle> listSequences(Transaction txn) {
        checkOpen();
        return sequences.list(currentXid(txn));
    }

    @Override
    public void dropSequence(Transaction txn, SequenceHandle sequence) {
        sequences.drop(catalogWork(txn), sequence(sequence));
    }

    /** Not part of the transaction: works in read-only transactions too, as PostgreSQL's nextval does not. */
    @Override
    public void createSchema(Transaction txn, String name) {
        schemas.create(catalogWork(txn), name);
    }

    @Override
    public void dropSchema(Transaction txn, String name) {
        schemas.drop(catalogWork(txn), name);
    }

    @Override
    public void renameSchema(Transaction txn, String from, String to) {
        schemas.rename(catalogWork(txn), from, to);
    }

    @Override
    public boolean schemaExists(Transaction txn, String name) {
        checkOpen();
        return schemas.exists(currentXid(txn), name);
    }

    @Override
    public List<String> listSchemas(Transaction txn) {
        checkOpen();
        return schemas.list(currentXid(txn));
    }

    @Override
    public long nextValue(Transaction txn, SequenceHandle sequence) {
        return sequences.next(currentXid(txn), sequence(sequence));
    }

    @Override
    public void setValue(Transaction txn, SequenceHandle sequence, long value, boolean called) {
        sequences.set(currentXid(txn), sequence(sequence), value, called);
    }

    @Override
    public ViewHandle createView(Transaction txn, ViewDefinition definition) {
        return views.create(catalogWork(txn), definition);
    }

    @Override
    public Optional<ViewHandle> findView(Transaction txn, String schema, String name) {
        checkOpen();
        return views.find(currentXid(txn), schema, name);
    }

    @Override
    public List<ViewHandle> listViews(Transaction txn) {
        checkOpen();
        return views.list(currentXid(txn));
    }

    @Override
    public void dropView(Transaction txn, ViewHandle handle) {
        checkOpen();
        if (!(handle instanceof PagedView view)) {
            throw new IllegalArgumentException("not a view of the paged engine: " + handle);
        }
        views.drop(catalogWork(txn), view);
    }

    private PagedSequence sequence(SequenceHandle handle) {
        checkOpen();
        if (!(handle instanceof PagedSequence sequence)) {
            throw new IllegalArgumentException("not a sequence of the paged engine: " + handle);
        }
        return sequence;
    }

    void checkNoOtherWriters(PagedTable table, long xid) {
        for (long writer : table.writers()) {
            if (writer != xid) {
                throw tableLocked(table.name());
            }
        }
    }

    /** Marks a catalog tuple deleted by {@code xid}; 55P03 if another active transaction got there first. */
    void claimCatalogTuple(long rowId, long xid, String name) {
        long old = store.catalogHeap().setXmaxIf(rowId, xid,
                x -> x == 0 || x == xid || rows.xacts().state(x) == XactManager.State.ABORTED);
        if (old != 0 && old != xid && rows.xacts().state(old) != XactManager.State.ABORTED) {
            throw tableLocked(name);
        }
    }

    @Override
    public RowId insert(Transaction txn, TableHandle handle, Object[] values) {
        PagedTable table = table(handle);
        long xid = beginWrite(txn, table);
        Object[] row = RowChecks.checkedCopy(table.definition(), values);
        TxnWork w = work.get(txn.id());
        long rowId = waits.run(txn, table, () -> rows.insert(table, xid, row));
        w.changed(new Undo.RowInserted(table, rowId));
        table.activity().inserted(xid);
        return new RowId(rowId);
    }

    @Override
    public List<RowId> insertAll(Transaction txn, TableHandle handle, List<Object[]> values,
                                 java.util.function.IntConsumer failedRow) {
        if (values.isEmpty()) {
            return List.of();
        }
        PagedTable table = table(handle);
        long xid = beginWrite(txn, table);
        TableRows.CheckedRows checked = TableRows.CheckedRows.of(table.definition(), values);
        List<RowId> ids = new ArrayList<>(checked.rows().length);
        if (checked.rows().length > 0) {
            TxnWork w = work.get(txn.id());
            TableRows.BatchInsert batch = new TableRows.BatchInsert(checked.rows());
            try {
                waits.run(txn, table, () -> rows.insertAll(table, xid, batch));
            } catch (RuntimeException e) {
                failedRow.accept(batch.rowIds == null ? 0 : batch.nextRow);
                throw e;
            } finally {
                // the rows stored whole, also when a later one failed: the rollback must undo them
                int complete = batch.rowIds == null ? 0 : batch.nextRow;
                for (int i = 0; i < complete; i++) {
                    w.changed(new Undo.RowInserted(table, batch.rowIds[i]));
                    table.activity().inserted(xid);
                    ids.add(new RowId(batch.rowIds[i]));
                }
            }
        }
        if (checked.failure() != null) {
            failedRow.accept(checked.rows().length);
            throw checked.failure();
        }
        return ids;
    }

    @Override
    public void update(Transaction txn, TableHandle handle, RowId row, Object[] values) {
        update(txn, handle, row, null, values);
    }

    @Override
    public void update(Transaction txn, TableHandle handle, RowId row, Object[] expected, Object[] values) {
        PagedTable table = table(handle);
        long xid = beginWrite(txn, table);
        Object[] newRow = RowChecks.checkedCopy(table.definition(), values);
        TxnWork w = work.get(txn.id());
        long newId = waits.run(txn, table,
                () -> rows.update(table, xid, row.value(), expected, newRow, w.snapshotIfAny()));
        if (newId >= 0) {
            TxnWork.Succession link = new TxnWork.Succession(table, row.value(), newId, xid);
            link.set();
            w.updatedRows.add(link);
            w.changed(new Undo.RowDeleted(table, row.value()));
            w.changed(new Undo.RowInserted(table, newId));
            table.activity().updated(xid);
        }
    }

    @Override
    public void delete(Transaction txn, TableHandle handle, RowId row) {
        delete(txn, handle, row, null);
    }

    @Override
    public void delete(Transaction txn, TableHandle handle, RowId row, Object[] expected) {
        PagedTable table = table(handle);
        long xid = beginWrite(txn, table);
        TxnWork w = work.get(txn.id());
        if (waits.run(txn, table, () -> rows.lockForChange(table, xid, row.value(), expected, w.snapshotIfAny()))) {
            w.changed(new Undo.RowDeleted(table, row.value()));
            table.activity().deleted(xid);
        }
    }

    @Override
    public boolean lockRow(Transaction txn, TableHandle handle, RowId row, Object[] expected,
                           RowLockStrength strength, WaitPolicy policy) {
        PagedTable table = table(handle);
        TxnWork w = work(txn);
        long xid = w.xid();
        XactManager.Snapshot snapshot = txn.isolationLevel() == IsolationLevel.READ_COMMITTED
                || txn.isolationLevel() == IsolationLevel.READ_UNCOMMITTED ? null : w.snapshot(store.xacts());
        Boolean locked = waits.run(txn, table, policy,
                () -> rows.lockRow(table, xid, row.value(), expected, strength.exclusive(), snapshot));
        if (Boolean.TRUE.equals(locked)) {
            w.lockedRows.add(new TxnWork.RowRef(table, row.value()));
        }
        return Boolean.TRUE.equals(locked);
    }

    @Override
    public Optional<RowVersion> latestVersion(Transaction txn, TableHandle handle, RowId row) {
        PagedTable table = table(handle);
        StoredTuple t = rows.latest(table, currentXid(txn), row.value());
        return t == null ? Optional.empty()
                : Optional.of(new RowVersion(new RowId(t.rowId()), TableRows.decode(table, t.payload())));
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle handle) {
        return scan(txn, handle, null);
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle handle, int[] columns) {
        PagedTable table = table(handle);
        long me = currentXid(txn);
        if (!rows.visible(me, table.createdBy(), table.droppedBy())) {
            throw undefinedTable(table);
        }
        TableRows.Reader reader = reader(txn, me);
        serializableRead(txn, table);
        return rows.scan(table, reader, this::checkOpen, columns);
    }

    @Override
    public IndexHandle createIndex(Transaction txn, TableHandle table, IndexDefinition definition) {
        TxnWork w = catalogWork(txn);
        PagedIndex index = indexOps.create(w, table(table), definition);
        w.indexCreated(index);
        return index;
    }

    @Override
    public void dropIndex(Transaction txn, IndexHandle index) {
        TxnWork w = catalogWork(txn);
        PagedIndex dropped = indexOps.drop(w, index(index));
        w.indexDropped(dropped);
    }

    @Override
    public Optional<IndexHandle> findIndex(Transaction txn, String schema, String name) {
        checkOpen();
        long me = currentXid(txn);
        for (Relation version : catalog.versions(schema, name)) {
            if (version instanceof PagedIndex index && indexOps.visible(me, index)) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<IndexHandle> indexes(Transaction txn, TableHandle handle) {
        PagedTable table = table(handle);
        long me = currentXid(txn);
        if (!rows.visible(me, table.createdBy(), table.droppedBy())) {
            throw undefinedTable(table);
        }
        TxnWork w = work.get(txn.id());
        return indexOps.visibleIndexes(me, table, w == null ? null : w.snapshotIfAny());
    }

    @Override
    public RowCursor scanIndex(Transaction txn, IndexHandle handle, KeyRange range, boolean descending) {
        return scanIndex(txn, handle, range, descending, null);
    }

    @Override
    public RowCursor scanIndex(Transaction txn, IndexHandle handle, KeyRange range, boolean descending,
                               int[] columns) {
        PagedIndex index = index(handle);
        long me = currentXid(txn);
        if (!indexOps.visible(me, index)) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", index.name());
        }
        TableRows.Reader reader = reader(txn, me);
        serializableRead(txn, index.pagedTable());
        return indexOps.scan(index, reader, range, descending, this::checkOpen, columns);
    }

    @Override
    public IndexOnlyCursor scanIndexOnly(Transaction txn, IndexHandle handle, KeyRange range, boolean descending) {
        PagedIndex index = index(handle);
        long me = currentXid(txn);
        if (!indexOps.visible(me, index)) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", index.name());
        }
        TableRows.Reader reader = reader(txn, me);
        serializableRead(txn, index.pagedTable());
        return indexOps.scanIndexOnly(index, reader, range, descending, this::checkOpen);
    }

    @Override
    public void saveStatistics(Transaction txn, TableHandle handle, TableStatistics statistics) {
        PagedTable table = table(handle);
        TxnWork w = work(txn);
        long xid = w.xid();
        if (!rows.visible(xid, table.createdBy(), table.droppedBy())) {
            throw undefinedTable(table);
        }
        for (TableStatistics.ColumnStatistics column : statistics.columns()) {
            if (column != null) {
                checkStorable(column.mostCommon());
                checkStorable(column.histogram());
            }
        }
        table.statistics().replace(this, xid, table, statistics, payload -> store.catalogHeap().insert(xid, payload));
    }

    private static void checkStorable(List<Object> values) {
        for (Object value : values) {
            if (value == null || !ValueCodec.supports(value instanceof List ? List.class : value.getClass())) {
                throw new IllegalArgumentException("not a storable statistics value: " + value);
            }
        }
    }

    @Override
    public Optional<TableStatistics> statistics(TableHandle handle) {
        PagedTable table = table(handle);
        return table.statistics().committed(rows, table);
    }

    @Override
    public VacuumResult vacuum(TableHandle handle) {
        return vacuums.vacuum(table(handle));
    }

    /** VACUUM by hand and in the background, and its statistics. */
    public EngineVacuum vacuums() {
        return vacuums;
    }

    /** The transactions enlisted now (a live view): vacuum's reuse gate. */
    Set<Long> openWork() {
        return work.keySet();
    }

    /** Ends a transaction: a commit is durable before this returns; a rollback only forgets. */
    void finish(TxnWork w, boolean commit) {
        if (w.ssi != null) {
            if (commit) {
                serializable.preCommit(w.ssi); // 40001 here leaves the rollback to the transaction
            } else {
                serializable.aborted(w.ssi);
            }
        }
        work.remove(w.txnId());
        long xid = w.xidIfAny();
        try {
            if (xid != 0) {
                if (commit) {
                    long lsn = store.xacts().logCommit(xid);
                    store.log().flushTo(lsn);
                    store.xacts().committed(xid);
                } else {
                    store.xacts().aborted(xid);
                }
            }
        } finally {
            try {
                afterEnd(w, xid, commit);
            } finally {
                if (w.catalogChanged) {
                    catalogChangeEnded();
                }
            }
        }
        if (commit && w.ssi != null) {
            serializable.published(w.ssi);
        }
        if (commit) {
            checkpointer.wakeIfDue();
        }
    }

    private void afterEnd(TxnWork w, long xid, boolean committed) {
        for (PagedTable table : w.altered) {
            // a rolled-back rename: the table is found by its old name again
            synchronized (catalog) {
                catalog.remove(table);
                table.endAlter(committed);
                catalog.add(table);
            }
        }
        for (PagedTable table : w.written) {
            table.writers().remove(xid);
            table.activity().ended(xid, committed);
        }
        for (TxnWork.RowRef locked : w.lockedRows) {
            locked.table().rowLocks().release(locked.rowId(), xid);
        }
        waits.ended(w, xid, committed);
        List<Integer> unusedFiles = new ArrayList<>(w.discardedFiles);
        if (committed) {
            for (PagedTable table : w.dropped) {
                unregister(table);
                unusedFiles.add(table.record().heapFileId());
                table.indexes().forEach(index -> unusedFiles.add(index.fileId()));
            }
            for (PagedIndex index : w.droppedIndexes) {
                index.pagedTable().indexes().remove(index);
                catalog.remove(index);
                unusedFiles.add(index.fileId());
            }
            for (PagedSequence sequence : w.droppedSequences) {
                catalog.remove(sequence);
                unusedFiles.add(sequence.fileId());
            }
            w.droppedViews.forEach(catalog::remove);
            w.droppedSchemas.forEach(schemas::remove);
        } else {
            sequences.afterAbort(w);
            w.droppedSchemas.forEach(schema -> schema.setDroppedBy(0));
            w.createdSchemas.forEach(schemas::remove);
            w.droppedViews.forEach(view -> view.setDroppedBy(0));
            w.createdViews.forEach(catalog::remove);
            w.dropped.forEach(table -> table.setDroppedBy(0));
            w.droppedIndexes.forEach(index -> index.setDroppedBy(0));
            w.droppedSequences.forEach(sequence -> sequence.setDroppedBy(0));
            for (PagedSequence sequence : w.createdSequences) {
                catalog.remove(sequence);
                unusedFiles.add(sequence.fileId());
            }
            for (PagedIndex index : w.createdIndexes) {
                index.pagedTable().indexes().remove(index);
                catalog.remove(index);
                unusedFiles.add(index.fileId());
            }
            for (PagedTable table : w.created) {
                unregister(table);
                unusedFiles.add(table.record().heapFileId());
                table.indexes().forEach(index -> unusedFiles.add(index.fileId()));
            }
        }
        // deleted at the next checkpoint, after which redo can no longer recreate them
        synchronized (droppedFiles) {
            droppedFiles.addAll(unusedFiles);
        }
    }

    void xidTaken(long xid, TxnWork w) {
        waits.xidTaken(xid, w);
    }

    private long beginWrite(Transaction txn, PagedTable table) {
        TxnWork w = work(txn);
        long xid = w.xid();
        if (w.lastWritten == table) {
            // already a writer of it: no one can drop it meanwhile (a drop waits for writers)
            return xid;
        }
        synchronized (table) {
            if (!rows.visible(xid, table.createdBy(), table.droppedBy())) {
                if (inProgressOther(table.createdBy(), xid) || inProgressOther(table.droppedBy(), xid)) {
                    throw tableLocked(table.name());
                }
                throw undefinedTable(table);
            }
            if (inProgressOther(table.droppedBy(), xid) || inProgressOther(table.alteredBy(), xid)) {
                throw tableLocked(table.name());
            }
            table.writers().add(xid);
        }
        w.written.add(table);
        w.lastWritten = table;
        if (w.ssi != null) {
            serializable.write(w.ssi, table);
        }
        return xid;
    }

    /** The work of a transaction about to change the catalog: the catalog version moves now, and again when it ends. */
    private TxnWork catalogWork(Transaction txn) {
        TxnWork w = work(txn);
        w.catalogChanged = true;
        catalogVersion.incrementAndGet();
        return w;
    }

    /**
     * Moves once a catalog change is visible to its own transaction (at its start: the statement
     * making it ends before the session runs another) and again when the transaction that made it
     * ends or rolls back to a savepoint, after its commit is visible to all (catalog reads see the
     * latest committed versions, not a snapshot) or its rollback is done.
     */
    @Override
    public long catalogVersion() {
        return catalogVersion.get();
    }

    /** A transaction that changed the catalog ended or rolled back to a savepoint. */
    void catalogChangeEnded() {
        catalogVersion.incrementAndGet();
    }

    TxnWork work(Transaction txn) {
        checkOpen();
        if (txn.isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION,
                    "cannot execute this statement in a read-only transaction");
        }
        return enlisted(txn);
    }

    /** The transaction's work, enlisted in it on first use (by a write, or a REPEATABLE READ read). */
    private TxnWork enlisted(Transaction txn) {
        TxnWork w = work.get(txn.id());
        if (w == null) {
            // a transaction is used by one thread at a time: no race between the get and the put
            w = new TxnWork(this, txn,
                    txn.isolationLevel() == IsolationLevel.SERIALIZABLE ? serializable.begin() : null);
            try {
                txn.enlist(w);
            } catch (RuntimeException e) {
                if (w.ssi != null) {
                    serializable.aborted(w.ssi);
                }
                throw e;
            }
            work.put(txn.id(), w);
        }
        return w;
    }

    /**
     * How a cursor of this transaction sees rows: READ COMMITTED (and READ UNCOMMITTED, which
     * PostgreSQL treats alike) with a snapshot per cursor; REPEATABLE READ and SERIALIZABLE with
     * one snapshot for the whole transaction, taken by its first read.
     */
    private TableRows.Reader reader(Transaction txn, long me) {
        if (txn.isolationLevel() == IsolationLevel.READ_COMMITTED
                || txn.isolationLevel() == IsolationLevel.READ_UNCOMMITTED) {
            enlisted(txn); // it may keep row ids past its cursor: vacuum must know when it ends
            return rows.new Reader(me);
        }
        return rows.new Reader(me, enlisted(txn).snapshot(store.xacts()));
    }

    /**
     * A SERIALIZABLE read of a table (a SIREAD lock on all of it): depends on every concurrent
     * writer of the table whose changes the transaction's snapshot does not show.
     */
    private void serializableRead(Transaction txn, PagedTable table) {
        if (txn.isolationLevel() != IsolationLevel.SERIALIZABLE) {
            return;
        }
        TxnWork w = enlisted(txn);
        XactManager.Snapshot snapshot = w.snapshot(store.xacts());
        serializable.read(w.ssi, table, writer -> writer.xid() != 0 && !snapshot.committed(writer.xid()));
    }

    private long currentXid(Transaction txn) {
        TxnWork w = work.get(txn.id());
        return w == null ? 0 : w.xidIfAny();
    }

    TableRows rows() {
        return rows;
    }

    SavepointUndo savepointUndo() {
        return savepointUndo;
    }

    /** The tables every transaction sees now, for the consistency check. */
    List<PagedTable> committedTables() {
        return listTables0();
    }

    private List<PagedTable> listTables0() {
        List<PagedTable> out = new ArrayList<>();
        for (PagedTable table : catalog.tables()) {
            if (rows.visible(0, table.createdBy(), table.droppedBy())) {
                out.add(table);
            }
        }
        return out;
    }

    private PagedTable table(TableHandle handle) {
        checkOpen();
        if (!(handle instanceof PagedTable table)) {
            throw new IllegalArgumentException("not a table of the paged engine: " + handle);
        }
        return table;
    }

    private PagedIndex index(IndexHandle handle) {
        checkOpen();
        if (!(handle instanceof PagedIndex index)) {
            throw new IllegalArgumentException("not an index of the paged engine: " + handle);
        }
        return index;
    }

    static DbException undefinedTable(PagedTable table) {
        return DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", table.name());
    }

    static DbException tableLocked(String name) {
        return DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"", name);
    }

    void checkOpen() {
        if (shutDown) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW, "the paged storage engine has been shut down");
        }
    }
}
