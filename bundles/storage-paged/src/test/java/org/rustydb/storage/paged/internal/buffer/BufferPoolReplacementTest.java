package org.rustydb.storage.paged.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rustydb.storage.paged.internal.buffer.BufferPoolTest.fill;
import static org.rustydb.storage.paged.internal.buffer.BufferPoolTest.read;
import static org.rustydb.storage.paged.internal.buffer.BufferPoolTest.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;
import org.rustydb.storage.paged.internal.page.PageId;

/** ARC replacement, read-ahead and the background writer. */
class BufferPoolReplacementTest {
    private static final int HOT = 1;
    private static final int BIG = 2;

    @TempDir
    Path dir;
    private DiskManager disk;
    private final MemoryBudget memory = new MemoryBudget(1L << 30);
    private final List<Long> flushed = new ArrayList<>();
    private final List<BufferPool> pools = new ArrayList<>();

    @BeforeEach
    void open() {
        disk = new DiskManager(dir, false);
    }

    @AfterEach
    void close() {
        pools.forEach(BufferPool::close);
        disk.close();
    }

    private BufferPool pool(int capacity) {
        BufferPool pool = new BufferPool(disk, capacity, lsn -> {
            synchronized (flushed) {
                flushed.add(lsn);
            }
        }, memory);
        pools.add(pool);
        return pool;
    }

    private void touch(BufferPool pool, int fileId, int pageNo) {
        try (Page page = pool.pin(new PageId(fileId, pageNo))) {
            assertEquals(pageNo, read(page, 16));
        }
    }

    @Test
    void aHotSetSurvivesALongScanThatWouldFlushAnLruCache() {
        disk.createFile(HOT);
        disk.createFile(BIG);
        BufferPool loader = pool(64);
        fill(loader, HOT, 16);
        fill(loader, BIG, 1000);
        loader.close();

        List<PageId> trace = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < 16; p++) {
                trace.add(new PageId(HOT, p));
            }
        }
        for (int p = 0; p < 1000; p++) {
            trace.add(new PageId(BIG, p));
        }

        BufferPool pool = pool(32);
        for (PageId id : trace) {
            touch(pool, id.fileId(), id.pageNo());
        }
        long missesBefore = pool.stats().misses();
        for (int p = 0; p < 16; p++) {
            touch(pool, HOT, p);
        }
        assertEquals(missesBefore, pool.stats().misses(), "every hot page was still cached after the scan");
        // runs of capacity / 8 = 4 pages: 4 of every 5 scanned pages were read ahead
        assertTrue(pool.stats().readAheadPages() >= 790, pool.stats().toString());

        // the same trace through a 32-page LRU cache loses the whole hot set
        Map<PageId, Boolean> lru = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PageId, Boolean> eldest) {
                return size() > 32;
            }
        };
        trace.forEach(id -> lru.put(id, true));
        int lruMisses = 0;
        for (int p = 0; p < 16; p++) {
            lruMisses += lru.put(new PageId(HOT, p), true) == null ? 1 : 0;
        }
        assertEquals(16, lruMisses);
    }

    @Test
    void sequentialMissesReadAheadInOneRun() {
        disk.createFile(BIG);
        fill(pool(64), BIG, 40);
        BufferPool pool = pool(128);
        for (int p = 0; p < 40; p++) {
            touch(pool, BIG, p);
        }
        // misses on 0 and 1 (sequential: reads 2..17 too), 18 (reads 19..34), 35 (reads 36..39)
        BufferPoolStats s = pool.stats();
        assertEquals(4, s.misses());
        assertEquals(36, s.readAheadPages());
        assertEquals(36, s.hits());
    }

    @Test
    void readAheadPagesCountAsUsedOnceUntilUsedAgain() {
        disk.createFile(BIG);
        fill(pool(64), BIG, 20);
        BufferPool pool = pool(64);
        for (int p = 0; p < 20; p++) {
            touch(pool, BIG, p);
        }
        assertEquals(0, pool.arc().t2Size(), "a single pass promotes nothing to T2");
        assertEquals(20, pool.arc().t1Size());
        touch(pool, BIG, 5);
        assertEquals(0, pool.arc().t2Size(), "the second use only marks the frame");
        assertEquals(20, pool.arc().t1Size());
    }

    /** {@code n} frames holding pages 0..n-1 of file 1, admitted in order as if found in ghost list {@code ghost}. */
    private static BufferFrame[] admitted(ArcPolicy arc, int n, int ghost, AtomicInteger dirtyCount) {
        BufferFrame[] f = new BufferFrame[n];
        for (int i = 0; i < n; i++) {
            f[i] = new BufferFrame(dirtyCount);
            f[i].assign(new PageId(1, i));
            f[i].state = BufferFrame.VALID;
            arc.admit(f[i], ghost);
        }
        return f;
    }

    @Test
    void aHitInT2MarksTheFrameAndEvictionGivesItASecondChance() {
        ArcPolicy arc = new ArcPolicy(3);
        BufferFrame[] f = admitted(arc, 3, 2, new AtomicInteger()); // ghosts of T2 back in T2, MRU first: f2 f1 f0
        assertEquals(3, arc.t2Size());
        assertTrue(arc.referenced(f[0]), "a hit in T2 needs no move");
        assertTrue(arc.referenced(f[1]));
        // the LRU end (f0, then f1) was used again: both go back to the head, f2 goes
        assertSame(f[2], arc.claimVictim(0, new ArrayList<>(), 8));
        arc.evicted(f[2]);
        // their bits were spent on that second chance: f0 is now the least recently used
        assertSame(f[0], arc.claimVictim(0, new ArrayList<>(), 8));
        arc.evicted(f[0]);
        // a lone referenced frame is still claimed, after its second chance
        assertTrue(arc.referenced(f[1]));
        assertSame(f[1], arc.claimVictim(0, new ArrayList<>(), 8));
    }

    @Test
    void aHitInT1MarksTheFrameAndEvictionPromotesItToT2() {
        ArcPolicy arc = new ArcPolicy(3);
        BufferFrame[] f = admitted(arc, 3, 0, new AtomicInteger()); // T1, MRU first: f2 f1 f0
        assertTrue(arc.referenced(f[0]), "a second use needs no move now");
        assertEquals(3, arc.t1Size());
        assertEquals(0, arc.t2Size());
        // eviction from T1's LRU end: f0 was used twice, so it goes to T2 instead; f1 goes
        assertSame(f[1], arc.claimVictim(0, new ArrayList<>(), 8));
        arc.evicted(f[1]);
        assertEquals(1, arc.t2Size());
        assertEquals(1, arc.t1Size());
        assertEquals(1, arc.ghostOf(f[1].id));
    }

    @Test
    void aReadAheadPageFirstUseStillMovesUnderTheLock() {
        ArcPolicy arc = new ArcPolicy(2);
        BufferFrame f = new BufferFrame(new AtomicInteger());
        f.assign(new PageId(1, 0));
        f.state = BufferFrame.VALID;
        arc.admitPrefetched(f);
        assertEquals(false, arc.referenced(f), "a first use is not a second one");
        arc.hit(f);
        assertEquals(1, arc.t1Size());
        assertTrue(arc.referenced(f), "from now on a use is a second one");
    }

    @Test
    void arcAdaptsToGhostHitsAndSkipsPinnedAndDirtyFrames() {
        AtomicInteger dirtyCount = new AtomicInteger();
        ArcPolicy arc = new ArcPolicy(4);
        BufferFrame[] f = admitted(arc, 4, 0, dirtyCount);
        assertEquals(4, arc.t1Size());

        assertTrue(f[0].tryPin()); // pinned: not a victim
        f[1].setDirty(); // dirty: reported, not claimed
        assertEquals(1, dirtyCount.get());
        List<BufferFrame> dirty = new ArrayList<>();
        BufferFrame victim = arc.claimVictim(0, dirty, 8);
        assertSame(f[2], victim);
        assertEquals(List.of(f[1]), dirty);
        arc.evicted(victim);
        assertEquals(1, arc.ghostOf(new PageId(1, 2)));

        // the evicted page is asked for again: T1 was too small, p grows, the page goes to T2
        victim.assign(new PageId(1, 2));
        victim.pinInstalled(); // given its page again, as the frame table does
        arc.admit(victim, arc.ghostOf(victim.id));
        assertEquals(1, arc.p());
        assertEquals(1, arc.t2Size());
        assertEquals(0, arc.ghostOf(new PageId(1, 2)));

        f[0].unpin();
        f[1].clearDirty();
        victim.unpin();
        assertTrue(f[3].tryPin());
        assertSame(f[0], arc.claimVictim(0, null, 0), "|T1| = 3 > p = 1: T1's least recently used");
        f[3].unpin();
    }

    @Test
    void concurrentPinsOfOneMissingPageReadItOnce() throws InterruptedException {
        disk.createFile(BIG);
        fill(pool(8), BIG, 4);
        BufferPool pool = pool(8);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                try {
                    touch(pool, BIG, 3);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(1, pool.stats().misses());
        assertEquals(7, pool.stats().hits());
    }

    @Test
    void theBackgroundWriterCleansUnpinnedPages() throws InterruptedException {
        disk.createFile(BIG);
        BufferPool pool = pool(32);
        pool.start(5);
        for (int p = 0; p < 10; p++) {
            try (Page page = pool.allocate(BIG)) {
                write(page, 16, p, 1000 + p);
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.stats().dirtyPages() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, pool.stats().dirtyPages());
        assertEquals(10, pool.stats().pagesWritten());
        synchronized (flushed) {
            assertEquals(10, flushed.size());
            assertTrue(flushed.containsAll(List.of(1000L, 1009L)));
        }
        assertEquals(10, disk.pageCount(BIG));
        pool.close();
    }
}
