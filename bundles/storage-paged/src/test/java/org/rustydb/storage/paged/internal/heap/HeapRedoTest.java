package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Redo-shaped check: replaying the logged byte ranges of every edit, in order, onto zeroed pages
 * gives exactly the live pages. It fails if any byte was written around the PageWriter.
 */
class HeapRedoTest {
    static final int FILE = 40001;

    static void assertReplayMatches(MemoryPageCache cache, RecordingEditLog log, int fileId, int pages) {
        Map<PageId, ByteBuffer> replayed = log.replay();
        for (int p = 0; p < pages; p++) {
            ByteBuffer expected = cache.bytes(fileId, p);
            ByteBuffer actual = replayed.getOrDefault(new PageId(fileId, p), ByteBuffer.allocate(PageLayout.PAGE_SIZE));
            assertArrayEquals(expected.array(), actual.array(), "page " + p + " differs after replay");
        }
    }

    @Test
    void replayingTheLoggedRangesRebuildsEveryPage() {
        MemoryPageCache cache = new MemoryPageCache();
        RecordingEditLog log = new RecordingEditLog();
        TupleFilter dead = (xmin, xmax) -> xmin == 13 || (xmax != 0 && xmax % 2 == 0);
        HeapFile heap = HeapFile.create(cache, log, FILE, dead);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            int size = i % 97 == 5 ? 30_000 : (i * 53) % 700;
            ids.add(heap.insert(i % 20 == 0 ? 13 : 11, HeapFileTest.payload(size, i)));
        }
        for (int i = 0; i < ids.size(); i += 3) {
            heap.setXmaxIf(ids.get(i), 20 + i % 2, x -> x == 0);
        }
        for (int i = 1; i < ids.size(); i += 7) {
            StoredTuple t = heap.read(ids.get(i));
            if (t != null && t.xmax() == 0) {
                heap.update(31, ids.get(i), HeapFileTest.payload(i % 11 == 0 ? 25_000 : 150, i), x -> x == 0);
            }
        }
        for (int p = 0; p < heap.pageCount(); p += 2) {
            heap.reclaimDeadSlots(p, heap.prune(p, dead));
        }
        for (int i = 0; i < 400; i++) {
            heap.insert(41, HeapFileTest.payload(i % 2 == 0 ? 600 : 5000, i)); // refills, prunes opportunistically
        }
        assertReplayMatches(cache, log, FILE, heap.pageCount());
        assertEquals(heap.pageCount(), cache.pageCount(FILE));
        cache.assertNothingHeld();
    }
}
