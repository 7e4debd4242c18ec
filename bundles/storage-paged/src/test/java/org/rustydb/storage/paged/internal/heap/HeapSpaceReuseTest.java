package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-space map at work: deleted space is reused, the map survives a save and a reopen. */
class HeapSpaceReuseTest {
    static final int FILE = 20001;
    private final MemoryPageCache cache = new MemoryPageCache();
    private final RecordingEditLog log = new RecordingEditLog();
    /** Deleters known committed; a tuple deleted by one is dead to everyone. */
    private final Set<Long> committed = ConcurrentHashMap.newKeySet();
    private final TupleFilter dead = (xmin, xmax) -> xmax != 0 && committed.contains(xmax);
    private long nextXid = 1;

    @TempDir
    Path dir;

    @AfterEach
    void nothingLeaks() {
        cache.assertNothingHeld();
    }

    private List<Long> insertRound(HeapFile heap, int rows, int round) {
        long xid = nextXid++;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int size = i % 60 == 0 ? 20_000 : 40 + (i * 37 + round) % 400;
            ids.add(heap.insert(xid, HeapFileTest.payload(size, round * 10_000L + i)));
        }
        return ids;
    }

    private void deleteAll(HeapFile heap, List<Long> ids) {
        long xid = nextXid++;
        for (long id : ids) {
            assertEquals(0, heap.setXmaxIf(id, xid, x -> x == 0));
        }
        committed.add(xid);
    }

    @Test
    void fileStopsGrowingUnderChurnWithVacuum() {
        HeapFile heap = HeapFile.create(cache, log, FILE);
        int[] sizes = new int[30];
        for (int round = 0; round < sizes.length; round++) {
            List<Long> ids = insertRound(heap, 300, round);
            for (int i = 0; i < ids.size(); i += 97) {
                int size = i % 60 == 0 ? 20_000 : 40 + (i * 37 + round) % 400;
                assertArrayEquals(HeapFileTest.payload(size, round * 10_000L + i), heap.read(ids.get(i)).payload());
            }
            deleteAll(heap, ids);
            // vacuum: prune every page, (drop index entries,) reclaim the dead slots
            for (int p = 0; p < heap.pageCount(); p++) {
                heap.reclaimDeadSlots(p, heap.prune(p, dead));
            }
            sizes[round] = heap.pageCount();
        }
        assertEquals(sizes[1], sizes[sizes.length - 1], "pages per round: " + Arrays.toString(sizes));
        HeapFile.Scan scan = heap.scan();
        assertTrue(!scan.next(), "everything was deleted and vacuumed");
    }

    @Test
    void opportunisticPruningAtInsertBoundsGrowth() {
        HeapFile heap = HeapFile.create(cache, log, FILE, dead);
        int[] sizes = new int[30];
        for (int round = 0; round < sizes.length; round++) {
            deleteAll(heap, insertRound(heap, 300, round));
            sizes[round] = heap.pageCount();
        }
        // DEAD slots (4 bytes each, 300 a round: 4.4 pages in all) accumulate without a vacuum, so
        // some growth is expected, but nothing like the 25 new pages a round without reuse
        String trace = Arrays.toString(sizes);
        assertTrue(sizes[29] <= sizes[0] + 12, trace);
    }

    @Test
    void mapSurvivesSaveAndReopen() {
        HeapFile heap = HeapFile.create(cache, log, FILE);
        List<Long> ids = insertRound(heap, 400, 1);
        deleteAll(heap, ids.subList(0, 100));
        for (int p = 0; p < heap.pageCount(); p++) {
            heap.prune(p, dead);
        }
        Path file = dir.resolve(FILE + "_fsm");
        heap.freeSpaceMap().save(file);

        HeapFile reopened = HeapFile.open(cache, log, FILE);
        assertEquals(heap.pageCount(), reopened.freeSpaceMap().unknownCount());
        assertTrue(reopened.freeSpaceMap().load(file));
        assertEquals(0, reopened.freeSpaceMap().unknownCount());
        for (int p = 0; p < heap.pageCount(); p++) {
            assertEquals(heap.freeSpaceMap().get(p), reopened.freeSpaceMap().get(p), "page " + p);
        }
        int pages = reopened.pageCount();
        int pinsBefore = cache.pinCalls.get();
        long row = reopened.insert(99, HeapFileTest.payload(300, 5));
        assertEquals(pages, reopened.pageCount(), "freed space reused, no new page");
        assertTrue(cache.pinCalls.get() - pinsBefore <= 3, "the saved map points straight at a page with room");
        assertArrayEquals(HeapFileTest.payload(300, 5), reopened.read(row).payload());
    }

    @Test
    void unknownMapIsRebuiltLazily() {
        HeapFile heap = HeapFile.create(cache, log, FILE);
        List<Long> ids = insertRound(heap, 400, 2);
        deleteAll(heap, ids.subList(0, 100));
        for (int p = 0; p < heap.pageCount(); p++) {
            heap.prune(p, dead);
        }
        HeapFile reopened = HeapFile.open(cache, log, FILE);
        int pages = reopened.pageCount();
        for (int i = 0; i < 30; i++) {
            reopened.insert(100, HeapFileTest.payload(200, i));
        }
        assertEquals(pages, reopened.pageCount(), "space found without the saved map");
        assertTrue(reopened.freeSpaceMap().unknownCount() < pages);
    }
}
