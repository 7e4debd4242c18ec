package org.rustydb.storage.paged.internal.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.vacuum.TableActivity;

/**
 * A table of the paged engine: its catalog tuple (whose xmin created it and whose xmax drops it),
 * its heap, and its indexes (one per unique key, then those made by CREATE INDEX).
 */
final class PagedTable implements TableHandle, Relation {
    /** The catalog tuple in use: replaced by an ALTER of the constraints, put back by its rollback. */
    private volatile RelationRecord record;
    private volatile long catalogRowId;
    /** The active transaction that altered the constraints, 0 if none; what it replaced, for a rollback. */
    private volatile long alteredBy;
    private RelationRecord recordBefore;
    private long catalogRowIdBefore;
    private final long createdBy;
    private final HeapFile heap;
    /** Every index writers must maintain: visible ones, and ones being created or dropped. */
    private final List<PagedIndex> indexes = new CopyOnWriteArrayList<>();
    /** The transaction dropping the table, 0 if none; committed drops remove the table. */
    private volatile long droppedBy;
    /** Transactions that changed rows and have not ended: DDL by another must wait for them. */
    private final Set<Long> writers = ConcurrentHashMap.newKeySet();
    /** Row changes hold the read side for their duration; building or dropping an index the write side. */
    private final ReentrantReadWriteLock ddlLock = new ReentrantReadWriteLock();
    private final RowLocks rowLocks = new RowLocks();
    /**
     * The new version of each row updated by a transaction that recent statements may not have
     * seen commit: old row id to new row id. A READ COMMITTED statement that finds its row
     * updated meanwhile follows it to the newest version (PostgreSQL's EvalPlanQual).
     */
    private final ConcurrentHashMap<Long, TxnWork.Succession> successors = new ConcurrentHashMap<>();
    /** Live and dead version counts and vacuum history, for vacuum and autovacuum. */
    private final TableActivity activity = new TableActivity();
    /** The versions of the table's planner statistics. */
    private final StatisticsVersions statistics = new StatisticsVersions();

    PagedTable(RelationRecord record, long catalogRowId, long createdBy, HeapFile heap) {
        this.record = record;
        this.catalogRowId = catalogRowId;
        this.createdBy = createdBy;
        this.heap = heap;
    }

    @Override
    public TableDefinition definition() {
        return record.definition();
    }

    RelationRecord record() {
        return record;
    }

    StatisticsVersions statistics() {
        return statistics;
    }

    /** Whether a row layout's columns are its slots in order, as last checked (scans ask per row). */
    private record LayoutCheck(RelationRecord record, boolean identity) {
    }

    private volatile LayoutCheck layoutCheck;

    /** A stored row as the table's columns: the decoded array itself when the layout allows. */
    Object[] columnsOf(Object[] stored) {
        RelationRecord r = record;
        LayoutCheck check = layoutCheck;
        if (check == null || check.record() != r) {
            check = new LayoutCheck(r, r.width() == r.slots().size() && r.isIdentity());
            layoutCheck = check;
        }
        return check.identity() && stored.length == r.width() ? stored : r.columnsOf(stored);
    }

    /** The stored slots of columns, by the current row layout. */
    List<Integer> slotsOf(List<Integer> columns) {
        RelationRecord r = record;
        return columns.stream().map(c -> r.slots().get(c)).toList();
    }

    long catalogRowId() {
        return catalogRowId;
    }

    long alteredBy() {
        return alteredBy;
    }

    /**
     * Takes a new catalog tuple altered by {@code xid} (the old one is marked deleted by it); a
     * second alter in the same transaction keeps the first one's "before" for the rollback.
     */
    synchronized void alter(long xid, RelationRecord altered, long alteredRowId) {
        if (alteredBy != xid) {
            recordBefore = record;
            catalogRowIdBefore = catalogRowId;
            alteredBy = xid;
        }
        record = altered;
        catalogRowId = alteredRowId;
    }

    /**
     * Takes back an alter to a savepoint: the tuple before it is current again. The table stays
     * altered by the transaction, so its end keeps this tuple (commit) or the one from before the
     * transaction's first alter (rollback).
     */
    synchronized void restore(RelationRecord before, long beforeRowId) {
        record = before;
        catalogRowId = beforeRowId;
    }

    /** Ends an alter: a commit keeps the new tuple, a rollback puts the old one back. */
    synchronized void endAlter(boolean committed) {
        if (!committed) {
            record = recordBefore;
            catalogRowId = catalogRowIdBefore;
        }
        recordBefore = null;
        alteredBy = 0;
    }

    @Override
    public String schema() {
        return record.definition().schema();
    }

    @Override
    public String name() {
        return record.definition().name();
    }

    @Override
    public long createdBy() {
        return createdBy;
    }

    @Override
    public long droppedBy() {
        return droppedBy;
    }

    void setDroppedBy(long xid) {
        droppedBy = xid;
    }

    HeapFile heap() {
        return heap;
    }

    List<PagedIndex> indexes() {
        return indexes;
    }

    Set<Long> writers() {
        return writers;
    }

    RowLocks rowLocks() {
        return rowLocks;
    }

    ConcurrentHashMap<Long, TxnWork.Succession> successors() {
        return successors;
    }

    ReentrantReadWriteLock ddlLock() {
        return ddlLock;
    }

    TableActivity activity() {
        return activity;
    }

    @Override
    public String toString() {
        return "paged table " + schema() + "." + name();
    }
}
