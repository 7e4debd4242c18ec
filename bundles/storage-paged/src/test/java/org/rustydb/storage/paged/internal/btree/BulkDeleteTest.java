package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vacuum's index pass: entries picked by value go, everything else stays, the tree stays valid. */
class BulkDeleteTest {
    private static final int FILE = 4;
    private final TestPageCache cache = new TestPageCache();
    private final TestEditLog log = new TestEditLog();
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private List<BTree.Entry> entries(BTree tree) {
        BTreeChecker checker = new BTreeChecker(cache, tree.fileId());
        assertEquals(List.of(), checker.check());
        return checker.entries();
    }

    @Test
    void removesPickedValuesInStepsAndMergesEmptiedLeaves() {
        BTree tree = BTree.create(cache, log, FILE, false, BTreeTest.SMALL);
        TreeSet<BTree.Entry> kept = new TreeSet<>();
        Random random = new Random(7);
        for (long value = 0; value < 6000; value++) {
            // duplicate keys spread over several leaves: the pass must not stop at a key
            byte[] key = KeyEncoder.encode((int) (value % 300), "k" + random.nextInt(5));
            tree.insert(key, value, 1);
            if (value % 10 == 3 || value > 5500) {
                kept.add(new BTree.Entry(key, value));
            }
        }
        int heightBefore = tree.height();
        BulkDelete pass = tree.bulkDelete(v -> v % 10 != 3 && v <= 5500);
        int steps = 0;
        while (pass.step(3)) {
            steps++;
        }
        assertEquals(6000 - kept.size(), pass.removed());
        assertTrue(steps > 10, "steps " + steps);
        assertEquals(List.copyOf(kept), entries(tree));
        assertTrue(tree.height() <= heightBefore);
        // a second pass finds nothing; the freed pages are reused by later inserts
        BulkDelete again = tree.bulkDelete(v -> v % 10 != 3 && v <= 5500);
        while (again.step(100)) {
            // nothing to remove
        }
        assertEquals(0, again.removed());
        int pages = cache.pageCount(FILE);
        for (long value = 10_000; value < 13_000; value++) {
            tree.insert(KeyEncoder.encode((int) (value % 300), "n"), value, 1);
        }
        assertTrue(cache.pageCount(FILE) <= pages + 2, "pages " + pages + " -> " + cache.pageCount(FILE));
        assertEquals(kept.size() + 3000, entries(tree).size());
    }

    @Test
    void emptiesAWholeTree() {
        BTree tree = BTree.create(cache, log, FILE, true, BTreeTest.SMALL);
        for (int k = 0; k < 3000; k++) {
            tree.insert(KeyEncoder.encode(k), k, 1);
        }
        BulkDelete pass = tree.bulkDelete(v -> true);
        while (pass.step(1)) {
            // one leaf at a time
        }
        assertEquals(3000, pass.removed());
        assertEquals(List.of(), entries(tree));
        tree.insert(KeyEncoder.encode(1), 1, 2);
        assertEquals(1, entries(tree).size());
    }

    @Test
    void concurrentInsertsAndDeletesKeepTheirEntries() throws Exception {
        BTree tree = BTree.create(cache, log, FILE, false, BTreeTest.SMALL);
        TreeSet<BTree.Entry> expected = new TreeSet<>();
        for (long v = 0; v < 8000; v++) {
            byte[] key = KeyEncoder.encode((int) (v * 7919 % 4000));
            tree.insert(key, v, 1);
            if (v % 2 == 1) {
                expected.add(new BTree.Entry(key, v));
            }
        }
        AtomicBoolean vacuuming = new AtomicBoolean(true);
        List<Future<List<BTree.Entry>>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            long base = 1_000_000_000L * (w + 1); // disjoint values per writer, however long it runs
            writers.add(pool.submit(() -> {
                // new odd values (never picked) go in; some of their own come out again
                List<BTree.Entry> mine = new ArrayList<>();
                Random random = new Random(base);
                for (long i = 0; i < 2000 || (vacuuming.get() && i < 10_000); i++) {
                    BTree.Entry e = new BTree.Entry(KeyEncoder.encode(random.nextInt(4000)), base + 2 * i + 1);
                    tree.insert(e.key(), e.value(), 2);
                    mine.add(e);
                    if (random.nextInt(4) == 0) {
                        BTree.Entry gone = mine.remove(random.nextInt(mine.size()));
                        assertTrue(tree.delete(gone.key(), gone.value(), 2));
                    }
                }
                return mine;
            }));
        }
        // even values < 8000 are the dead versions' entries
        BulkDelete pass = tree.bulkDelete(v -> v < 8000 && v % 2 == 0);
        while (pass.step(2)) {
            Thread.yield();
        }
        vacuuming.set(false);
        for (Future<List<BTree.Entry>> writer : writers) {
            expected.addAll(writer.get(60, TimeUnit.SECONDS));
        }
        assertEquals(4000, pass.removed());
        assertSameEntries(expected, entries(tree));
    }

    /** Compares without printing thousands of entries: the first few differences each way. */
    private static void assertSameEntries(TreeSet<BTree.Entry> expected, List<BTree.Entry> actual) {
        TreeSet<BTree.Entry> missing = new TreeSet<>(expected);
        actual.forEach(missing::remove);
        TreeSet<BTree.Entry> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertEquals(actual.size(), new TreeSet<>(actual).size(), "duplicate entries");
        assertTrue(missing.isEmpty() && extra.isEmpty(), "missing " + missing.size() + " e.g. "
                + missing.stream().limit(5).toList() + ", extra " + extra.size() + " e.g. " + extra.stream().limit(5).toList());
    }
}
