package org.rustydb.storage.paged.internal.engine;

import java.util.List;

import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;

/**
 * ALTER TABLE (unique keys added and dropped included) and changes of a table's CHECK and FOREIGN
 * KEY constraints. The new definition is a new catalog
 * tuple for the same heap and index files, and the old tuple is marked deleted by the same
 * transaction: commit, rollback and recovery then pick the right one by the usual visibility rule.
 * Like the other DDL it waits for no one: 55P03 if another active transaction writes the table, and
 * until the alter ends other transactions cannot write, drop or alter the table.
 */
final class TableAlterations {
    private final PagedStorageEngine engine;
    private final TableRows rows;
    private final Catalog catalog;

    TableAlterations(PagedStorageEngine engine, TableRows rows, Catalog catalog) {
        this.engine = engine;
        this.rows = rows;
        this.catalog = catalog;
    }

    void alterConstraints(TxnWork w, PagedTable table, List<CheckConstraint> checks, List<ForeignKey> foreignKeys) {
        RelationRecord before = table.record();
        replace(w, table, before.altered(before.definition().withConstraints(checks, foreignKeys), before.slots(),
                before.width()));
    }

    /**
     * A new definition whose columns sit in slots (see {@link RelationRecord}): continued columns
     * keep theirs, new ones get new slots past every slot used so far. No row is rewritten.
     */
    void alterTable(TxnWork w, PagedTable table, TableDefinition definition, List<Integer> sources) {
        RelationRecord before = table.record();
        TableDefinition old = before.definition();
        checkAlteration(table, old, definition, sources);
        List<Integer> slots = new ArrayList<>();
        int width = before.width();
        for (int source : sources) {
            slots.add(source >= 0 ? before.slots().get(source) : width++);
        }
        List<UniqueKey> addedKeys = new ArrayList<>();
        List<Integer> indexFiles = new ArrayList<>();
        for (UniqueKey key : definition.uniqueKeys()) {
            int k = keyIndex(old, key.name());
            if (k < 0) {
                addedKeys.add(key);
            }
            indexFiles.add(k < 0 ? -1 : before.indexFileIds().get(k));
        }
        for (PagedIndex index : table.indexes()) {
            if (index.isConstraint() || index.droppedBy() != 0) {
                continue;
            }
            for (int slot : index.storedDefinition().columns()) {
                if (!slots.contains(slot)) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop column of table %s because index %s depends on it", old.name(), index.name());
                }
            }
        }
        String oldName = old.name();
        if (!oldName.equals(definition.name())) {
            synchronized (catalog) {
                engine.checkNameFree(w.xid(), definition.schema(), definition.name());
            }
        }
        // duplicates are reported before NULLs in new primary key columns, as PostgreSQL does
        List<PagedIndex> built = buildKeys(w, table, addedKeys, slots);
        checkNotNull(w, table, old, definition, sources);
        for (PagedIndex index : built) {
            indexFiles.set(keyIndex(definition, index.name()), index.fileId());
        }
        try {
            replace(w, table, new RelationRecord(before.heapFileId(), definition, indexFiles, slots, width));
        } catch (RuntimeException e) {
            built.forEach(index -> w.discardedFiles.add(index.fileId()));
            throw e;
        }
        for (PagedIndex index : built) {
            table.indexes().add(index);
            catalog.add(index);
            w.indexCreated(index);
        }
        for (PagedIndex index : table.indexes()) {
            if (index.isConstraint() && index.droppedBy() == 0 && keyIndex(definition, index.name()) < 0) {
                index.setDroppedBy(w.xid());
                w.indexDropped(index);
            }
        }
    }

    /** A row to rewrite with its converted values. */
    record Converted(RowId row, Object[] values) {
    }

    /**
     * ALTER COLUMN TYPE: every row is converted first (a failure changes nothing), then the table
     * gets the new definition with each converted column in a new slot past every slot used so far,
     * so old row versions never read as the new type (their old values stay there, unread, as for
     * DROP COLUMN) and the statistics kept by slot are gone for it. The caller writes the returned
     * rows as new versions.
     */
    List<Converted> convertColumns(TxnWork w, PagedTable table, TableDefinition definition, Set<Integer> converted,
                                   UnaryOperator<Object[]> conversion) {
        RelationRecord before = table.record();
        TableDefinition old = before.definition();
        checkConversion(old, definition, converted);
        for (PagedIndex index : table.indexes()) {
            if (index.droppedBy() != 0) {
                continue;
            }
            for (int column : converted) {
                if (index.storedDefinition().columns().contains(before.slots().get(column))) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot convert column %s of table %s because index %s depends on it",
                            old.columns().get(column).name(), old.name(), index.name());
                }
            }
        }
        List<Converted> out = new ArrayList<>();
        try (RowCursor cursor = rows.scan(table, rows.new Reader(w.xid()), engine::checkOpen, null)) {
            while (cursor.next()) {
                Object[] values = conversion.apply(cursor.row().clone());
                if (values.length != definition.columns().size()) {
                    throw new IllegalArgumentException("a converted row has " + values.length + " values");
                }
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null && definition.columns().get(i).notNull()) {
                        throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                                "column \"%s\" of relation \"%s\" contains null values",
                                definition.columns().get(i).name(), definition.name());
                    }
                }
                out.add(new Converted(cursor.rowId(), values));
            }
        }
        List<Integer> slots = new ArrayList<>(before.slots());
        int width = before.width();
        for (int column : new TreeSet<>(converted)) {
            slots.set(column, width++);
        }
        replace(w, table, new RelationRecord(before.heapFileId(), definition, before.indexFileIds(), slots, width));
        return out;
    }

    private static void checkConversion(TableDefinition old, TableDefinition definition, Set<Integer> converted) {
        if (!old.schema().equals(definition.schema()) || !old.name().equals(definition.name())
                || old.columns().size() != definition.columns().size()
                || !old.uniqueKeys().equals(definition.uniqueKeys())) {
            throw new IllegalArgumentException("not a conversion of the columns of " + old.name());
        }
        for (int i = 0; i < old.columns().size(); i++) {
            ColumnDefinition was = old.columns().get(i);
            ColumnDefinition now = definition.columns().get(i);
            if (!converted.contains(i) && (was.type() != now.type() || was.typeModifier() != now.typeModifier())) {
                throw new IllegalArgumentException("column " + i + " changes type but is not converted");
            }
            if (converted.contains(i) && !ValueCodec.supports(now.type().javaClass())) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "type %s cannot be stored by the paged engine yet", now.type().sqlName());
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

    /**
     * Builds the index of each unique key the alteration adds, over the rows there are (the table's
     * columns do not change in such an alteration, so its current layout reads them). A failed
     * build leaves nothing behind: its files go at the transaction's end.
     */
    private List<PagedIndex> buildKeys(TxnWork w, PagedTable table, List<UniqueKey> keys, List<Integer> slots) {
        List<PagedIndex> built = new ArrayList<>();
        PagedStore store = engine.store();
        for (UniqueKey key : keys) {
            synchronized (catalog) {
                engine.checkNameFree(w.xid(), table.schema(), key.name());
            }
            int fileId = store.allocateFileId();
            store.disk().createFile(fileId);
            // until the alteration is made, a failure leaves the file to be deleted
            w.discardedFiles.add(fileId);
            BTree tree = BTree.create(store.pool(), store.log(), fileId, true);
            PagedIndex index = PagedIndex.forAddedKey(table, key.name(),
                    key.columns().stream().map(slots::get).toList(), fileId, tree, w.xid());
            built.add(index);
            IndexOperations.build(rows, table, index, w.xid());
        }
        built.forEach(index -> w.discardedFiles.remove((Integer) index.fileId()));
        return built;
    }

    private static int keyIndex(TableDefinition definition, String name) {
        for (int k = 0; k < definition.uniqueKeys().size(); k++) {
            if (definition.uniqueKeys().get(k).name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    private static void checkAlteration(PagedTable table, TableDefinition old, TableDefinition definition,
                                        List<Integer> sources) {
        if (!old.schema().equals(definition.schema()) || sources.size() != definition.columns().size()) {
            throw new IllegalArgumentException("not an alteration of " + table);
        }
        int[] newPosition = new int[old.columns().size()];
        java.util.Arrays.fill(newPosition, -1);
        int last = -1;
        boolean added = false;
        for (int i = 0; i < sources.size(); i++) {
            int source = sources.get(i);
            ColumnDefinition column = definition.columns().get(i);
            if (source < 0) {
                added = true;
                if (!ValueCodec.supports(column.type().javaClass())) {
                    throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "type %s cannot be stored by the paged engine yet", column.type().sqlName());
                }
                continue;
            }
            if (added || source <= last || source >= old.columns().size()
                    || old.columns().get(source).type() != column.type()) {
                throw new IllegalArgumentException("columns must keep their order and type: " + sources);
            }
            last = source;
            newPosition[source] = i;
        }
        boolean columnsKept = sources.size() == old.columns().size() && !added;
        for (int i = 0; i < sources.size() && columnsKept; i++) {
            columnsKept = sources.get(i) == i;
        }
        for (UniqueKey now : definition.uniqueKeys()) {
            if (keyIndex(old, now.name()) < 0 && !columnsKept) {
                throw new IllegalArgumentException("a unique key is added in an alteration that keeps the columns: "
                        + now);
            }
        }
        for (int k = 0; k < old.uniqueKeys().size(); k++) {
            UniqueKey was = old.uniqueKeys().get(k);
            int kept = keyIndex(definition, was.name());
            if (kept < 0) {
                continue;
            }
            UniqueKey now = definition.uniqueKeys().get(kept);
            List<Integer> moved = new ArrayList<>();
            for (int column : was.columns()) {
                if (newPosition[column] < 0) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop column %s of table %s because constraint %s depends on it",
                            old.columns().get(column).name(), old.name(), was.name());
                }
                moved.add(newPosition[column]);
            }
            if (!was.name().equals(now.name()) || !moved.equals(now.columns()) || was.primary() != now.primary()) {
                throw new IllegalArgumentException("the unique keys must stay: " + now);
            }
        }
    }

    /** 23502 if a column that becomes NOT NULL holds NULL in a row the transaction sees. */
    private void checkNotNull(TxnWork w, PagedTable table, TableDefinition old, TableDefinition definition,
                              List<Integer> sources) {
        List<Integer> check = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int source = sources.get(i);
            if (definition.columns().get(i).notNull() && (source < 0 || !old.columns().get(source).notNull())) {
                check.add(i);
            }
        }
        if (check.isEmpty()) {
            return;
        }
        try (RowCursor cursor = rows.scan(table, rows.new Reader(w.xid()), engine::checkOpen, null)) {
            while (cursor.next()) {
                Object[] row = cursor.row();
                for (int i : check) {
                    int source = sources.get(i);
                    if (source < 0 || row[source] == null) {
                        throw DbException.of(SqlState.NOT_NULL_VIOLATION, "column \"%s\" of relation \"%s\" contains null values",
                                definition.columns().get(i).name(), definition.name());
                    }
                }
            }
        }
    }

    /**
     * Replaces the table's catalog tuple: the old one is marked deleted by the transaction and the
     * new one inserted, so commit, rollback and recovery pick one by the usual visibility rule.
     */
    private void replace(TxnWork w, PagedTable table, RelationRecord altered) {
        long xid = w.xid();
        Undo.TableAltered undo;
        PagedStore store = engine.store();
        synchronized (catalog) {
            table.ddlLock().writeLock().lock();
            try {
                synchronized (table) {
                    if (engine.inProgressOther(table.createdBy(), xid) || engine.inProgressOther(table.droppedBy(), xid)
                            || engine.inProgressOther(table.alteredBy(), xid)) {
                        throw PagedStorageEngine.tableLocked(table.name());
                    }
                    if (!rows.visible(xid, table.createdBy(), table.droppedBy())) {
                        throw PagedStorageEngine.undefinedTable(table);
                    }
                    engine.checkNoOtherWriters(table, xid);
                    engine.claimCatalogTuple(table.catalogRowId(), xid, table.name());
                    RelationRecord before = table.record();
                    long beforeRowId = table.catalogRowId();
                    long rowId = store.catalogHeap().insert(xid, altered.encode());
                    undo = new Undo.TableAltered(table, before, beforeRowId, rowId);
                    boolean renamed = !Objects.equals(table.name(), altered.definition().name());
                    if (renamed) {
                        catalog.remove(table);
                    }
                    table.alter(xid, altered, rowId);
                    if (renamed) {
                        catalog.add(table);
                    }
                    // a writer of the table until it ends, so that other DDL waits for it (fails fast)
                    table.writers().add(xid);
                }
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
        w.written.add(table);
        w.tableAltered(table, undo);
    }
}
