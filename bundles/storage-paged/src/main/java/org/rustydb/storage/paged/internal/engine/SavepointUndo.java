package org.rustydb.storage.paged.internal.engine;

import org.rustydb.storage.paged.internal.heap.HeapFile;

/**
 * Takes back what a transaction did since a savepoint, newest change first, while the transaction
 * goes on. Nothing is removed: a version the transaction created gets its own id as xmax, so no
 * one ever sees it whether the transaction commits or not (its index entries lead to a version the
 * visibility rule and the unique check skip), and a version it marked deleted gets xmax 0 again.
 * Each of these is a logged page edit like any other, so a commit after the rollback makes exactly
 * the kept work durable, and a crash before the commit aborts everything anyway.
 *
 * <p>Catalog changes are taken back the same way on the catalog heap, and the in-memory catalog
 * follows: a table or index created since the savepoint is forgotten and its files are deleted
 * once the transaction has ended, one dropped since the savepoint is live again.
 */
final class SavepointUndo {
    private final PagedStore store;
    private final Catalog catalog;
    private final Schemas schemas;
    private final Sequences sequences;

    SavepointUndo(PagedStore store, Catalog catalog, Schemas schemas, Sequences sequences) {
        this.store = store;
        this.catalog = catalog;
        this.schemas = schemas;
        this.sequences = sequences;
    }

    void apply(TxnWork w, long xid, Undo undo) {
        if (undo instanceof Undo.RowInserted inserted) {
            inserted.table().heap().setXmaxIf(inserted.rowId(), xid, x -> x == 0 || x == xid);
        } else if (undo instanceof Undo.RowDeleted deleted) {
            deleted.table().heap().setXmaxIf(deleted.rowId(), 0, x -> x == xid);
        } else if (undo instanceof Undo.TableCreated created) {
            undoCreate(w, xid, created.table());
        } else if (undo instanceof Undo.TableDropped dropped) {
            undoDrop(w, xid, dropped.table());
        } else if (undo instanceof Undo.TableAltered altered) {
            undoAlter(xid, altered);
        } else if (undo instanceof Undo.IndexCreated created) {
            undoCreateIndex(w, xid, created.index());
        } else if (undo instanceof Undo.IndexDropped dropped) {
            undoDropIndex(w, xid, dropped.index());
        } else if (undo instanceof Undo.ViewCreated created) {
            synchronized (catalog) {
                store.catalogHeap().setXmaxIf(created.view().catalogRowId(), xid, x -> x == 0);
                created.view().setDroppedBy(xid);
                catalog.remove(created.view());
            }
            w.createdViews.remove(created.view());
        } else if (undo instanceof Undo.ViewDropped dropped) {
            synchronized (catalog) {
                store.catalogHeap().setXmaxIf(dropped.view().catalogRowId(), 0, x -> x == xid);
                dropped.view().setDroppedBy(0);
            }
            w.droppedViews.remove(dropped.view());
        } else if (undo instanceof Undo.SchemaCreated created) {
            synchronized (catalog) {
                store.catalogHeap().setXmaxIf(created.schema().catalogRowId(), xid, x -> x == 0);
                created.schema().setDroppedBy(xid);
                schemas.remove(created.schema());
            }
            w.createdSchemas.remove(created.schema());
        } else if (undo instanceof Undo.SchemaDropped dropped) {
            synchronized (catalog) {
                store.catalogHeap().setXmaxIf(dropped.schema().catalogRowId(), 0, x -> x == xid);
                dropped.schema().setDroppedBy(0);
            }
            w.droppedSchemas.remove(dropped.schema());
        } else if (undo instanceof Undo.SequenceCreated created) {
            PagedSequence sequence = created.sequence();
            synchronized (catalog) {
                store.catalogHeap().setXmaxIf(sequence.catalogRowId(), xid, x -> x == 0);
                sequence.setDroppedBy(xid);
                catalog.remove(sequence);
            }
            w.createdSequences.remove(sequence);
            w.discardedFiles.add(sequence.fileId());
        } else if (undo instanceof Undo.SequenceDropped dropped) {
            synchronized (catalog) {
                store.catalogHeap().setXmaxIf(dropped.sequence().catalogRowId(), 0, x -> x == xid);
                dropped.sequence().setDroppedBy(0);
            }
            w.droppedSequences.remove(dropped.sequence());
        } else if (undo instanceof Undo.SequenceCarried carried) {
            sequences.carry(carried.versions()[0], carried.versions()[1]);
            w.carriedSequences.remove(carried.versions());
        } else {
            throw new IllegalArgumentException("unknown undo entry " + undo);
        }
    }

    private void undoCreate(TxnWork w, long xid, PagedTable table) {
        synchronized (catalog) {
            store.catalogHeap().setXmaxIf(table.catalogRowId(), xid, x -> x == 0);
            // a handle still held by the transaction now names a relation it cannot see
            table.setDroppedBy(xid);
            catalog.remove(table);
            for (PagedIndex index : table.indexes()) {
                catalog.remove(index);
                w.discardedFiles.add(index.fileId());
            }
            w.discardedFiles.add(table.record().heapFileId());
        }
        w.created.remove(table);
    }

    private void undoDrop(TxnWork w, long xid, PagedTable table) {
        synchronized (catalog) {
            table.ddlLock().writeLock().lock();
            try {
                HeapFile catalogHeap = store.catalogHeap();
                catalogHeap.setXmaxIf(table.catalogRowId(), 0, x -> x == xid);
                // the drop claimed the tuples of the indexes that were not dropped before it
                for (PagedIndex index : table.indexes()) {
                    if (!index.isConstraint() && index.droppedBy() == 0) {
                        catalogHeap.setXmaxIf(index.catalogRowId(), 0, x -> x == xid);
                    }
                }
                table.setDroppedBy(0);
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
        w.dropped.remove(table);
    }

    private void undoAlter(long xid, Undo.TableAltered altered) {
        PagedTable table = altered.table();
        synchronized (catalog) {
            table.ddlLock().writeLock().lock();
            try {
                store.catalogHeap().setXmaxIf(altered.rowId(), xid, x -> x == 0);
                store.catalogHeap().setXmaxIf(altered.beforeRowId(), 0, x -> x == xid);
                // a rename taken back: the table is found by its old name again
                catalog.remove(table);
                table.restore(altered.before(), altered.beforeRowId());
                catalog.add(table);
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
    }

    private void undoCreateIndex(TxnWork w, long xid, PagedIndex index) {
        PagedTable table = index.pagedTable();
        synchronized (catalog) {
            // writers hold the read side while they maintain the table's indexes
            table.ddlLock().writeLock().lock();
            try {
                table.indexes().remove(index);
                catalog.remove(index);
                if (!index.isConstraint()) { // a key's index lives in its table's tuple, restored with it
                    store.catalogHeap().setXmaxIf(index.catalogRowId(), xid, x -> x == 0);
                }
                index.setDroppedBy(xid);
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
        w.createdIndexes.remove(index);
        w.discardedFiles.add(index.fileId());
    }

    private void undoDropIndex(TxnWork w, long xid, PagedIndex index) {
        PagedTable table = index.pagedTable();
        synchronized (catalog) {
            table.ddlLock().writeLock().lock();
            try {
                if (!index.isConstraint()) {
                    store.catalogHeap().setXmaxIf(index.catalogRowId(), 0, x -> x == xid);
                }
                index.setDroppedBy(0);
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
        w.droppedIndexes.remove(index);
    }
}
