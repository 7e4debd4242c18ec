package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;

import org.rustydb.api.DbException;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the page a new tuple goes to and writes it there, for one heap file. Every candidate is
 * re-checked under its exclusive latch, so the free-space map only has to be a good guess.
 * Threads are spread over {@link #STRIPES} insert targets so concurrent inserters rarely queue on
 * one page latch.
 */
final class Placement {
    private static final Logger LOG = LoggerFactory.getLogger(Placement.class);
    private static final int STRIPES = 4;
    private static final int MAP_TRIES = 8;
    private static final int REBUILD_BATCH = 32;
    private static final int PRUNE_TRIES = 4;

    private final PageCache cache;
    private final PageEditLog log;
    private final int fileId;
    private final FreeSpaceMap fsm;
    private final Pruner pruner;
    private final TupleFilter pruneFilter;
    private final VisibilityMap visibility;
    /** The page each stripe inserted into last, -1 for none yet. */
    private final AtomicIntegerArray targets = new AtomicIntegerArray(STRIPES);
    private final AtomicInteger rebuildCursor;
    private final AtomicInteger pruneCursor = new AtomicInteger();

    Placement(PageCache cache, PageEditLog log, int fileId, FreeSpaceMap fsm, Pruner pruner, TupleFilter pruneFilter,
              VisibilityMap visibility) {
        this.visibility = visibility;
        this.cache = cache;
        this.log = log;
        this.fileId = fileId;
        this.fsm = fsm;
        this.pruner = pruner;
        this.pruneFilter = pruneFilter;
        // the last pages are the likeliest to have room: inspect them first
        this.rebuildCursor = new AtomicInteger(Math.max(0, fsm.size() - REBUILD_BATCH));
        for (int i = 0; i < STRIPES; i++) {
            targets.set(i, -1);
        }
    }

    /**
     * Finds a page for a tuple and writes it there: this thread's last page, then pages the map
     * suggests (inspecting unknown pages a batch at a time), then pages with deleted rows that
     * pruning may free, then a new page.
     */
    long place(long xid, byte[] tuple, OverflowStore.Reservation chain, byte[] payload) {
        return find(FreeSpaceMap.needed(tuple.length), chain, page -> insertInto(page, xid, tuple, chain, payload));
    }

    /**
     * Places the rows {@code payloads[from..to)}, each small enough for an inline tuple, in order,
     * as many as fit on the page found for the first (found as {@link #place} finds one), in one
     * edit: a bulk load logs one record per page instead of one per row. Fills their row ids in
     * {@code rowIds}; returns how many were placed, at least one.
     */
    int placeRun(long xid, byte[][] payloads, int from, int to, long[] rowIds) {
        return (int) find(FreeSpaceMap.needed(Tuple.HEADER_SIZE + payloads[from].length), null,
                page -> insertRunInto(page, xid, payloads, from, to, rowIds));
    }

    /** What writing into one candidate page gave: -1 if it had no room, else the result. */
    private interface PageFill {
        long into(Page page);
    }

    private long find(int need, OverflowStore.Reservation chain, PageFill fill) {
        int stripe = stripe();
        int last = targets.get(stripe);
        long result = last >= 0 ? tryPage(last, chain, fill) : -1;
        int start = (int) ((long) fsm.size() * stripe / STRIPES);
        boolean rebuilt = false;
        for (int tries = 0; result < 0 && tries < MAP_TRIES; ) {
            int p = fsm.find(need, start);
            if (p < 0) {
                if (rebuilt || !rebuildSome()) {
                    break;
                }
                rebuilt = true;
                continue;
            }
            tries++;
            result = tryPage(p, chain, fill);
        }
        for (int tries = 0, first = -1; result < 0 && pruneFilter != null && tries < PRUNE_TRIES; tries++) {
            int p = nextPrunable(first);
            if (p < 0) {
                break;
            }
            first = first < 0 ? p : first;
            result = tryPage(p, chain, fill);
        }
        while (result < 0) {
            Page page = cache.allocate(fileId);
            fsm.set(page.id().pageNo(), 0); // known, and not suggested to others until used
            result = fill.into(page);
        }
        return result;
    }

    private static int stripe() {
        return (int) (Thread.currentThread().getId() % STRIPES);
    }

    /** The next page marked prunable, round robin; -1 if none or back at {@code first}. */
    private int nextPrunable(int first) {
        int p = fsm.nextPrunable(pruneCursor.get());
        if (p < 0 || p == first) {
            return -1;
        }
        pruneCursor.set(p + 1);
        return p;
    }

    /**
     * Prunes a few pages where rows were deleted, for an overflow chain that found no free page
     * (chains of pruned rows become free pages). True if anything was pruned.
     */
    boolean pruneCandidates(IntPredicate skip) {
        boolean pruned = false;
        for (int tries = 0, first = -1; pruneFilter != null && tries < PRUNE_TRIES; tries++) {
            int p = nextPrunable(first);
            if (p < 0) {
                break;
            }
            first = first < 0 ? p : first;
            if (skip.test(p) || p >= cache.pageCount(fileId)) {
                continue;
            }
            try (Page page = cache.pin(new PageId(fileId, p))) {
                page.latchExclusive();
                try {
                    ByteBuffer data = page.data();
                    if (!HeapPage.isHeap(data)) {
                        fsm.clearPrunable(p);
                        continue;
                    }
                    HeapFile.checkValidHeader(page);
                    if (Pruner.worthPruning(data, pruneFilter)) {
                        pruned |= pruner.pruneLatched(page, pruneFilter).length > 0;
                    }
                    if (HeapPage.pruneXid(data) == 0) {
                        fsm.clearPrunable(p);
                    }
                } finally {
                    page.unlatchExclusive();
                }
            }
        }
        return pruned;
    }

    private long tryPage(int pageNo, OverflowStore.Reservation chain, PageFill fill) {
        if (pageNo >= cache.pageCount(fileId) || (chain != null && chain.contains(pageNo))) {
            return -1;
        }
        return fill.into(cache.pin(new PageId(fileId, pageNo)));
    }

    /** Inserts into a pinned page if it has room (after pruning it if worth it); unpins it. Returns the row id or -1. */
    private long insertInto(Page page, long xid, byte[] tuple, OverflowStore.Reservation chain, byte[] payload) {
        int pageNo = page.id().pageNo();
        try (page) {
            page.latchExclusive();
            try {
                boolean fresh = PageLayout.type(page.data()) == PageLayout.TYPE_FREE;
                if (fresh) {
                    visibility.clear(pageNo);
                } else if (!makeRoom(page, tuple.length)) {
                    return -1;
                }
                PageEdit edit = log.begin(xid);
                if (fresh) {
                    HeapPage.format(edit.write(page));
                }
                int slot = HeapPage.addTuple(edit.write(page), tuple);
                if (chain != null) {
                    chain.write(edit, payload);
                }
                edit.commit();
                placed(pageNo, page.data());
                return HeapFile.rowId(pageNo, slot);
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /**
     * Adds {@code payload} inline to the pinned page of {@code oldSlot} as its heap-only
     * successor, if it fits there (after pruning the page if that is worth it) and the old
     * version is still one {@code xid} deleted; unpins the page. Returns the row id or -1.
     */
    long placeHeapOnly(Page page, long xid, int oldSlot, byte[] payload) {
        int pageNo = page.id().pageNo();
        try (page) {
            page.latchExclusive();
            try {
                ByteBuffer data = page.data();
                if (!HeapPage.isHeap(data) || !makeRoom(page, Tuple.HEADER_SIZE + payload.length)) {
                    return -1;
                }
                // pruning never removes a version its deleter has not ended
                if (!HeapPage.isNormal(data, oldSlot) || Tuple.xmax(data, HeapPage.tupleOffset(data, oldSlot)) != xid) {
                    return -1;
                }
                PageEdit edit = log.begin(xid);
                int slot = HeapPage.addInlineTuple(edit.write(page), xid, payload, Tuple.HEAP_ONLY);
                if (slot < 0) {
                    edit.commit();
                    return -1;
                }
                Tuple.setHotUpdated(edit.write(page), HeapPage.tupleOffset(data, oldSlot), slot);
                edit.commit();
                fsm.set(pageNo, FreeSpaceMap.category(HeapPage.freeSpace(data)));
                return HeapFile.rowId(pageNo, slot);
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /** Inserts a run of rows as inline tuples into a pinned page, as many as fit, in one edit; unpins it. Returns how many, or -1 for none. */
    private long insertRunInto(Page page, long xid, byte[][] payloads, int from, int to, long[] rowIds) {
        int pageNo = page.id().pageNo();
        try (page) {
            page.latchExclusive();
            try {
                boolean fresh = PageLayout.type(page.data()) == PageLayout.TYPE_FREE;
                if (fresh) {
                    visibility.clear(pageNo);
                } else if (!makeRoom(page, Tuple.HEADER_SIZE + payloads[from].length)) {
                    return -1;
                }
                PageEdit edit = log.begin(xid);
                if (fresh) {
                    HeapPage.format(edit.write(page));
                }
                int placed = 0;
                for (int i = from; i < to; i++) {
                    int slot = HeapPage.addInlineTuple(edit.write(page), xid, payloads[i]);
                    if (slot < 0) {
                        break;
                    }
                    rowIds[i] = HeapFile.rowId(pageNo, slot);
                    placed++;
                }
                edit.commit();
                placed(pageNo, page.data());
                return placed;
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /**
     * For a heap page latched exclusively: true if a tuple of {@code length} bytes fits (after
     * pruning the page if that is worth it), with the visibility bit cleared for the new tuple;
     * false if not, the free-space map corrected. A page of another type is false.
     */
    private boolean makeRoom(Page page, int length) {
        int pageNo = page.id().pageNo();
        ByteBuffer data = page.data();
        if (PageLayout.type(data) != PageLayout.TYPE_HEAP) {
            fsm.set(pageNo, 0);
            return false;
        }
        // adding a tuple reads only the header and slot states; pruning reads every tuple
        HeapFile.checkValidHeader(page);
        if (HeapPage.freeSpace(data) < length && Pruner.worthPruning(data, pruneFilter)) {
            pruner.pruneLatched(page, pruneFilter); // checks every slot before it writes
        }
        if (HeapPage.freeSpace(data) < length) {
            fsm.set(pageNo, FreeSpaceMap.category(HeapPage.freeSpace(data)));
            if (HeapPage.pruneXid(data) == 0) {
                fsm.clearPrunable(pageNo);
            }
            return false;
        }
        // cleared before the new tuple is there, so no reader that sees it finds the page all-visible
        visibility.clear(pageNo);
        return true;
    }

    /** After tuples went to a page: its free space in the map, and this thread's next target. */
    private void placed(int pageNo, ByteBuffer data) {
        fsm.set(pageNo, FreeSpaceMap.category(HeapPage.freeSpace(data)));
        targets.set(stripe(), pageNo);
    }

    /** Inspects up to a batch of pages the map does not know yet; false if there were none. */
    private boolean rebuildSome() {
        if (fsm.unknownCount() == 0) {
            return false;
        }
        for (int i = 0; i < REBUILD_BATCH; i++) {
            int p = fsm.nextUnknown(rebuildCursor.get());
            if (p < 0) {
                break;
            }
            rebuildCursor.set(p + 1);
            int category = 0;
            boolean prunable = false;
            try (Page page = cache.pin(new PageId(fileId, p))) {
                page.latchShared();
                try {
                    category = FreeSpaceMap.categoryOf(page.data());
                    prunable = HeapPage.isHeap(page.data()) && HeapPage.pruneXid(page.data()) != 0;
                } finally {
                    page.unlatchShared();
                }
            } catch (DbException e) {
                // a damaged page is reported by whoever reads its rows; inserts just avoid it
                LOG.warn("free-space map of file {} skips block {}: {}", fileId, p, e.getMessage());
            }
            fsm.set(p, category);
            if (prunable) {
                fsm.markPrunable(p);
            }
        }
        return true;
    }

}
