package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * The slotted layout of {@link PageLayout#TYPE_HEAP} pages, as static methods: reads take the
 * page's buffer, writes a {@link PageWriter} (so every change is logged). The caller holds the
 * page latch (shared to read, exclusive to write).
 *
 * <pre>
 *  0  16 bytes  common header (PageLayout), type TYPE_HEAP
 * 16  short     lower: end of the slot array (first free byte after it)
 * 18  short     upper: start of tuple space; tuples grow down from the page end
 * 20  short     slot count
 * 22  short     flags: bit 0 HAS_UNUSED_SLOTS (some slot below the count is UNUSED); bits
 *               1-15 the unused-slot hint: no slot below it is UNUSED (0 on older pages, which
 *               is as true), so the search for a free slot starts there
 * 24  long      prune xid: 0 if no tuple is deleted, else a hint of when a prune pays, as
 *               PostgreSQL's pd_prune_xid: the xmax past which the last prune found enough
 *               to free (see Pruner), lowered by a smaller xmax set since
 * 32  int[]     slots, 4 bytes each: bits 0-14 tuple offset, 15-16 state, 17-31 tuple length
 *     ...       free space between lower and upper
 *     ...       tuples (see Tuple), packed against the page end after a compaction
 * </pre>
 *
 * Slot states: UNUSED (free for reuse), NORMAL (holds a tuple), DEAD (tuple removed by pruning,
 * slot kept because index entries may still point at its row id; a vacuum makes it UNUSED once
 * they are gone), REDIRECT (the pruned root of a HOT chain: index entries point at it, and its
 * offset bits name the slot of the chain's first version still needed; see {@link Tuple#HEAP_ONLY}).
 * A slot number never changes while the tuple lives: row ids are stable.
 */
public final class HeapPage {
    static final int LOWER = PageLayout.HEADER_SIZE;
    static final int UPPER = LOWER + 2;
    static final int SLOT_COUNT = LOWER + 4;
    static final int FLAGS = LOWER + 6;
    static final int PRUNE_XID = LOWER + 8;
    /** Where the slot array starts. */
    public static final int SLOTS = LOWER + 16;
    public static final int SLOT_SIZE = 4;

    public static final int UNUSED = 0;
    public static final int NORMAL = 1;
    public static final int DEAD = 2;
    public static final int REDIRECT = 3;

    static final int HAS_UNUSED_SLOTS = 1;
    private static final int UNUSED_HINT_SHIFT = 1;

    /** The most a tuple can take on an empty page, slot included. */
    public static final int MAX_TUPLE = PageLayout.PAGE_SIZE - SLOTS - SLOT_SIZE;

    private HeapPage() {
    }

    /** Formats an empty heap page (logged as a whole page). */
    public static void format(PageWriter w) {
        w.format(PageLayout.TYPE_HEAP);
        w.putShort(LOWER, (short) SLOTS);
        w.putShort(UPPER, (short) PageLayout.PAGE_SIZE);
    }

    public static boolean isHeap(ByteBuffer page) {
        return PageLayout.type(page) == PageLayout.TYPE_HEAP;
    }

    public static int lower(ByteBuffer page) {
        return page.getShort(LOWER) & 0xFFFF;
    }

    public static int upper(ByteBuffer page) {
        return page.getShort(UPPER) & 0xFFFF;
    }

    public static int slotCount(ByteBuffer page) {
        return page.getShort(SLOT_COUNT) & 0xFFFF;
    }

    public static long pruneXid(ByteBuffer page) {
        return page.getLong(PRUNE_XID);
    }

    static boolean hasUnusedSlots(ByteBuffer page) {
        return (page.getShort(FLAGS) & HAS_UNUSED_SLOTS) != 0;
    }

    /**
     * True if the header and slots are consistent, so that slot and tuple reads stay inside the
     * page. Checked on every latch (a few hundred slots at most): a corrupt page must give an
     * error naming it, not an exception from the buffer.
     */
    public static boolean isValid(ByteBuffer page) {
        if (!hasValidHeader(page)) {
            return false;
        }
        int upper = upper(page);
        for (int s = 0, count = slotCount(page); s < count; s++) {
            if (!isValidWord(slotWord(page, s), upper, count)) {
                return false;
            }
        }
        return true;
    }

    /** The header's part of {@link #isValid}: enough for a reader of one slot, with {@link #isValidSlot}. */
    public static boolean hasValidHeader(ByteBuffer page) {
        int lower = lower(page);
        int upper = upper(page);
        return isHeap(page) && lower == SLOTS + SLOT_SIZE * slotCount(page) && lower <= upper
                && upper <= PageLayout.PAGE_SIZE;
    }

    /** Whether one slot of a page with a valid header is well formed (true for a slot past the array). */
    public static boolean isValidSlot(ByteBuffer page, int slot) {
        if (slot < 0 || slot >= slotCount(page)) {
            return true;
        }
        return isValidWord(slotWord(page, slot), upper(page), slotCount(page));
    }

    /**
     * Whether a slot word of a page with {@code count} slots is well formed: a NORMAL one points
     * inside the tuple space above {@code upper}, a REDIRECT one at a slot of the page.
     */
    static boolean isValidWord(int word, int upper, int count) {
        int state = stateOf(word);
        if (state == NORMAL) {
            int offset = offsetOf(word);
            int length = lengthOf(word);
            return offset >= upper && offset + length <= PageLayout.PAGE_SIZE && length >= Tuple.HEADER_SIZE;
        }
        return state != REDIRECT || offsetOf(word) < count;
    }

    /** The bytes available to one new tuple, counting the slot it needs unless one is UNUSED. */
    public static int freeSpace(ByteBuffer page) {
        int gap = upper(page) - lower(page) - (hasUnusedSlots(page) ? 0 : SLOT_SIZE);
        return Math.max(0, gap);
    }

    private static int slotPos(int slot) {
        return SLOTS + SLOT_SIZE * slot;
    }

    /** A slot's state, offset and length in one word: read it once where several are needed. */
    static int slotWord(ByteBuffer page, int slot) {
        return page.getInt(slotPos(slot));
    }

    static int stateOf(int word) {
        return word >>> 15 & 3;
    }

    static int offsetOf(int word) {
        return word & 0x7FFF;
    }

    static int lengthOf(int word) {
        return word >>> 17;
    }

    private static int encode(int offset, int state, int length) {
        return offset | state << 15 | length << 17;
    }

    public static int slotState(ByteBuffer page, int slot) {
        return stateOf(slotWord(page, slot));
    }

    public static int tupleOffset(ByteBuffer page, int slot) {
        return offsetOf(slotWord(page, slot));
    }

    public static int tupleLength(ByteBuffer page, int slot) {
        return lengthOf(slotWord(page, slot));
    }

    /**
     * True if {@code slot} exists, is NORMAL and its tuple lies inside the tuple space: the check
     * before reading a tuple.
     */
    public static boolean isNormal(ByteBuffer page, int slot) {
        if (slot < 0 || slot >= slotCount(page)) {
            return false;
        }
        int word = slotWord(page, slot);
        if (stateOf(word) != NORMAL) {
            return false;
        }
        int offset = offsetOf(word);
        int length = lengthOf(word);
        if (offset < upper(page) || offset + length > PageLayout.PAGE_SIZE || length < Tuple.HEADER_SIZE) {
            throw new IllegalStateException("slot " + slot + " points outside the tuple space");
        }
        return true;
    }

    /**
     * Adds a tuple, reusing an UNUSED slot if there is one (never a DEAD one). Returns the slot,
     * or -1 if the tuple does not fit; nothing is written then.
     */
    public static int addTuple(PageWriter w, byte[] tuple) {
        int unused = unusedSlot(w.page());
        int offset = offsetFor(w.page(), tuple.length, unused);
        if (offset < 0) {
            return -1;
        }
        w.putBytes(offset, tuple);
        return claimSlot(w, offset, tuple.length, unused);
    }

    /**
     * {@link #addTuple} of {@link Tuple#inline}{@code (xmin, payload)}, written straight into the
     * page instead of through a copy.
     */
    public static int addInlineTuple(PageWriter w, long xmin, byte[] payload) {
        return addInlineTuple(w, xmin, payload, 0);
    }

    /** {@link #addInlineTuple(PageWriter, long, byte[])} with tuple flags (see {@link Tuple}). */
    public static int addInlineTuple(PageWriter w, long xmin, byte[] payload, int tupleFlags) {
        int length = Tuple.HEADER_SIZE + payload.length;
        int unused = unusedSlot(w.page());
        int offset = offsetFor(w.page(), length, unused);
        if (offset < 0) {
            return -1;
        }
        // highest bytes first, as tuples are packed downwards: the writes then extend one range
        w.putBytes(offset + Tuple.HEADER_SIZE, payload);
        Tuple.writeInlineHeader(w, offset, xmin, tupleFlags);
        return claimSlot(w, offset, length, unused);
    }

    /** The first UNUSED slot (never a DEAD one), or -1 for none. */
    private static int unusedSlot(ByteBuffer page) {
        return hasUnusedSlots(page) ? nextUnused(page, unusedHint(page)) : -1;
    }

    private static int unusedHint(ByteBuffer page) {
        return (page.getShort(FLAGS) & 0xFFFF) >>> UNUSED_HINT_SHIFT;
    }

    /** Sets HAS_UNUSED_SLOTS to {@code any} and the hint to {@code hint} (see the layout), if they changed. */
    private static void setUnused(PageWriter w, boolean any, int hint) {
        int flags = w.page().getShort(FLAGS) & 0xFFFF;
        int wanted = any ? HAS_UNUSED_SLOTS | hint << UNUSED_HINT_SHIFT : 0;
        if (wanted != flags) {
            w.putShort(FLAGS, (short) wanted);
        }
    }

    /** Where a tuple of {@code length} bytes goes, or -1 if it does not fit with the slot it needs. */
    private static int offsetFor(ByteBuffer page, int length, int unusedSlot) {
        int needed = length + (unusedSlot >= 0 ? 0 : SLOT_SIZE);
        int upper = upper(page);
        if (length < Tuple.HEADER_SIZE || upper - lower(page) < needed) {
            return -1;
        }
        return upper - length;
    }

    /** Points {@code unusedSlot} (or, if -1, a new slot) at a tuple just written at {@code offset}. */
    private static int claimSlot(PageWriter w, int offset, int length, int unusedSlot) {
        ByteBuffer page = w.page();
        int slot = unusedSlot;
        w.putShort(UPPER, (short) offset);
        if (slot < 0) {
            slot = slotCount(page);
            w.putShort(SLOT_COUNT, (short) (slot + 1));
            w.putShort(LOWER, (short) (lower(page) + SLOT_SIZE));
        } else {
            // the flag stays exact (freeSpace counts on it); the search goes on from here, not slot 0
            int next = nextUnused(page, slot + 1);
            setUnused(w, next >= 0, Math.max(next, 0));
        }
        w.putInt(slotPos(slot), encode(offset, NORMAL, length));
        return slot;
    }

    private static int nextUnused(ByteBuffer page, int from) {
        int count = slotCount(page);
        for (int s = from; s < count; s++) {
            if (stateOf(slotWord(page, s)) == UNUSED) {
                return s;
            }
        }
        return -1;
    }

    /** Copies the whole tuple (header and body) of a NORMAL slot, or null if it is not NORMAL. */
    public static byte[] readTuple(ByteBuffer page, int slot) {
        if (!isNormal(page, slot)) {
            return null;
        }
        byte[] out = new byte[tupleLength(page, slot)];
        page.get(tupleOffset(page, slot), out, 0, out.length);
        return out;
    }

    /**
     * Sets the xmax of a NORMAL slot's tuple in place (dropping its HOT link, see
     * {@link Tuple#HOT_UPDATED}) and lowers the prune hint to it.
     */
    public static void setXmax(PageWriter w, int slot, long xmax) {
        ByteBuffer page = w.page();
        if (!isNormal(page, slot)) {
            throw new IllegalArgumentException("slot " + slot + " holds no tuple");
        }
        int offset = tupleOffset(page, slot);
        w.putLong(offset + Tuple.XMAX, xmax);
        // a link to a heap-only successor belongs to the xmax it was made with: a new one (or
        // none) makes it stale, and its slot may since hold a version another update made
        Tuple.clearHotUpdated(w, offset);
        long prune = pruneXid(page);
        if (xmax != 0 && (prune == 0 || Long.compareUnsigned(xmax, prune) < 0)) {
            w.putLong(PRUNE_XID, xmax);
        }
    }

    public static void setPruneXid(PageWriter w, long xid) {
        if (pruneXid(w.page()) != xid) {
            w.putLong(PRUNE_XID, xid);
        }
    }

    /** Makes a NORMAL slot DEAD; its tuple bytes become garbage that {@link #compact} reclaims. */
    public static void markDead(PageWriter w, int slot) {
        if (!isNormal(w.page(), slot)) {
            throw new IllegalArgumentException("slot " + slot + " holds no tuple");
        }
        markDeadSlot(w, slot);
    }

    /**
     * Defragments the tuple space: moves the NORMAL tuples against the page end, keeping their
     * slots. Returns the free space afterwards.
     */
    public static int compact(PageWriter w) {
        ByteBuffer page = w.page();
        int count = slotCount(page);
        long[] byOffset = new long[count];
        int n = 0;
        int upperBefore = upper(page);
        for (int s = 0; s < count; s++) {
            int word = slotWord(page, s);
            if (stateOf(word) == NORMAL) {
                if (!isValidWord(word, upperBefore, count)) {
                    throw new IllegalStateException("slot " + s + " points outside the tuple space");
                }
                byOffset[n++] = (long) offsetOf(word) << 16 | s;
            }
        }
        Arrays.sort(byOffset, 0, n);
        // highest tuple first: each lands at or above its old place, above all tuples not yet moved
        int upper = PageLayout.PAGE_SIZE;
        for (int i = n - 1; i >= 0; i--) {
            int slot = (int) (byOffset[i] & 0xFFFF);
            int offset = (int) (byOffset[i] >>> 16);
            int length = tupleLength(page, slot);
            int target = upper - length;
            if (target != offset) {
                w.move(offset, target, length);
                w.putInt(slotPos(slot), encode(target, NORMAL, length));
            }
            upper = target;
        }
        if (upper != upper(page)) {
            w.putShort(UPPER, (short) upper);
        }
        return freeSpace(page);
    }

    /** The slot a REDIRECT slot points at. */
    public static int redirectTarget(ByteBuffer page, int slot) {
        return offsetOf(slotWord(page, slot));
    }

    /** Makes a NORMAL or REDIRECT slot a REDIRECT to {@code target}; a NORMAL one's tuple bytes become garbage. */
    static void redirect(PageWriter w, int slot, int target) {
        w.putInt(slotPos(slot), encode(target, REDIRECT, 0));
    }

    /** Makes a NORMAL or REDIRECT slot DEAD (see {@link #markDead}). */
    static void markDeadSlot(PageWriter w, int slot) {
        w.putInt(slotPos(slot), encode(0, DEAD, 0));
    }

    /**
     * Makes a slot UNUSED, its row id free for a new tuple: a pruned heap-only tuple's at once (no
     * index entry points at it), a DEAD one's once vacuum removed its entries ({@link #reclaim}).
     */
    static void markUnused(PageWriter w, int slot) {
        ByteBuffer page = w.page();
        w.putInt(slotPos(slot), encode(0, UNUSED, 0));
        setUnused(w, true, hasUnusedSlots(page) ? Math.min(unusedHint(page), slot) : slot);
    }

    /** Makes a DEAD slot UNUSED; returns false (and writes nothing) if it is not DEAD. */
    public static boolean reclaim(PageWriter w, int slot) {
        ByteBuffer page = w.page();
        if (slot < 0 || slot >= slotCount(page) || slotState(page, slot) != DEAD) {
            return false;
        }
        markUnused(w, slot);
        return true;
    }

    /**
     * Drops UNUSED slots from the end of the slot array (their row ids are free anyway) and sets
     * HAS_UNUSED_SLOTS to whether any remain. Returns the new slot count.
     */
    public static int truncateUnusedSlots(PageWriter w) {
        ByteBuffer page = w.page();
        int count = slotCount(page);
        int kept = count;
        while (kept > 0 && slotState(page, kept - 1) == UNUSED) {
            kept--;
        }
        if (kept != count) {
            w.putShort(SLOT_COUNT, (short) kept);
            w.putShort(LOWER, (short) slotPos(kept));
        }
        int first = nextUnused(page, 0);
        setUnused(w, first >= 0, Math.max(first, 0));
        return kept;
    }
}
