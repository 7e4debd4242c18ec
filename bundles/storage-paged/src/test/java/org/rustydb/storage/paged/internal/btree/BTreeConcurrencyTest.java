package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

/**
 * Several threads insert, delete and scan one tree at once; a deadlock would fail the test on
 * the timeout of the futures rather than hang it.
 */
class BTreeConcurrencyTest {
    private static final int FILE = 3;
    private final TestPageCache cache = new TestPageCache();
    private final TestEditLog log = new TestEditLog();
    private final ExecutorService pool = Executors.newFixedThreadPool(7);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static void await(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void writersAndReadersAtOnce() throws Exception {
        BTree tree = BTree.create(cache, log, FILE, false, BTreeTest.SMALL);
        // entries that stay throughout: every scan must return each of them exactly once
        TreeSet<BTree.Entry> stable = new TreeSet<>();
        for (int k = 0; k < 6000; k += 7) {
            BTree.Entry e = new BTree.Entry(KeyEncoder.encode(k), -1);
            tree.insert(e.key(), e.value(), 1);
            stable.add(e);
        }
        int writers = 4;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        List<Set<BTree.Entry>> owned = new ArrayList<>();
        List<Future<?>> writerFutures = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            Set<BTree.Entry> mine = new HashSet<>();
            owned.add(mine);
            int id = t;
            writerFutures.add(pool.submit((Callable<Void>) () -> {
                Random random = new Random(id);
                List<BTree.Entry> list = new ArrayList<>();
                for (int i = 0; i < 6000; i++) {
                    if (random.nextInt(100) < 60 || list.isEmpty()) {
                        // overlapping keys across threads, values owned by this thread
                        int k = id % 2 == 0 ? random.nextInt(6000) : 3000 + random.nextInt(500);
                        BTree.Entry e = new BTree.Entry(KeyEncoder.encode(k), (long) id * 1_000_000 + i);
                        tree.insert(e.key(), e.value(), 1);
                        mine.add(e);
                        list.add(e);
                    } else {
                        BTree.Entry e = list.remove(random.nextInt(list.size()));
                        assertTrue(tree.delete(e.key(), e.value(), 1));
                        mine.remove(e);
                    }
                }
                return null;
            }));
        }
        List<Future<?>> readerFutures = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int id = r;
            readerFutures.add(pool.submit((Callable<Void>) () -> {
                Random random = new Random(100 + id);
                while (writing.get()) {
                    int lo = random.nextInt(7000) - 500;
                    int hi = lo + random.nextInt(3000);
                    boolean full = random.nextInt(3) == 0;
                    boolean desc = random.nextBoolean();
                    byte[] low = full ? null : KeyEncoder.encode(lo);
                    byte[] high = full ? null : KeyEncoder.encode(hi);
                    List<BTree.Entry> seen = BTreeTest.scan(tree, low, true, high, false, desc);
                    for (int i = 1; i < seen.size(); i++) {
                        int c = seen.get(i - 1).compareTo(seen.get(i));
                        assertTrue(desc ? c > 0 : c < 0, "scan order");
                    }
                    Set<BTree.Entry> expected = new HashSet<>(full ? stable
                            : stable.subSet(new BTree.Entry(low, Long.MIN_VALUE), true, new BTree.Entry(high, Long.MIN_VALUE), false));
                    expected.removeAll(seen);
                    assertEquals(Set.of(), expected, "stable entries missing from a scan");
                    scans.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            await(writerFutures);
        } finally {
            writing.set(false);
        }
        await(readerFutures);
        assertTrue(scans.get() > 0);
        TreeSet<BTree.Entry> model = new TreeSet<>(stable);
        owned.forEach(model::addAll);
        BTreeTest.assertConsistent(cache, FILE, model);
        assertEquals(0, cache.pinned());
        assertNull(log.verifyShadows(cache, FILE));
    }

    @Test
    void concurrentUniqueInsertsOfTheSameKeysAdmitOneEach() throws Exception {
        BTree tree = BTree.create(cache, log, FILE, true, BTreeTest.SMALL);
        int keys = 1500;
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            futures.add(pool.submit((Callable<Void>) () -> {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                java.util.Collections.shuffle(order, new Random(id));
                for (int k : order) {
                    try {
                        tree.insertUnique(KeyEncoder.encode("key" + k), id, 1, v -> {
                            throw DbException.of("23505", "duplicate key");
                        });
                    } catch (DbException e) {
                        assertEquals("23505", e.sqlState());
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        await(futures);
        assertEquals(3 * keys, conflicts.get());
        List<BTree.Entry> entries = new BTreeChecker(cache, FILE).entries();
        assertEquals(keys, entries.size());
        Set<String> distinct = new HashSet<>();
        for (BTree.Entry e : entries) {
            distinct.add((String) KeyEncoder.decode(e.key())[0]);
        }
        assertEquals(keys, distinct.size());
        assertEquals(List.of(), new BTreeChecker(cache, FILE).check());
        assertEquals(0, cache.pinned());
    }
}
