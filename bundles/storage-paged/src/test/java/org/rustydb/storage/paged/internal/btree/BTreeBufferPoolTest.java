package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.storage.paged.internal.buffer.BufferPool;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/** The random model test over the real buffer pool, small enough that pages are evicted and re-read. */
class BTreeBufferPoolTest {
    private static final int FILE = 5;

    @Test
    void randomOpsOverASmallBufferPool(@TempDir Path dir) {
        MemoryBudget memory = new MemoryBudget(1L << 30);
        TestEditLog log = new TestEditLog();
        TreeSet<BTree.Entry> model = new TreeSet<>();
        try (DiskManager disk = new DiskManager(dir, false)) {
            disk.createFile(FILE);
            BufferPool pool = new BufferPool(disk, 24, lsn -> { }, memory);
            try (pool) {
                BTree tree = BTree.create(pool, log, FILE, false, BTreeTest.SMALL);
                BTreeTest.randomOps(tree, model, new Random(11), 4, () -> BTreeTest.assertConsistent(pool, FILE, model));
                assertNull(log.verifyShadows(pool.pageCount(FILE), FILE, id -> read(pool, id)));
                for (int i = 0; i < 3000; i++) {
                    tree.insert(KeyEncoder.encode(i), i, 1);
                    model.add(new BTree.Entry(KeyEncoder.encode(i), i));
                }
                assertTrue(pool.pageCount(FILE) > 100, "the tree is larger than the pool");
            }
            // everything written out and read back through checksums by a new pool
            BufferPool reopened = new BufferPool(disk, 24, lsn -> { }, memory);
            try (reopened) {
                BTree tree = BTree.open(reopened, log, FILE, BTreeTest.SMALL);
                BTreeTest.assertConsistent(reopened, FILE, model);
                assertEquals(new ArrayList<>(model), BTreeTest.scan(tree, null, true, null, true, false));
                for (BTree.Entry e : new ArrayList<>(model).subList(0, 2000)) {
                    assertTrue(tree.delete(e.key(), e.value(), 1));
                    model.remove(e);
                }
                BTreeTest.assertConsistent(reopened, FILE, model);
            }
        }
    }

    private static byte[] read(BufferPool pool, PageId id) {
        try (Page page = pool.pin(id)) {
            byte[] copy = new byte[PageLayout.PAGE_SIZE];
            page.latchShared();
            try {
                Node.read(page.data(), 0, copy);
            } finally {
                page.unlatchShared();
            }
            return copy;
        }
    }
}
