package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Pruning and slot reclaiming of the pages of one heap file, on pages the caller has latched
 * exclusively. Pruning removes dead tuples' bytes and overflow chains but keeps their slots
 * (DEAD) so row ids in index entries are never reused; reclaiming turns DEAD slots UNUSED once
 * the engine has removed those index entries.
 */
final class Pruner {
    private final PageEditLog log;
    private final FreeSpaceMap fsm;
    private final OverflowStore overflow;
    private final VisibilityMap visibility;

    Pruner(PageEditLog log, FreeSpaceMap fsm, OverflowStore overflow, VisibilityMap visibility) {
        this.log = log;
        this.fsm = fsm;
        this.overflow = overflow;
        this.visibility = visibility;
    }

    /**
     * Whether an opportunistic prune of this page may pay: some xmax was set since the last prune
     * and the filter's cheap pre-check agrees. False without a filter.
     */
    static boolean worthPruning(ByteBuffer page, TupleFilter filter) {
        long oldest = HeapPage.pruneXid(page);
        return filter != null && oldest != 0 && filter.worthPruning(oldest);
    }

    /** Prunes a page latched exclusively (see {@link HeapFile#prune}); returns the row ids made DEAD. */
    long[] pruneLatched(Page page, TupleFilter filter) {
        TupleFilter dead = filter.forOnePass();
        ByteBuffer data = page.data();
        int pageNo = page.id().pageNo();
        int count = HeapPage.slotCount(data);
        int[] victims = new int[count];
        int n = 0;
        long keep = 0; // the smallest xmax left: the page's next prune hint
        for (int s = 0; s < count; s++) {
            if (HeapPage.slotState(data, s) != HeapPage.NORMAL) {
                continue;
            }
            int off = HeapPage.tupleOffset(data, s);
            long xmin = Tuple.xmin(data, off);
            long xmax = Tuple.xmax(data, off);
            if (dead.isDead(xmin, xmax)) {
                victims[n++] = s;
            } else if (xmax != 0 && dead.mayDie(xmin, xmax) && (keep == 0 || Long.compareUnsigned(xmax, keep) < 0)) {
                keep = xmax;
            }
        }
        List<Page> chains = new ArrayList<>();
        int[] freedPages;
        try {
            // latch and check every chain before the first write: an edit cannot be undone
            for (int i = 0; i < n; i++) {
                int off = HeapPage.tupleOffset(data, victims[i]);
                if (Tuple.hasOverflow(data, off)) {
                    HeapFile.checkStub(page, victims[i]);
                    overflow.latchForFree(page.id(), victims[i], Tuple.overflowFirstPage(data, off),
                            Tuple.overflowLength(data, off), chains);
                }
            }
            if (n > 0) {
                // dead tuples never sit on an all-visible page; cleared all the same, before the change
                visibility.clear(pageNo);
            }
            PageEdit edit = log.begin(0);
            for (int i = 0; i < n; i++) {
                HeapPage.markDead(edit.write(page), victims[i]);
            }
            if (n > 0) {
                HeapPage.compact(edit.write(page));
            }
            if (HeapPage.pruneXid(data) != keep) {
                HeapPage.setPruneXid(edit.write(page), keep);
            }
            OverflowStore.free(edit, chains);
            edit.commit();
            freedPages = chains.stream().mapToInt(p -> p.id().pageNo()).toArray();
        } finally {
            OverflowStore.releaseExclusive(chains);
        }
        for (int p : freedPages) {
            fsm.set(p, FreeSpaceMap.EMPTY);
        }
        fsm.set(pageNo, FreeSpaceMap.category(HeapPage.freeSpace(data)));
        if (keep == 0) {
            fsm.clearPrunable(pageNo);
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = HeapFile.rowId(pageNo, victims[i]);
        }
        return ids;
    }

    /** Makes DEAD slots UNUSED (see {@link HeapFile#reclaimDeadSlots}) on a page latched exclusively. */
    int reclaimLatched(Page page, long[] rowIds) {
        ByteBuffer data = page.data();
        PageEdit edit = log.begin(0);
        int freed = 0;
        for (long id : rowIds) {
            if (HeapPage.reclaim(edit.write(page), HeapFile.slotOf(id))) {
                freed++;
            }
        }
        if (freed == 0) {
            return 0;
        }
        if (HeapPage.truncateUnusedSlots(edit.write(page)) == 0) {
            // no slot left, so no row id can point here: the page may serve any use again
            edit.write(page).putByte(PageLayout.TYPE_OFFSET, PageLayout.TYPE_FREE);
        }
        edit.commit();
        fsm.set(page.id().pageNo(), FreeSpaceMap.categoryOf(data));
        return freed;
    }
}
