package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.storage.paged.internal.buffer.PageCache;

class BTreeTest {
    static final int FILE = 7;
    /** Small nodes (a sixteenth of a page) so that a few thousand entries make a deep tree. */
    static final int SMALL = 512;

    private final Random random = new Random(7);
    private final TestPageCache cache = new TestPageCache();
    private final TestEditLog log = new TestEditLog();
    private final TreeSet<BTree.Entry> model = new TreeSet<>();

    static void assertConsistent(PageCache cache, int fileId, TreeSet<BTree.Entry> model) {
        BTreeChecker checker = new BTreeChecker(cache, fileId);
        List<String> problems = checker.check();
        assertEquals(List.of(), problems);
        assertEquals(new ArrayList<>(model), checker.entries());
    }

    private void assertConsistent() {
        assertConsistent(cache, FILE, model);
        assertEquals(0, cache.pinned(), "pages left pinned");
        assertNull(log.verifyShadows(cache, FILE));
    }

    /** Random inserts and deletes checked against a TreeSet model, with small nodes. */
    static void randomOps(BTree tree, TreeSet<BTree.Entry> model, Random random, int batches, Runnable check) {
        for (int batch = 0; batch < batches; batch++) {
            // grow for the first half, then shrink: splits first, merges later
            int insertPercent = batch < batches / 2 ? 70 : 30;
            for (int op = 0; op < 1500; op++) {
                if (random.nextInt(100) < insertPercent || model.isEmpty()) {
                    int k = random.nextInt(3000);
                    byte[] key = switch (random.nextInt(10)) {
                        case 0 -> KeyEncoder.encode("k" + k + "x".repeat(random.nextInt(80)));
                        case 1 -> KeyEncoder.encode("k" + k, k % 7);
                        default -> KeyEncoder.encode(k);
                    };
                    long value = random.nextInt(4);
                    tree.insert(key, value, 1);
                    model.add(new BTree.Entry(key, value));
                } else {
                    BTree.Entry probe = new BTree.Entry(KeyEncoder.encode(random.nextInt(3000)), random.nextInt(4));
                    BTree.Entry victim = random.nextInt(10) == 0 ? probe : model.ceiling(probe);
                    if (victim == null) {
                        victim = model.first();
                    }
                    assertEquals(model.remove(victim), tree.delete(victim.key(), victim.value(), 1));
                }
            }
            check.run();
        }
    }

    @Test
    void randomInsertsAndDeletesMatchTheModel() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        randomOps(tree, model, random, 16, this::assertConsistent);
        // delete everything: the tree shrinks back to an empty root leaf and all pages are free
        for (BTree.Entry e : new ArrayList<>(model)) {
            assertTrue(tree.delete(e.key(), e.value(), 1));
            model.remove(e);
        }
        assertConsistent();
        assertEquals(1, tree.height());
        int pages = cache.pageCount(FILE);
        for (int i = 0; i < 3000; i++) {
            tree.insert(KeyEncoder.encode(i), i, 1);
            model.add(new BTree.Entry(KeyEncoder.encode(i), i));
        }
        assertConsistent();
        assertTrue(tree.height() >= 3, "height " + tree.height());
        assertEquals(pages, cache.pageCount(FILE), "freed pages are reused");
    }

    @Test
    void sequentialInsertsAndDeletesBothWays() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        for (int i = 0; i < 4000; i++) {
            byte[] key = KeyEncoder.encode(i);
            tree.insert(key, 0, 1);
            model.add(new BTree.Entry(key, 0));
        }
        assertConsistent();
        for (int i = 3999; i >= 2000; i--) {
            assertTrue(tree.delete(KeyEncoder.encode(i), 0, 1));
            model.remove(new BTree.Entry(KeyEncoder.encode(i), 0));
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(tree.delete(KeyEncoder.encode(i), 0, 1));
            model.remove(new BTree.Entry(KeyEncoder.encode(i), 0));
        }
        assertFalse(tree.delete(KeyEncoder.encode(5), 0, 1));
        assertConsistent();
    }

    @Test
    void duplicateKeysAndRepeatedEntries() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        byte[] key = KeyEncoder.encode("same");
        for (int v = 499; v >= 0; v--) {
            tree.insert(key, v, 1);
            tree.insert(key, v, 1); // an entry that exists changes nothing
            model.add(new BTree.Entry(key, v));
        }
        tree.insert(KeyEncoder.encode("samd"), 1, 1);
        tree.insert(KeyEncoder.encode("samf"), 1, 1);
        model.add(new BTree.Entry(KeyEncoder.encode("samd"), 1));
        model.add(new BTree.Entry(KeyEncoder.encode("samf"), 1));
        assertConsistent();
        List<Long> values = new ArrayList<>();
        try (BTree.Cursor c = tree.scanKey(key)) {
            while (c.next()) {
                values.add(c.value());
            }
        }
        assertEquals(500, values.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, values.get(i));
        }
    }

    @Test
    void rangeScansMatchTheModelForAllBoundCombinations() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        for (int i = 0; i < 3000; i++) {
            byte[] key = KeyEncoder.encode(random.nextInt(400));
            long value = random.nextInt(5) - 2;
            tree.insert(key, value, 1);
            model.add(new BTree.Entry(key, value));
        }
        for (int round = 0; round < 400; round++) {
            byte[] low = random.nextInt(6) == 0 ? null : KeyEncoder.encode(random.nextInt(420) - 10);
            byte[] high = random.nextInt(6) == 0 ? null : KeyEncoder.encode(random.nextInt(420) - 10);
            boolean lowInc = random.nextBoolean();
            boolean highInc = random.nextBoolean();
            boolean desc = random.nextBoolean();
            List<BTree.Entry> expected = new ArrayList<>();
            for (BTree.Entry e : model) {
                if (low != null && (KeyEncoder.compare(e.key(), low) < 0 || (!lowInc && Arrays.equals(e.key(), low)))) {
                    continue;
                }
                if (high != null && (KeyEncoder.compare(e.key(), high) > 0 || (!highInc && Arrays.equals(e.key(), high)))) {
                    continue;
                }
                expected.add(e);
            }
            if (desc) {
                java.util.Collections.reverse(expected);
            }
            assertEquals(expected, scan(tree, low, lowInc, high, highInc, desc));
        }
        // a prefix scan of a two-column key
        BTree two = BTree.create(cache, log, FILE + 1, false, SMALL);
        for (int i = 0; i < 500; i++) {
            two.insert(KeyEncoder.encode(i % 10, i), i, 1);
        }
        byte[] prefix = KeyEncoder.encode(3);
        List<BTree.Entry> threes = scan(two, prefix, true, KeyEncoder.prefixUpperBound(prefix), false, false);
        assertEquals(50, threes.size());
        for (BTree.Entry e : threes) {
            assertEquals(3L, KeyEncoder.decode(e.key())[0]);
        }
        assertEquals(0, cache.pinned());
    }

    static List<BTree.Entry> scan(BTree tree, byte[] low, boolean lowInc, byte[] high, boolean highInc, boolean desc) {
        List<BTree.Entry> out = new ArrayList<>();
        try (BTree.Cursor c = tree.scan(low, lowInc, high, highInc, desc)) {
            while (c.next()) {
                out.add(new BTree.Entry(c.key(), c.value()));
            }
            assertFalse(c.next());
        }
        return out;
    }

    @Test
    void scansSurviveChangesBetweenCalls() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        for (int i = 0; i < 3000; i += 2) {
            tree.insert(KeyEncoder.encode(i), 0, 1);
            model.add(new BTree.Entry(KeyEncoder.encode(i), 0));
        }
        for (boolean desc : new boolean[] {false, true}) {
            Set<BTree.Entry> deleted = new HashSet<>();
            Set<BTree.Entry> before = new HashSet<>(model);
            Set<BTree.Entry> everPresent = new HashSet<>(model);
            List<BTree.Entry> seen = new ArrayList<>();
            try (BTree.Cursor c = tree.scan(null, true, null, true, desc)) {
                while (c.next()) {
                    seen.add(new BTree.Entry(c.key(), c.value()));
                    // between calls: insert and delete elsewhere, splitting and merging leaves
                    for (int j = 0; j < 3; j++) {
                        BTree.Entry e = new BTree.Entry(KeyEncoder.encode(random.nextInt(3000)), random.nextInt(2));
                        if (random.nextBoolean()) {
                            tree.insert(e.key(), e.value(), 1);
                            model.add(e);
                            everPresent.add(e);
                        } else if (tree.delete(e.key(), e.value(), 1)) {
                            model.remove(e);
                            deleted.add(e);
                        }
                    }
                }
            }
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i - 1).compareTo(seen.get(i)) * (desc ? -1 : 1) < 0, "strictly ordered, no repeats");
            }
            assertTrue(everPresent.containsAll(seen), "only entries that were in the tree");
            Set<BTree.Entry> stable = new HashSet<>(before);
            stable.removeAll(deleted);
            assertTrue(new HashSet<>(seen).containsAll(stable), "no entry present throughout was skipped");
            assertConsistent();
        }
    }

    /**
     * After each entry a scan returns, the leaf it came from is split, merged or drained, while
     * the cursor holds nothing: it must go on after the last entry returned, never repeating one.
     */
    @Test
    void scansContinueExactlyAfterTheLastEntryWhenItsLeafChanges() {
        for (int change = 0; change < 3; change++) {
            for (boolean desc : new boolean[] {false, true}) {
                TestPageCache c = new TestPageCache();
                BTree tree = BTree.create(c, log, FILE, false, SMALL);
                TreeSet<BTree.Entry> all = new TreeSet<>();
                for (int i = 0; i < 2000; i += 4) {
                    tree.insert(KeyEncoder.encode(i), 0, 1);
                    all.add(new BTree.Entry(KeyEncoder.encode(i), 0));
                }
                List<BTree.Entry> seen = new ArrayList<>();
                Set<BTree.Entry> removed = new HashSet<>();
                try (BTree.Cursor cursor = tree.scan(null, true, null, true, desc)) {
                    while (cursor.next()) {
                        int k = (int) (long) (Long) KeyEncoder.decode(cursor.key())[0];
                        seen.add(new BTree.Entry(cursor.key(), cursor.value()));
                        if (k % 40 != 0) {
                            continue;
                        }
                        for (int j = -30; j <= 30; j++) {
                            BTree.Entry e = new BTree.Entry(KeyEncoder.encode(k + j), j == 0 ? 0 : 1);
                            if (change == 0) {
                                tree.insert(e.key(), e.value(), 1); // splits the leaf around k
                            } else if (j != 0 && (change == 1 || j % 8 != 0)) {
                                BTree.Entry old = new BTree.Entry(e.key(), 0);
                                if (tree.delete(old.key(), old.value(), 1)) {
                                    removed.add(old); // drains the leaf around k: merges, borrows
                                }
                            }
                        }
                    }
                }
                for (int i = 1; i < seen.size(); i++) {
                    assertTrue(seen.get(i - 1).compareTo(seen.get(i)) * (desc ? -1 : 1) < 0,
                            "change " + change + ": " + seen.get(i - 1) + " then " + seen.get(i));
                }
                all.removeAll(removed);
                assertTrue(seen.containsAll(all), "change " + change + ": entries present throughout were skipped");
                assertEquals(List.of(), new BTreeChecker(c, FILE).check());
            }
        }
    }

    @Test
    void uniqueInsertCallsTheCheckForEveryEqualKeyAcrossLeaves() {
        BTree tree = BTree.create(cache, log, FILE, true, SMALL);
        assertTrue(BTree.open(cache, log, FILE).isUnique());
        byte[] key = KeyEncoder.encode("dup");
        tree.insertUnique(KeyEncoder.encode("dum"), 0, 1, v -> {
            throw new AssertionError("no equal key yet");
        });
        tree.insertUnique(KeyEncoder.encode("duq"), 0, 1, v -> {
            throw new AssertionError("no equal key yet");
        });
        // 300 dead versions of one key span many leaves; each insert sees all earlier ones
        for (int v = 0; v < 300; v++) {
            Set<Long> checked = new HashSet<>();
            tree.insertUnique(key, v * 7L % 300, 1, checked::add);
            assertEquals(v, checked.size());
        }
        Set<Long> live = Set.of(123L);
        DbException e = assertThrows(DbException.class, () -> tree.insertUnique(key, 1000, 1, v -> {
            if (live.contains(v)) {
                throw DbException.of("23505", "duplicate key value violates unique constraint");
            }
        }));
        assertEquals("23505", e.sqlState());
        assertEquals(302, new BTreeChecker(cache, FILE).entries().size(), "nothing inserted after a conflict");
        assertEquals(List.of(), new BTreeChecker(cache, FILE).check());
        assertEquals(0, cache.pinned());
    }

    @Test
    void uniqueInsertRemovesTheEqualKeysEntriesThatPointAtRemovedVersions() {
        BTree tree = BTree.create(cache, log, FILE, true, SMALL);
        byte[] key = KeyEncoder.encode("hot");
        tree.insertUnique(KeyEncoder.encode("hos"), 0, 1, v -> { });
        tree.insertUnique(KeyEncoder.encode("hou"), 0, 1, v -> { });
        // 300 versions of one often updated row, each insert finding the earlier ones removed from the heap
        for (int v = 1; v <= 300; v++) {
            long newest = v;
            List<Long> checked = new ArrayList<>();
            tree.insertUnique(key, newest, 1, checked::add, old -> old < newest - 2);
            assertTrue(checked.size() <= 3, "entries checked: " + checked);
        }
        List<Long> left = new ArrayList<>();
        for (BTree.Entry e : new BTreeChecker(cache, FILE).entries()) {
            if (Arrays.equals(e.key(), key)) {
                left.add(e.value());
            }
        }
        assertEquals(List.of(298L, 299L, 300L), left);
        assertEquals(List.of(), new BTreeChecker(cache, FILE).check());
        assertEquals(0, cache.pinned());
    }

    @Test
    void tooLargeKeysAreRefusedWith54000() {
        BTree tree = BTree.create(cache, log, FILE, false);
        DbException e = assertThrows(DbException.class, () -> tree.insert(new byte[3000], 1, 1));
        assertEquals("54000", e.sqlState());
        assertEquals("index row size 3010 exceeds btree maximum, " + (tree.maxKeyLength() + 10), e.getMessage());
        assertTrue(e.hint().startsWith("Values larger than 1/4 of a buffer page cannot be indexed."));
        assertThrows(DbException.class, () -> tree.insertUnique(new byte[3000], 1, 1, v -> { }));
        // keys of the maximum size are fine, and split into many pages
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[tree.maxKeyLength()];
            key[0] = (byte) random.nextInt(256);
            key[key.length - 1] = (byte) i;
            tree.insert(key, i, 1);
            model.add(new BTree.Entry(key, i));
        }
        assertConsistent();
        for (BTree.Entry x : new ArrayList<>(model).subList(0, 150)) {
            assertTrue(tree.delete(x.key(), x.value(), 1));
            model.remove(x);
        }
        assertConsistent();
    }

    @Test
    void openFindsTheTreeAgainAndRejectsOtherFiles() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        for (int i = 0; i < 2000; i++) {
            tree.insert(KeyEncoder.encode(i * 31 % 2000), i, 1);
            model.add(new BTree.Entry(KeyEncoder.encode(i * 31 % 2000), i));
        }
        BTree again = BTree.open(cache, log, FILE, SMALL);
        assertFalse(again.isUnique());
        assertEquals(tree.height(), again.height());
        assertEquals(new ArrayList<>(model), scan(again, null, true, null, true, false));
        again.delete(KeyEncoder.encode(0), 0, 1);
        model.remove(new BTree.Entry(KeyEncoder.encode(0), 0));
        assertConsistent();
        assertThrows(DbException.class, () -> BTree.create(cache, log, FILE, false));
        cache.allocate(99).close();
        assertEquals("XX001", assertThrows(DbException.class, () -> BTree.open(cache, log, 99)).sqlState());
    }

    @Test
    void cursorMisuseIsAnError() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        tree.insert(KeyEncoder.encode(1), 1, 1);
        BTree.Cursor c = tree.scan(null, true, null, true, false);
        assertThrows(IllegalStateException.class, c::key);
        assertTrue(c.next());
        assertEquals(1, c.value());
        assertFalse(c.next());
        assertThrows(IllegalStateException.class, c::value);
        c.close();
        assertThrows(IllegalStateException.class, c::next);
    }

    @Test
    void checkerFindsBrokenTrees() {
        BTree tree = BTree.create(cache, log, FILE, false, SMALL);
        for (int i = 0; i < 500; i++) {
            tree.insert(KeyEncoder.encode(i), 0, 1);
        }
        assertEquals(List.of(), new BTreeChecker(cache, FILE).check());
        // swap two slots of the root's first leaf: keys out of order
        try (var page = cache.pin(new org.rustydb.storage.paged.internal.page.PageId(FILE, 1))) {
            page.latchExclusive();
            var b = page.data();
            short s0 = b.getShort(Node.SLOTS);
            b.putShort(Node.SLOTS, b.getShort(Node.SLOTS + 2));
            b.putShort(Node.SLOTS + 2, s0);
            page.unlatchExclusive();
        }
        List<String> problems = new BTreeChecker(cache, FILE).check();
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("not above"), problems.toString());
    }
}
