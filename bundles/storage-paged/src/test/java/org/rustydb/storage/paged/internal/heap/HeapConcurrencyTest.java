package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several threads on one heap: no lost or doubled row, no deadlock, and redo still reproduces every page. */
class HeapConcurrencyTest {
    static final int FILE = 30001;
    private final MemoryPageCache cache = new MemoryPageCache();
    private final RecordingEditLog log = new RecordingEditLog();
    private final Set<Long> committed = ConcurrentHashMap.newKeySet();
    private final TupleFilter dead = (xmin, xmax) -> xmax != 0 && committed.contains(xmax);
    private final ExecutorService pool = Executors.newFixedThreadPool(5);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        cache.assertNothingHeld();
    }

    /** A payload naming its writer and sequence number; 3 rows in 100 are big (overflow). */
    private static byte[] row(int thread, int i) {
        int size = i % 100 >= 42 && i % 100 <= 44 ? 12_000 + i : 20 + (i * 13 + thread) % 300;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(0, thread).putInt(4, i);
        for (int k = 8; k < size; k++) {
            b.put(k, (byte) (thread * 7 + i + k));
        }
        return b.array();
    }

    private static void await(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS); // a deadlock fails here instead of hanging
        }
    }

    @Test
    void concurrentInsertersThenEveryRowExactlyOnce() throws Exception {
        HeapFile heap = HeapFile.create(cache, log, FILE);
        int threads = 4;
        int perThread = 1500;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    long id = heap.insert(thread + 1, row(thread, i));
                    if (i % 200 == 0) {
                        assertArrayEquals(row(thread, i), heap.read(id).payload());
                    }
                }
                return null;
            }));
        }
        await(futures);
        boolean[][] seen = new boolean[threads][perThread];
        int count = 0;
        try (HeapFile.Scan scan = heap.scan()) {
            while (scan.next()) {
                ByteBuffer p = ByteBuffer.wrap(scan.payload());
                int thread = p.getInt(0);
                int i = p.getInt(4);
                assertEquals(thread + 1, scan.xmin());
                assertTrue(!seen[thread][i], "row " + thread + "/" + i + " seen twice");
                seen[thread][i] = true;
                assertArrayEquals(row(thread, i), scan.payload());
                count++;
            }
        }
        assertEquals(threads * perThread, count);
        HeapRedoTest.assertReplayMatches(cache, log, FILE, heap.pageCount());
    }

    @Test
    void insertersDeletersAndPrunersTogether() throws Exception {
        HeapFile heap = HeapFile.create(cache, log, FILE, dead);
        int threads = 3;
        int perThread = 1200;
        Map<Long, byte[]> deleted = new ConcurrentHashMap<>();
        Map<Long, byte[]> live = new ConcurrentHashMap<>();
        AtomicBoolean inserting = new AtomicBoolean(true);
        List<Future<?>> inserters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            inserters.add(pool.submit(() -> {
                long xid = 1000L * (thread + 1);
                for (int i = 0; i < perThread; i++) {
                    byte[] payload = row(thread, i);
                    long id = heap.insert(xid, payload);
                    if (i % 3 == 0) {
                        // delete it in a transaction of its own, committed at once
                        long deleter = xid + 1 + i;
                        assertEquals(0, heap.setXmaxIf(id, deleter, x -> x == 0));
                        committed.add(deleter);
                        deleted.put(id, payload);
                    } else if (i % 3 == 1) {
                        UpdateResult r = heap.update(xid + 1 + i, id, row(thread, i + perThread), x -> x == 0);
                        assertTrue(r.updated());
                        live.put(r.newRowId(), row(thread, i + perThread));
                    } else {
                        live.put(id, payload);
                    }
                }
                return null;
            }));
        }
        Future<?> vacuum = pool.submit(() -> {
            while (inserting.get()) {
                for (int p = 0; p < heap.pageCount(); p++) {
                    heap.prune(p, dead);
                }
            }
            return null;
        });
        await(inserters);
        inserting.set(false);
        vacuum.get(30, TimeUnit.SECONDS);
        for (Map.Entry<Long, byte[]> e : live.entrySet()) {
            StoredTuple t = heap.read(e.getKey());
            assertNotNull(t);
            assertArrayEquals(e.getValue(), t.payload());
        }
        for (int p = 0; p < heap.pageCount(); p++) {
            heap.prune(p, dead);
        }
        for (long id : deleted.keySet()) {
            assertNull(heap.read(id), "pruned");
        }
        int count = 0;
        try (HeapFile.Scan scan = heap.scan()) {
            while (scan.next()) {
                if (scan.xmax() == 0) {
                    assertArrayEquals(live.get(scan.rowId()), scan.payload());
                    count++;
                }
            }
        }
        assertEquals(live.size(), count);
        HeapRedoTest.assertReplayMatches(cache, log, FILE, heap.pageCount());
    }
}
