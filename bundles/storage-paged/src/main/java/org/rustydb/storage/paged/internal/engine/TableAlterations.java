package org.rustydb.storage.paged.internal.engine;

import java.util.List;

import java.util.ArrayList;
import java.util.Objects;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;

/**
 * ALTER TABLE and changes of a table's CHECK and FOREIGN KEY constraints. The new definition is a new catalog
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
        RelationRecord altered = before.altered(definition, slots, width);
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
        checkNotNull(w, table, old, definition, sources);
        String oldName = old.name();
        if (!oldName.equals(definition.name())) {
            synchronized (catalog) {
                engine.checkNameFree(w.xid(), definition.schema(), definition.name());
            }
        }
        replace(w, table, altered);
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
        if (old.uniqueKeys().size() != definition.uniqueKeys().size()) {
            throw new IllegalArgumentException("the unique keys must stay");
        }
        for (int k = 0; k < old.uniqueKeys().size(); k++) {
            UniqueKey was = old.uniqueKeys().get(k);
            UniqueKey now = definition.uniqueKeys().get(k);
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
                    long rowId = store.catalogHeap().insert(xid, altered.encode());
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
        w.altered.add(table);
    }
}
