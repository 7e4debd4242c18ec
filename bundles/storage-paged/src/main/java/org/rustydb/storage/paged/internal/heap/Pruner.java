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

    /** What a prune does to a slot. */
    private static final byte KEEP = 0;
    private static final byte TO_DEAD = 1;
    private static final byte TO_UNUSED = 2;
    private static final byte TO_REDIRECT = 3;

    /**
     * Prunes a heap page latched exclusively (see {@link HeapFile#prune}); returns the row ids
     * whose versions it removed. A dead tuple that index entries point at (a chain's root) keeps
     * its slot: DEAD, or REDIRECT to the first version of its HOT chain still needed; a dead
     * heap-only tuple's slot becomes UNUSED at once. The page is checked whole (as
     * {@link HeapFile#checkValid}) in the same pass that reads its slots, before anything is written.
     */
    long[] pruneLatched(Page page, TupleFilter filter) {
        TupleFilter dead = filter.forOnePass();
        ByteBuffer data = page.data();
        int pageNo = page.id().pageNo();
        HeapFile.checkValidHeader(page);
        int count = HeapPage.slotCount(data);
        int upper = HeapPage.upper(data);
        boolean[] isDead = new boolean[count];
        long[] deleters = new long[count]; // the xmax of each deleted tuple left
        int deleted = 0;
        long deletedBytes = 0;
        for (int s = 0; s < count; s++) {
            int word = HeapPage.slotWord(data, s);
            if (!HeapPage.isValidWord(word, upper, count)) {
                throw HeapFile.corrupt(page.id(), "inconsistent heap page header or slot array");
            }
            if (HeapPage.stateOf(word) != HeapPage.NORMAL) {
                continue;
            }
            int off = HeapPage.offsetOf(word);
            long xmin = Tuple.xmin(data, off);
            long xmax = Tuple.xmax(data, off);
            if (dead.isDead(xmin, xmax)) {
                isDead[s] = true;
            } else if (xmax != 0 && dead.mayDie(xmin, xmax)) {
                deleters[deleted++] = xmax;
                deletedBytes += HeapPage.lengthOf(word);
            }
        }
        long keep = nextPruneXid(deleters, deleted, deletedBytes);
        // decide everything before the first write: the chain walks read the headers of dead tuples
        byte[] action = new byte[count];
        int[] target = new int[count];
        boolean[] reached = new boolean[count];
        for (int s = 0; s < count; s++) {
            int first = HeapChains.start(data, s);
            if (first < 0) {
                continue;
            }
            // versions die in chain order, but xids are not in commit order: only the dead ones
            // before the first still needed go, and later dead ones wait for a later prune
            int needed = first;
            while (needed >= 0 && isDead[needed] && !reached[needed]) {
                reached[needed] = true;
                needed = HeapChains.successor(data, needed);
            }
            // the rest stays, up to a version whose deleter rolled back: what follows it is that
            // deleter's, dead wherever it is in the chain
            for (int m = needed; m >= 0 && !reached[m]; m = deleterMayCommit(data, m, dead)
                    ? HeapChains.successor(data, m) : -1) {
                reached[m] = true;
            }
            for (int m = first; m >= 0 && m != needed; m = HeapChains.successor(data, m)) {
                if (m != s) {
                    action[m] = TO_UNUSED; // a heap-only version: no index entry names its slot
                }
            }
            if (needed == first) {
                continue;
            }
            action[s] = needed < 0 ? TO_DEAD : TO_REDIRECT;
            target[s] = needed;
        }
        for (int s = 0; s < count; s++) {
            // a heap-only version no chain reaches: left by an update rolled back (wholly or to a savepoint)
            if (isDead[s] && !reached[s] && action[s] == KEEP
                    && Tuple.isHeapOnly(data, HeapPage.tupleOffset(data, s))) {
                action[s] = TO_UNUSED;
            }
        }
        int changed = 0; // counted once per slot, whatever decided it
        for (byte a : action) {
            changed += a == KEEP ? 0 : 1;
        }
        List<Page> chains = new ArrayList<>();
        int[] freedPages;
        try {
            // latch and check every overflow chain before the first write: an edit cannot be undone
            for (int s = 0; s < count; s++) {
                if (action[s] != KEEP && HeapPage.slotState(data, s) == HeapPage.NORMAL) {
                    int off = HeapPage.tupleOffset(data, s);
                    if (Tuple.hasOverflow(data, off)) {
                        HeapFile.checkStub(page, s);
                        overflow.latchForFree(page.id(), s, Tuple.overflowFirstPage(data, off),
                                Tuple.overflowLength(data, off), chains);
                    }
                }
            }
            if (changed > 0) {
                // dead tuples never sit on an all-visible page; cleared all the same, before the change
                visibility.clear(pageNo);
            }
            PageEdit edit = log.begin(0);
            for (int s = 0; s < count; s++) {
                switch (action[s]) {
                    case TO_DEAD -> HeapPage.markDeadSlot(edit.write(page), s);
                    case TO_UNUSED -> HeapPage.markUnused(edit.write(page), s);
                    case TO_REDIRECT -> HeapPage.redirect(edit.write(page), s, target[s]);
                    default -> {
                    }
                }
            }
            if (changed > 0) {
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
        long[] ids = new long[changed];
        for (int s = 0, i = 0; s < count; s++) {
            if (action[s] != KEEP) {
                ids[i++] = HeapFile.rowId(pageNo, s);
            }
        }
        return ids;
    }

    private static boolean deleterMayCommit(ByteBuffer data, int slot, TupleFilter dead) {
        int off = HeapPage.tupleOffset(data, slot);
        return dead.mayDie(Tuple.xmin(data, off), Tuple.xmax(data, off));
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
