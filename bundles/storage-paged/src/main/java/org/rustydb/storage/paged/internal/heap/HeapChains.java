package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * HOT chains on one heap page (see {@link Tuple#HEAP_ONLY}): an update that keeps every indexed
 * column may put the new version on its predecessor's page without index entries, linking the
 * predecessor to it. Index entries point at a chain's root (the first version, or the REDIRECT
 * slot pruning left in its place); readers walk the links from there. A link counts only when
 * its target is a heap-only tuple created by the transaction that deleted the linking one, so a
 * link left by a rolled-back update (whose slot may serve another tuple since) leads nowhere.
 * Static methods over a page the caller holds latched (or a private copy of one).
 */
final class HeapChains {
    private HeapChains() {
    }

    /** The slot of the version that replaced the tuple in {@code slot} on this page, or -1. */
    static int successor(ByteBuffer data, int slot) {
        int off = HeapPage.tupleOffset(data, slot);
        if (!Tuple.isHotUpdated(data, off)) {
            return -1;
        }
        int next = Tuple.nextSlot(data, off);
        // a malformed successor slot ends the chain instead of a read past the tuple space (page
        // checksums and rustydb:check report such a page)
        if (next >= HeapPage.slotCount(data) || HeapPage.slotState(data, next) != HeapPage.NORMAL
                || !HeapPage.isValidSlot(data, next)) {
            return -1;
        }
        int nextOff = HeapPage.tupleOffset(data, next);
        return Tuple.isHeapOnly(data, nextOff) && Tuple.xmin(data, nextOff) == Tuple.xmax(data, off) ? next : -1;
    }

    /**
     * Where a walk from an index entry naming {@code slot} begins: the slot itself for a root
     * tuple, the target of a REDIRECT; -1 when the slot holds no version (UNUSED, DEAD) or a
     * heap-only one (which no entry names).
     */
    static int start(ByteBuffer data, int slot) {
        if (slot < 0 || slot >= HeapPage.slotCount(data)) {
            return -1;
        }
        int state = HeapPage.slotState(data, slot);
        if (state == HeapPage.REDIRECT) {
            int target = HeapPage.redirectTarget(data, slot);
            return HeapPage.slotState(data, target) == HeapPage.NORMAL
                    && Tuple.isHeapOnly(data, HeapPage.tupleOffset(data, target)) ? target : -1;
        }
        return state == HeapPage.NORMAL && !Tuple.isHeapOnly(data, HeapPage.tupleOffset(data, slot)) ? slot : -1;
    }

    /**
     * Each slot's chain root (the slot index entries name) into {@code roots}, -1 for slots no
     * chain reaches, and its place along the chain into {@code depths} (0 for the root tuple).
     */
    static void roots(ByteBuffer data, int[] roots, int[] depths) {
        int count = HeapPage.slotCount(data);
        Arrays.fill(roots, 0, count, -1);
        for (int s = 0; s < count; s++) {
            int first = start(data, s);
            if (first < 0) {
                continue;
            }
            int depth = first == s ? 0 : 1;
            for (int current = first; current >= 0 && roots[current] < 0 && depth <= count; depth++) {
                roots[current] = s;
                depths[current] = depth;
                current = successor(data, current);
            }
        }
    }
}
