package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class VisibilityMapTest {
    @Test
    void bitsAreSetAndClearedPerPage() {
        VisibilityMap map = new VisibilityMap();
        assertFalse(map.isAllVisible(0));
        map.setAllVisible(0);
        map.setAllVisible(63);
        map.setAllVisible(64);
        map.setAllVisible(200_000); // another chunk
        assertTrue(map.isAllVisible(0));
        assertTrue(map.isAllVisible(63));
        assertTrue(map.isAllVisible(64));
        assertTrue(map.isAllVisible(200_000));
        assertFalse(map.isAllVisible(1));
        assertFalse(map.isAllVisible(65_600));
        assertEquals(4, map.countAllVisible());
        map.clear(63);
        map.clear(5); // never set: nothing to do
        map.clear(9_000_000); // a chunk that does not exist
        assertFalse(map.isAllVisible(63));
        assertTrue(map.isAllVisible(0));
        assertTrue(map.isAllVisible(64));
        assertEquals(3, map.countAllVisible());
    }

    @Test
    void concurrentChangesToNeighbouringBitsAreNotLost() throws Exception {
        VisibilityMap map = new VisibilityMap();
        int threads = 4;
        int rounds = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int page = t; // pages of one word
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        map.setAllVisible(page);
                        if (!map.isAllVisible(page)) {
                            failed.set(true);
                        }
                        map.clear(page);
                        if (map.isAllVisible(page)) {
                            failed.set(true);
                        }
                    }
                    map.setAllVisible(page);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertFalse(failed.get(), "a bit changed by another page's update");
        assertEquals(threads, map.countAllVisible());
    }
}
