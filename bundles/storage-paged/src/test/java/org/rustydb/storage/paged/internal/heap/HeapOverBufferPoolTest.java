package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.storage.paged.internal.buffer.BufferPool;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;

/** The heap over the real buffer pool, far smaller than the file: pages are evicted, written and read back. */
class HeapOverBufferPoolTest {
    static final int FILE = 50001;

    @TempDir
    Path dir;

    private static byte[] payload(int i) {
        return HeapFileTest.payload(i % 50 == 3 ? 40_000 : 30 + i % 400, i);
    }

    @Test
    void rowsSurviveEvictionAndAReopen() {
        MemoryBudget memory = new MemoryBudget(1L << 30);
        RecordingEditLog log = new RecordingEditLog();
        List<Long> ids = new ArrayList<>();
        int pages;
        try (DiskManager disk = new DiskManager(dir, false)) {
            disk.createFile(FILE);
            try (BufferPool pool = new BufferPool(disk, 24, lsn -> { }, memory)) {
                HeapFile heap = HeapFile.create(pool, log, FILE);
                for (int i = 0; i < 3000; i++) {
                    ids.add(heap.insert(7, payload(i)));
                }
                pages = heap.pageCount();
                assertTrue(pages > 100, "the file is much bigger than the pool: " + pages);
                for (int i = 0; i < ids.size(); i += 7) {
                    assertArrayEquals(payload(i), heap.read(ids.get(i)).payload(), "row " + i);
                }
                for (int i = 0; i < ids.size(); i += 2) {
                    heap.setXmaxIf(ids.get(i), 9, x -> x == 0);
                }
                for (int p = 0; p < pages; p++) {
                    heap.prune(p, (xmin, xmax) -> xmax == 9);
                }
                int count = 0;
                try (HeapFile.Scan scan = heap.scan()) {
                    while (scan.next()) {
                        count++;
                    }
                }
                assertEquals(1500, count);
                heap.freeSpaceMap().save(dir.resolve("fsm"));
                pool.flushAll();
            }
            try (BufferPool pool = new BufferPool(disk, 24, lsn -> { }, memory)) {
                HeapFile heap = HeapFile.open(pool, log, FILE);
                assertEquals(pages, heap.pageCount());
                assertTrue(heap.freeSpaceMap().load(dir.resolve("fsm")));
                for (int i = 0; i < ids.size(); i++) {
                    if (i % 2 == 0) {
                        assertNull(heap.read(ids.get(i)));
                    } else {
                        assertArrayEquals(payload(i), heap.read(ids.get(i)).payload(), "row " + i);
                    }
                }
                for (int i = 0; i < 500; i++) {
                    heap.insert(11, HeapFileTest.payload(200, i)); // fits in the space pruned away
                }
                assertEquals(pages, heap.pageCount());
                assertTrue(pool.stats().toString().length() > 0);
            }
        }
    }
}
