package org.rustydb.storage.paged.internal.engine;

import java.util.List;

import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;

/**
 * Changes of a table's CHECK and FOREIGN KEY constraints. The new definition is a new catalog
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
                    RelationRecord before = table.record();
                    RelationRecord altered = new RelationRecord(before.heapFileId(),
                            before.definition().withConstraints(checks, foreignKeys), before.indexFileIds());
                    long rowId = store.catalogHeap().insert(xid, altered.encode());
                    table.alter(xid, altered, rowId);
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
