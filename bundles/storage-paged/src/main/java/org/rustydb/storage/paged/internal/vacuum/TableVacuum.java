package org.rustydb.storage.paged.internal.vacuum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.storage.paged.internal.btree.BulkDelete;
import org.rustydb.storage.paged.internal.heap.FreeSpaceMap;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * Vacuums one table, in PostgreSQL's two passes:
 * <ol>
 * <li>heap: every page is pruned (tuples dead to everyone lose their bytes and overflow chains,
 * their slots become DEAD) and the row ids of its DEAD slots are collected;</li>
 * <li>indexes: every index drops the entries pointing at those row ids;</li>
 * <li>heap again: the DEAD slots become free for new rows, once no transaction may still hold
 * their row ids (see {@link ReuseGate}); until then they wait, and a later vacuum frees them.</li>
 * </ol>
 * A slot is freed only after its index entries are gone, so an index never points at an unrelated
 * new row. Every page change is a logged page edit, and each step leaves a state the next vacuum
 * can finish from: after a crash, DEAD slots are simply collected again (removing their entries a
 * second time finds none). When the row ids exceed {@code maxDeadRows}, the index pass and the
 * freeing run for those first, then the heap pass goes on (maintenance_work_mem in PostgreSQL).
 *
 * <p>Readers and writers are never blocked beyond one page latch: vacuum holds the table's shared
 * DDL lock, which row changes share, for one page or a few index leaves at a time. The caller
 * holds the table's vacuum lock (see {@link TableActivity#vacuumLock}) for the whole run.
 */
public final class TableVacuum {
    private static final int LEAVES_PER_STEP = 32;
    /** How long a vacuum waits for the transactions that may hold freed row ids before deferring. */
    private static final long GATE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final XactManager xacts;
    private final ReuseGate gate;
    private final Runnable checkOpen;
    private final int maxDeadRows;

    /**
     * @param checkOpen   throws (57P03) once the engine is shutting down; called between pages
     * @param maxDeadRows row ids collected before an index pass
     */
    public TableVacuum(XactManager xacts, ReuseGate gate, Runnable checkOpen, int maxDeadRows) {
        if (maxDeadRows < 1) {
            throw new IllegalArgumentException("maxDeadRows must be positive: " + maxDeadRows);
        }
        this.xacts = xacts;
        this.gate = gate;
        this.checkOpen = checkOpen;
        this.maxDeadRows = maxDeadRows;
    }

    /** Vacuums the table; {@code auto} for the background vacuum (it counts apart). */
    public VacuumResult run(VacuumTarget table, boolean auto) {
        requireVacuumLock(table);
        return new Run(table).execute(auto);
    }

    /**
     * Frees the slots earlier runs deferred whose gate has passed, keeping the others; returns the
     * slots freed. For the background vacuum, between runs.
     */
    public long finishDeferred(VacuumTarget table) {
        requireVacuumLock(table);
        Run run = new Run(table);
        for (TableActivity.DeferredReclaim d : table.activity().takeDeferred()) {
            if (gate.passed(d.gate())) {
                run.reclaim(d.rowIds(), d.skipped());
            } else {
                table.activity().defer(d);
            }
        }
        return run.freedSlots;
    }

    private static void requireVacuumLock(VacuumTarget table) {
        if (!table.activity().vacuumLock().isHeldByCurrentThread()) {
            throw new IllegalStateException("vacuum of " + table.name() + " without its vacuum lock");
        }
    }

    private final class Run {
        private final VacuumTarget table;
        private final HeapFile heap;
        private DeadVersionFilter filter;
        private long[] batch = new long[256];
        private int batchSize;
        private long removedEntries;
        private long freedPages;
        private long freedSlots;

        Run(VacuumTarget table) {
            this.table = table;
            this.heap = table.heap();
        }

        VacuumResult execute(boolean auto) {
            TableActivity activity = table.activity();
            long deathsAtStart = activity.deaths();
            // slots deferred by the last run: free them if their gate has passed, else collect them again
            for (TableActivity.DeferredReclaim d : activity.takeDeferred()) {
                if (gate.passed(d.gate())) {
                    reclaim(d.rowIds(), d.skipped());
                }
            }
            filter = new DeadVersionFilter(xacts, xacts.removalHorizon());
            // pages added meanwhile hold versions newer than the horizon: the next vacuum's business
            int pages = heap.pageCount();
            for (int p = 0; p < pages; p++) {
                checkOpen.run();
                long[] dead;
                table.lockShared();
                try {
                    dead = heap.vacuumPage(p, filter);
                } finally {
                    table.unlockShared();
                }
                collect(dead);
                if (batchSize >= maxDeadRows) {
                    cleanIndexesThenReclaim();
                }
            }
            cleanIndexesThenReclaim();
            activity.vacuumed(auto, filter.kept - filter.unremovable, filter.unremovable, deathsAtStart);
            return new VacuumResult(filter.removed, filter.kept, filter.unremovable, removedEntries,
                    heap.pageCount(), freedPages);
        }

        private void collect(long[] rowIds) {
            if (batchSize + rowIds.length > batch.length) {
                batch = Arrays.copyOf(batch, Math.max(batch.length * 2, batchSize + rowIds.length));
            }
            System.arraycopy(rowIds, 0, batch, batchSize, rowIds.length);
            batchSize += rowIds.length;
        }

        /** The index pass over the collected row ids, then freeing their slots (now or later). */
        private void cleanIndexesThenReclaim() {
            if (batchSize == 0) {
                return;
            }
            // ascending: collected page by page, slot by slot
            long[] rowIds = Arrays.copyOf(batch, batchSize);
            batchSize = 0;
            LongPredicate doomed = value -> Arrays.binarySearch(rowIds, value) >= 0;
            List<VacuumTarget.IndexTarget> indexes;
            table.lockShared();
            try {
                indexes = List.copyOf(table.indexes());
            } finally {
                table.unlockShared();
            }
            List<VacuumTarget.IndexTarget> skipped = new ArrayList<>();
            for (VacuumTarget.IndexTarget index : indexes) {
                BulkDelete pass = index.tree().bulkDelete(doomed);
                boolean more = true;
                while (more) {
                    checkOpen.run();
                    table.lockShared();
                    try {
                        if (!index.settled()) {
                            skipped.add(index);
                            break;
                        }
                        more = pass.step(LEAVES_PER_STEP);
                    } finally {
                        table.unlockShared();
                    }
                }
                removedEntries += pass.removed();
            }
            // an index created from here on is built from the heap, where these slots are DEAD: no entries
            Object mark = gate.mark();
            if (awaitGate(mark)) {
                reclaim(rowIds, skipped);
            } else {
                table.activity().defer(new TableActivity.DeferredReclaim(rowIds, mark, List.copyOf(skipped)));
            }
        }

        private boolean awaitGate(Object mark) {
            long deadline = System.nanoTime() + GATE_WAIT_NANOS;
            while (!gate.passed(mark)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            return true;
        }

        /** Frees DEAD slots whose entries are gone from every index but {@code skipped}. */
        void reclaim(long[] rowIds, List<VacuumTarget.IndexTarget> skipped) {
            if (!skipped.isEmpty()) {
                table.lockShared();
                try {
                    // an index being created or dropped then may be there to stay: it may still point at them
                    for (VacuumTarget.IndexTarget index : table.indexes()) {
                        if (skipped.contains(index)) {
                            return;
                        }
                    }
                } finally {
                    table.unlockShared();
                }
            }
            FreeSpaceMap fsm = heap.freeSpaceMap();
            for (int from = 0; from < rowIds.length; ) {
                int pageNo = HeapFile.pageOf(rowIds[from]);
                int to = from;
                while (to < rowIds.length && HeapFile.pageOf(rowIds[to]) == pageNo) {
                    to++;
                }
                checkOpen.run();
                table.lockShared();
                try {
                    int freed = heap.reclaimDeadSlots(pageNo, Arrays.copyOfRange(rowIds, from, to), filter);
                    freedSlots += freed;
                    if (freed > 0 && fsm.get(pageNo) == FreeSpaceMap.EMPTY) {
                        freedPages++;
                    }
                } finally {
                    table.unlockShared();
                }
                from = to;
            }
        }
    }
}
