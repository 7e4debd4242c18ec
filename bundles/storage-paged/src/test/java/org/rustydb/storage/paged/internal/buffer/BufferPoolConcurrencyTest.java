package org.rustydb.storage.paged.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/** Many threads pinning, changing and evicting pages of a pool much smaller than the file. */
class BufferPoolConcurrencyTest {
    private static final int FILE = 77;
    private static final int PAGES = 64;
    private static final int THREADS = 4;
    private static final int OPS = 3000;

    @TempDir
    Path dir;

    @Test
    void concurrentChangesAllReachTheDisk() throws InterruptedException {
        MemoryBudget memory = new MemoryBudget(1L << 30);
        AtomicLong lsns = new AtomicLong();
        // the log is "durable" up to the highest LSN flushed; a page must never be written past it
        AtomicLong durable = new AtomicLong();
        Set<String> violations = ConcurrentHashMap.newKeySet();
        long[] writes = new long[THREADS];
        try (DiskManager disk = new DiskManager(dir, false)) {
            disk.createFile(FILE);
            BufferPool pool = new BufferPool(disk, 12, lsn -> {
                if (lsn > lsns.get()) {
                    violations.add("page LSN " + lsn + " was never handed out");
                }
                durable.accumulateAndGet(lsn, Math::max);
            }, memory);
            pool.start(1);
            for (int p = 0; p < PAGES; p++) {
                try (Page page = pool.allocate(FILE)) {
                    change(page, -1, lsns);
                }
            }
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                threads.add(new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(me);
                    try {
                        go.await();
                        for (int i = 0; i < OPS; i++) {
                            int pageNo = random.nextInt(PAGES);
                            // runs of neighbours now and then, to exercise read-ahead under load
                            int run = random.nextInt(10) == 0 ? 4 : 1;
                            for (int r = 0; r < run && pageNo + r < PAGES; r++) {
                                try (Page page = pool.pin(new PageId(FILE, pageNo + r))) {
                                    if (random.nextInt(5) > 0) {
                                        change(page, me, lsns);
                                        writes[me]++;
                                    } else {
                                        page.latchShared();
                                        page.unlatchShared();
                                    }
                                }
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), errors);
            assertEquals(Set.of(), violations);
            BufferPoolStats stats = pool.stats();
            assertTrue(stats.evictions() > 100, "the pool was too small for the file: " + stats);
            pool.close();
            assertTrue(durable.get() > 0);

            long[] sums = new long[THREADS];
            BufferPool reopened = new BufferPool(disk, 8, lsn -> { }, memory);
            for (int p = 0; p < PAGES; p++) {
                try (Page page = reopened.pin(new PageId(FILE, p))) {
                    assertEquals(p, page.data().getInt(PageLayout.HEADER_SIZE), "page number stamp");
                    for (int t = 0; t < THREADS; t++) {
                        sums[t] += page.data().getInt(slot(t));
                    }
                }
            }
            reopened.close();
            for (int t = 0; t < THREADS; t++) {
                assertEquals(writes[t], sums[t], "increments of thread " + t);
            }
        }
    }

    private static int slot(int thread) {
        return PageLayout.HEADER_SIZE + 4 + 4 * thread;
    }

    /** Thread {@code me} increments its counter in the page; -1 formats it with its page number. */
    private static void change(Page page, int me, AtomicLong lsns) {
        page.latchExclusive();
        try {
            PageWriter w = new PageWriter(page.data());
            if (me < 0) {
                w.format(PageLayout.TYPE_HEAP);
                w.putInt(PageLayout.HEADER_SIZE, page.id().pageNo());
            } else {
                w.putInt(slot(me), page.data().getInt(slot(me)) + 1);
            }
            page.markDirty(lsns.incrementAndGet());
        } finally {
            page.unlatchExclusive();
        }
    }

    @Test
    void concurrentAllocationsGetDistinctPages() throws InterruptedException {
        MemoryBudget memory = new MemoryBudget(1L << 30);
        try (DiskManager disk = new DiskManager(dir, false)) {
            disk.createFile(FILE);
            BufferPool pool = new BufferPool(disk, 8, lsn -> { }, memory);
            Set<Integer> pageNos = ConcurrentHashMap.newKeySet();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < THREADS; t++) {
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            try (Page page = pool.allocate(FILE)) {
                                pageNos.add(page.id().pageNo());
                                change(page, -1, new AtomicLong(i));
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            if (!errors.isEmpty()) {
                throw new AssertionError("an allocating thread failed", errors.get(0));
            }
            assertEquals(THREADS * 50, pageNos.size());
            assertEquals(THREADS * 50, pool.pageCount(FILE));
            pool.close();
            assertEquals(THREADS * 50, disk.pageCount(FILE));
            BufferPool reopened = new BufferPool(disk, 8, lsn -> { }, memory);
            Set<Integer> stamped = new HashSet<>();
            for (int p = 0; p < THREADS * 50; p++) {
                try (Page page = reopened.pin(new PageId(FILE, p))) {
                    stamped.add(page.data().getInt(PageLayout.HEADER_SIZE));
                }
            }
            reopened.close();
            assertEquals(pageNos, stamped);
        }
    }
}
