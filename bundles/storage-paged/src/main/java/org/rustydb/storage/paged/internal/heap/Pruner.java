package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** What an opportunistic prune should free at least, as PostgreSQL prunes a page under 10% free. */
    static final int MIN_PRUNE_GAIN = PageLayout.PAGE_SIZE / 10;

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

    /**
     * Prunes a heap page latched exclusively (see {@link HeapFile#prune}); returns the row ids made
     * DEAD. The page is checked whole (as {@link HeapFile#checkValid}) in the same pass that reads
     * its slots, before anything is written.
     */
    long[] pruneLatched(Page page, TupleFilter filter) {
        TupleFilter dead = filter.forOnePass();
        ByteBuffer data = page.data();
        int pageNo = page.id().pageNo();
        HeapFile.checkValidHeader(page);
        int count = HeapPage.slotCount(data);
        int upper = HeapPage.upper(data);
        int[] victims = new int[count];
        int n = 0;
        long[] deleters = new long[count]; // the xmax of each deleted tuple left
        int deleted = 0;
        long deletedBytes = 0;
        for (int s = 0; s < count; s++) {
            int word = HeapPage.slotWord(data, s);
            if (!HeapPage.isValidWord(word, upper)) {
                throw HeapFile.corrupt(page.id(), "inconsistent heap page header or slot array");
            }
            if (HeapPage.stateOf(word) != HeapPage.NORMAL) {
                continue;
            }
            int off = HeapPage.offsetOf(word);
            long xmin = Tuple.xmin(data, off);
            long xmax = Tuple.xmax(data, off);
            if (dead.isDead(xmin, xmax)) {
                victims[n++] = s;
            } else if (xmax != 0 && dead.mayDie(xmin, xmax)) {
                deleters[deleted++] = xmax;
                deletedBytes += HeapPage.lengthOf(word);
            }
        }
        long keep = nextPruneXid(deleters, deleted, deletedBytes);
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

    /**
     * The page's next prune hint: the xmax that, once below the removal horizon, lets a prune free
     * at least {@link #MIN_PRUNE_GAIN} bytes (all the deleted tuples left, if they hold less); 0
     * for none. The smallest xmax would do, but on a page of a few rows updated all the time each
     * prune would then free a tuple or two and pay a pass over every slot and a compaction for it.
     */
    private static long nextPruneXid(long[] deleters, int deleted, long deletedBytes) {
        if (deleted == 0) {
            return 0;
        }
        Arrays.sort(deleters, 0, deleted);
        long perTuple = Math.max(1, deletedBytes / deleted);
        int needed = (int) Math.min(deleted, Math.max(1, (MIN_PRUNE_GAIN + perTuple - 1) / perTuple));
        return deleters[needed - 1];
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
