package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

class HeapPageTest {
    private final ByteBuffer page = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
    private final PageWriter w = new PageWriter(page);

    private static byte[] payload(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static byte[] payloadOf(ByteBuffer page, int slot) {
        return Tuple.inlinePayload(page, HeapPage.tupleOffset(page, slot), HeapPage.tupleLength(page, slot));
    }

    @Test
    void inlineTuplesWrittenInPlaceMatchCopiedOnesAndLogFewRanges() {
        ByteBuffer copied = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        PageWriter copiedWriter = new PageWriter(copied);
        HeapPage.format(w);
        HeapPage.format(copiedWriter);
        int slots = 0;
        for (int i = 0; ; i++) {
            byte[] p = payload(150 + i % 7, i);
            int slot = HeapPage.addInlineTuple(w, 40 + i, p);
            assertEquals(slot, HeapPage.addTuple(copiedWriter, Tuple.inline(40 + i, p)));
            if (slot < 0) {
                break;
            }
            slots++;
        }
        assertTrue(slots > 40, "a page holds " + slots + " tuples");
        assertArrayEquals(copied.array(), page.array());
        // the header, the slot array and the packed tuples: three ranges after merging, whatever the count
        assertTrue(w.ranges().length <= 6, Arrays.toString(w.ranges()));
    }

    @Test
    void formatAndLayoutRoundTrip() {
        HeapPage.format(w);
        assertEquals(PageLayout.TYPE_HEAP, PageLayout.type(page));
        assertEquals(32, HeapPage.lower(page));
        assertEquals(PageLayout.PAGE_SIZE, HeapPage.upper(page));
        assertEquals(0, HeapPage.slotCount(page));
        assertEquals(PageLayout.PAGE_SIZE - 32 - 4, HeapPage.freeSpace(page));
        assertTrue(HeapPage.isValid(page));

        byte[] p0 = payload(100, 1);
        byte[] p1 = payload(0, 2);
        assertEquals(0, HeapPage.addTuple(w, Tuple.inline(7, p0)));
        assertEquals(1, HeapPage.addTuple(w, Tuple.inline(8, p1)));
        // slot 0: tuple at the page end; slot 1 right below it
        assertEquals(PageLayout.PAGE_SIZE - 118, HeapPage.tupleOffset(page, 0));
        assertEquals(118, HeapPage.tupleLength(page, 0));
        assertEquals(PageLayout.PAGE_SIZE - 118 - 18, HeapPage.upper(page));
        assertEquals(40, HeapPage.lower(page));
        assertEquals(2, HeapPage.slotCount(page));
        // raw slot word: offset | NORMAL << 15 | length << 17
        assertEquals((PageLayout.PAGE_SIZE - 118) | 1 << 15 | 118 << 17, page.getInt(32));
        int off = HeapPage.tupleOffset(page, 0);
        assertEquals(7, page.getLong(off));
        assertEquals(0, page.getLong(off + 8));
        assertEquals(0, page.getShort(off + 16));
        assertArrayEquals(p0, payloadOf(page, 0));
        assertArrayEquals(p1, payloadOf(page, 1));

        HeapPage.setXmax(w, 0, 99);
        assertEquals(99, Tuple.xmax(page, off));
        assertEquals(99, HeapPage.pruneXid(page));
        HeapPage.setXmax(w, 1, 120);
        assertEquals(99, HeapPage.pruneXid(page), "the prune hint keeps the smallest xmax");
        assertNull(HeapPage.readTuple(page, 2));
        assertTrue(HeapPage.isValid(page));
    }

    @Test
    void fillUntilFullThenRefuseWithoutWriting() {
        HeapPage.format(w);
        int slots = 0;
        while (HeapPage.addTuple(w, Tuple.inline(1, payload(100, slots))) >= 0) {
            slots++;
        }
        assertEquals((PageLayout.PAGE_SIZE - 32) / (118 + 4), slots);
        assertTrue(HeapPage.freeSpace(page) < 118);
        int[] before = w.ranges();
        byte[] copy = page.array().clone();
        assertEquals(-1, HeapPage.addTuple(w, Tuple.inline(1, payload(100, 0))));
        assertArrayEquals(before, w.ranges());
        assertArrayEquals(copy, page.array());
        for (int s = 0; s < slots; s++) {
            assertArrayEquals(payload(100, s), payloadOf(page, s));
        }
    }

    @Test
    void pruneCompactsReusesSpaceButNeverADeadSlot() {
        HeapPage.format(w);
        int n = 0;
        while (HeapPage.addTuple(w, Tuple.inline(1, payload(200 + n, n))) >= 0) {
            n++;
        }
        for (int s = 0; s < n; s += 2) {
            HeapPage.markDead(w, s);
        }
        int free = HeapPage.compact(w);
        assertTrue(HeapPage.isValid(page));
        assertTrue(free > 200 * (n / 2), "compaction frees the dead tuples' bytes: " + free);
        for (int s = 0; s < n; s++) {
            if (s % 2 == 0) {
                assertEquals(HeapPage.DEAD, HeapPage.slotState(page, s));
                assertNull(HeapPage.readTuple(page, s));
            } else {
                assertArrayEquals(payload(200 + s, s), payloadOf(page, s), "slot " + s);
            }
        }
        // tuples packed against the page end
        int total = 0;
        for (int s = 1; s < n; s += 2) {
            total += HeapPage.tupleLength(page, s);
        }
        assertEquals(PageLayout.PAGE_SIZE - total, HeapPage.upper(page));
        // new tuples get new slots: DEAD ones stay (index entries may point at them)
        int slot = HeapPage.addTuple(w, Tuple.inline(2, payload(50, 77)));
        assertEquals(n, slot);
        // reclaimed slots are reused, lowest first
        assertTrue(HeapPage.reclaim(w, 4));
        assertTrue(HeapPage.reclaim(w, 2));
        assertFalse(HeapPage.reclaim(w, 3), "a NORMAL slot is not reclaimed");
        HeapPage.truncateUnusedSlots(w);
        assertEquals(2, HeapPage.addTuple(w, Tuple.inline(3, payload(10, 1))));
        assertEquals(4, HeapPage.addTuple(w, Tuple.inline(3, payload(10, 2))));
        assertEquals(n + 1, HeapPage.addTuple(w, Tuple.inline(3, payload(10, 3))));
        assertArrayEquals(payload(50, 77), payloadOf(page, n));
        assertTrue(HeapPage.isValid(page));
    }

    @Test
    void trailingUnusedSlotsAreTruncated() {
        HeapPage.format(w);
        for (int i = 0; i < 5; i++) {
            HeapPage.addTuple(w, Tuple.inline(1, payload(10, i)));
        }
        for (int s : new int[] {1, 3, 4}) {
            HeapPage.markDead(w, s);
            HeapPage.reclaim(w, s);
        }
        int free = HeapPage.freeSpace(page);
        assertEquals(3, HeapPage.truncateUnusedSlots(w));
        assertEquals(3, HeapPage.slotCount(page));
        assertEquals(32 + 12, HeapPage.lower(page));
        assertTrue(HeapPage.hasUnusedSlots(page));
        assertEquals(free + 8, HeapPage.freeSpace(page), "two slots dropped; slot 1 was reusable already");
        assertEquals(1, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 9))));
        assertEquals(3, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 10))), "none left: a new slot");
        assertFalse(HeapPage.hasUnusedSlots(page));
    }

    @Test
    void reclaimedSlotsAreReusedLowestFirstWhateverTheHint() {
        HeapPage.format(w);
        for (int i = 0; i < 6; i++) {
            HeapPage.addTuple(w, Tuple.inline(1, payload(10, i)));
        }
        for (int s : new int[] {4, 1}) {
            HeapPage.markDead(w, s);
            HeapPage.reclaim(w, s);
        }
        assertEquals(1, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 7))));
        HeapPage.markDead(w, 2);
        HeapPage.reclaim(w, 2); // below the hint the last reuse left
        assertEquals(2, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 8))));
        assertEquals(4, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 9))));
        assertEquals(6, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 10))));
        assertFalse(HeapPage.hasUnusedSlots(page));
        // a page written before the hint existed has the flag alone: the search starts at slot 0
        HeapPage.markDead(w, 0);
        HeapPage.reclaim(w, 0);
        page.putShort(HeapPage.FLAGS, (short) HeapPage.HAS_UNUSED_SLOTS);
        assertEquals(0, HeapPage.addTuple(w, Tuple.inline(1, payload(10, 11))));
        assertTrue(HeapPage.isValid(page));
    }

    @Test
    void corruptHeaderOrSlotIsDetected() {
        HeapPage.format(w);
        HeapPage.addTuple(w, Tuple.inline(1, payload(10, 1)));
        assertTrue(HeapPage.isValid(page));
        byte[] good = page.array().clone();
        page.putShort(HeapPage.LOWER, (short) 100);
        assertFalse(HeapPage.isValid(page));
        page.put(0, good);
        page.putInt(HeapPage.SLOTS, 5000 | 1 << 15 | 5000 << 17); // tuple past the page end
        assertFalse(HeapPage.isValid(page));
        page.put(0, good);
        page.putInt(HeapPage.SLOTS, page.getInt(HeapPage.SLOTS) | 3 << 15); // a redirect past the slots
        assertFalse(HeapPage.isValid(page));
        page.put(0, good);
        assertTrue(HeapPage.isValid(page));
        assertFalse(Arrays.equals(new byte[0], good));
    }
}
