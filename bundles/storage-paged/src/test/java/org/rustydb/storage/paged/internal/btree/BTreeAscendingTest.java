package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Ascending keys, the shape of serial ids: they take the rightmost-leaf fast path, and the
 * rightmost leaf splits 90/10 so that the leaves left behind are nearly full.
 */
class BTreeAscendingTest {
    private static final int FILE = 11;
    private final TestPageCache cache = new TestPageCache();
    private final TestEditLog log = new TestEditLog();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static DbException duplicate() {
        return DbException.of("23505", "duplicate key");
    }

    @Test
    void ascendingInsertsLeaveFullLeaves() {
        BTree tree = BTree.create(cache, log, FILE, true, BTreeTest.SMALL);
        TreeSet<BTree.Entry> model = new TreeSet<>();
        for (long id = 1; id <= 5000; id++) {
            byte[] key = KeyEncoder.encode(id);
            tree.insertUnique(key, id, 1, v -> {
                throw duplicate();
            });
            model.add(new BTree.Entry(key, id));
        }
        BTreeTest.assertConsistent(cache, FILE, model);
        int leaves = 0;
        long used = 0;
        for (int p = 1; p < cache.pageCount(FILE); p++) {
            try (var page = cache.pin(new PageId(FILE, p))) {
                ByteBuffer b = page.data();
                if (PageLayout.type(b) == PageLayout.TYPE_BTREE_LEAF) {
                    leaves++;
                    used += Node.used(b);
                }
            }
        }
        // even splits would leave them about half full
        assertTrue(used > 0.8 * leaves * BTreeTest.SMALL, "leaves are " + used / leaves + " of " + BTreeTest.SMALL + " bytes full");
        assertNull(log.verifyShadows(cache, FILE));
    }

    @Test
    void aDuplicateOfTheLastKeyIsRefused() {
        BTree tree = BTree.create(cache, log, FILE, true, BTreeTest.SMALL);
        for (long id = 1; id <= 300; id++) {
            tree.insertUnique(KeyEncoder.encode(id), id, 1, v -> {
                throw duplicate();
            });
        }
        // same key, greater value: past the last entry, but not a new key
        DbException e = assertThrows(DbException.class, () -> tree.insertUnique(KeyEncoder.encode(300L), 1000, 1, v -> {
            throw duplicate();
        }));
        assertEquals("23505", e.sqlState());
    }

    @Test
    void aRunStopsAtTheFirstEntryThatDoesNotContinueIt() {
        BTree tree = BTree.create(cache, log, FILE, true, BTreeTest.SMALL);
        TreeSet<BTree.Entry> model = new TreeSet<>();
        for (long id = 1; id <= 10; id++) {
            tree.insertUnique(KeyEncoder.encode(id), id, 1, v -> {
                throw duplicate();
            });
            model.add(new BTree.Entry(KeyEncoder.encode(id), id));
        }
        long[] ids = {11, 12, 13, 13, 14};
        byte[][] keys = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = KeyEncoder.encode(ids[i]);
        }
        // a unique run ends before a repeated key; the next call starts on it and refuses it
        assertEquals(3, tree.appendRightmostRun(keys, ids, 0, ids.length, 1, true));
        assertEquals(0, tree.appendRightmostRun(keys, ids, 3, ids.length, 1, true));
        for (int i = 0; i < 3; i++) {
            model.add(new BTree.Entry(keys[i], ids[i]));
        }
        // a key below the last one is no run either
        assertEquals(0, tree.appendRightmostRun(new byte[][] {KeyEncoder.encode(5L)}, new long[] {99}, 0, 1, 1, true));
        // many entries: runs fill the rightmost leaf, then stop for the caller's split
        int n = 2000;
        byte[][] more = new byte[n][];
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = 100 + i;
            more[i] = KeyEncoder.encode(values[i]);
        }
        int at = 0;
        while (at < n) {
            int appended = tree.appendRightmostRun(more, values, at, n, 1, true);
            if (appended == 0) {
                tree.insertUnique(more[at], values[at], 1, v -> {
                    throw duplicate();
                });
                appended = 1;
            }
            for (int i = at; i < at + appended; i++) {
                model.add(new BTree.Entry(more[i], values[i]));
            }
            at += appended;
        }
        BTreeTest.assertConsistent(cache, FILE, model);
        assertEquals(0, cache.pinned());
        assertNull(log.verifyShadows(cache, FILE));
    }

    @Test
    void theHintSurvivesAMergeOfTheRightmostLeaf() {
        BTree tree = BTree.create(cache, log, FILE, false, BTreeTest.SMALL);
        TreeSet<BTree.Entry> model = new TreeSet<>();
        for (long id = 1; id <= 2000; id++) {
            byte[] key = KeyEncoder.encode(id);
            tree.insert(key, id, 1);
            model.add(new BTree.Entry(key, id));
        }
        // empty the rightmost leaves, so they merge away and their pages become free
        for (long id = 2000; id > 1500; id--) {
            assertTrue(tree.delete(KeyEncoder.encode(id), id, 1));
            model.remove(new BTree.Entry(KeyEncoder.encode(id), id));
        }
        for (long id = 3000; id <= 4000; id++) {
            byte[] key = KeyEncoder.encode(id);
            tree.insert(key, id, 1);
            model.add(new BTree.Entry(key, id));
        }
        BTreeTest.assertConsistent(cache, FILE, model);
        assertEquals(0, cache.pinned());
        assertNull(log.verifyShadows(cache, FILE));
    }

    @Test
    void concurrentAscendingUniqueInsertsWithRacingDuplicates() throws Exception {
        BTree tree = BTree.create(cache, log, FILE, true, BTreeTest.SMALL);
        AtomicLong next = new AtomicLong();
        AtomicInteger refused = new AtomicInteger();
        int threads = 4;
        int perThread = 3000;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    // every thread also retries the key just taken by another: one of each must lose
                    long key = i % 3 == 0 ? Math.max(1, next.get()) : next.incrementAndGet();
                    try {
                        tree.insertUnique(KeyEncoder.encode(key), id * 1_000_000L + i, 1, v -> {
                            throw duplicate();
                        });
                    } catch (DbException e) {
                        assertEquals("23505", e.sqlState());
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        List<BTree.Entry> entries = new BTreeChecker(cache, FILE).entries();
        assertEquals(List.of(), new BTreeChecker(cache, FILE).check());
        TreeSet<Long> keys = new TreeSet<>();
        for (BTree.Entry e : entries) {
            assertTrue(keys.add((Long) KeyEncoder.decode(e.key())[0]), "key twice: " + e);
        }
        assertEquals(next.get(), keys.size());
        assertEquals(threads * perThread - next.get(), refused.get());
        assertEquals(0, cache.pinned());
    }
}
