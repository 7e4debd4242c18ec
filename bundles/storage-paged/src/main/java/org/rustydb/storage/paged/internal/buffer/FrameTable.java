package org.rustydb.storage.paged.internal.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Which frame of the {@link BufferPool} holds which page: the page table, the free list, the
 * {@link ArcPolicy} lists, the per-file logical page counts and the read-ahead detector. Frames
 * are claimed and given their new page here, under one policy lock that is never held during
 * I/O; the pool does the reads, {@link FrameWriter} the writes. Lookups in the page table take no
 * lock.
 */
final class FrameTable {
    /** Dirty victims a miss writes itself when no clean frame can be evicted. */
    private static final int MAX_DIRTY_WRITES = 8;

    private final DiskManager disk;
    private final int capacity;
    private final BufferFrame[] frames;
    private final PageTable table;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArcPolicy arc;
    private final ArrayDeque<BufferFrame> free = new ArrayDeque<>();
    /** Per file, the last page missed (or read ahead): the next one missed means a sequential read. */
    private final Map<Integer, Integer> lastMiss = new HashMap<>();
    /** Logical page count per file: max(pages on disk, pages allocated). */
    private final ConcurrentHashMap<Integer, AtomicInteger> pageCounts = new ConcurrentHashMap<>();
    private final AtomicInteger ioPins;
    final LongAdder evictions = new LongAdder();

    /**
     * What a miss got: a frame to read into, latched and pinned, with read-ahead frames following
     * it; or no frame and the dirty victims to write first (none: wait for the pool's I/O); or
     * neither (the page was loaded meanwhile).
     */
    /**
     * @param skippedDirty the frame was found past dirty ones at the eviction end: the background
     *                     writer should clean them before every miss has to walk past them
     */
    record Miss(BufferFrame frame, List<BufferFrame> run, List<BufferFrame> victims, boolean skippedDirty) {
        Miss(BufferFrame frame, List<BufferFrame> run, List<BufferFrame> victims) {
            this(frame, run, victims, false);
        }
    }

    FrameTable(DiskManager disk, int capacity, AtomicInteger dirtyCount, AtomicInteger ioPins) {
        this.disk = disk;
        this.capacity = capacity;
        this.ioPins = ioPins;
        this.arc = new ArcPolicy(capacity);
        this.table = new PageTable(capacity);
        this.frames = new BufferFrame[capacity];
        for (int i = 0; i < capacity; i++) {
            frames[i] = new BufferFrame(dirtyCount);
            addFree(frames[i]);
        }
    }

    BufferFrame lookup(PageId id) {
        return table.get(id);
    }

    BufferFrame[] frames() {
        return frames;
    }

    ArcPolicy arc() {
        return arc;
    }

    void hit(BufferFrame f) {
        // a hit only refines the order: when the lock is busy (a miss, the background writer),
        // skipping the move beats queueing behind it and waking up the next waiter
        if (arc.referenced(f) || !lock.tryLock()) {
            return;
        }
        try {
            arc.hit(f);
        } finally {
            lock.unlock();
        }
    }

    int pageCount(int fileId) {
        return counter(fileId).get();
    }

    /** Claims and installs a frame for a missed page, plus read-ahead frames if the file is read sequentially. */
    Miss miss(PageId id, boolean redo, int readAheadPages) {
        lock.lock();
        try {
            if (table.containsKey(id)) {
                return new Miss(null, List.of(), null);
            }
            AtomicInteger count = counter(id.fileId());
            if (id.pageNo() >= count.get()) {
                if (!redo) {
                    throw DbException.of(SqlState.DATA_CORRUPTED,
                            "could not read block %d in file \"base/%d\": read only 0 of %d bytes", id.pageNo(),
                            id.fileId(), PageLayout.PAGE_SIZE);
                }
                count.accumulateAndGet(id.pageNo() + 1, Math::max);
            }
            int ghost = arc.ghostOf(id);
            List<BufferFrame> dirty = new ArrayList<>();
            BufferFrame f = claim(ghost, dirty);
            if (f == null) {
                return new Miss(null, List.of(), pinVictims(dirty));
            }
            install(f, id, true);
            arc.admit(f, ghost);
            return new Miss(f, readAheadRun(id, readAheadPages), null, !dirty.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /** Claims a frame for a new zeroed page at the end of a file, pinned and not latched. */
    Miss allocate(int fileId) {
        lock.lock();
        try {
            if (!pageCounts.containsKey(fileId) && !disk.exists(fileId)) {
                throw DbException.of(SqlState.IO_ERROR, "could not extend file \"base/%d\": No such file or directory", fileId);
            }
            AtomicInteger count = counter(fileId);
            List<BufferFrame> dirty = new ArrayList<>();
            BufferFrame f = claim(0, dirty);
            if (f == null) {
                return new Miss(null, List.of(), pinVictims(dirty));
            }
            if (!f.ensureMemory()) {
                Arrays.fill(f.data().array(), 0, PageLayout.PAGE_SIZE, (byte) 0); // a reused frame
            }
            install(f, new PageId(fileId, count.getAndIncrement()), false);
            arc.admit(f, 0);
            return new Miss(f, List.of(), null, !dirty.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /** Read-ahead frames for the pages after {@code id}, pinned (in ioPins) and latched. Under the lock. */
    private List<BufferFrame> readAheadRun(PageId id, int readAheadPages) {
        int fileId = id.fileId();
        Integer last = lastMiss.put(fileId, id.pageNo());
        if (last == null || last != id.pageNo() - 1) {
            return List.of();
        }
        long end = Math.min(counter(fileId).get(), (long) id.pageNo() + 1 + readAheadPages);
        List<BufferFrame> run = new ArrayList<>();
        for (int n = id.pageNo() + 1; n < end; n++) {
            PageId next = new PageId(fileId, n);
            BufferFrame f;
            if (table.containsKey(next) || (f = claim(0, null)) == null) {
                break; // one contiguous read: stop at the first cached page or when nothing is evictable
            }
            install(f, next, true);
            ioPins.incrementAndGet();
            arc.admitPrefetched(f);
            run.add(f);
        }
        lastMiss.put(fileId, id.pageNo() + run.size());
        return run;
    }

    /**
     * A free frame, or an evicted clean unpinned one (claimed: pin count -1); null if none. A null
     * {@code dirty} means read-ahead (see {@link ArcPolicy#claimVictimForReadAhead}). Under the lock.
     */
    private BufferFrame claim(int ghost, List<BufferFrame> dirty) {
        for (Iterator<BufferFrame> it = free.iterator(); it.hasNext();) {
            BufferFrame f = it.next();
            if (f.tryClaim()) { // a discarded frame may still be pinned by a straggler
                it.remove();
                f.inFreeList = false;
                return f;
            }
        }
        BufferFrame f = dirty == null ? arc.claimVictimForReadAhead()
                : arc.claimVictim(ghost, dirty, MAX_DIRTY_WRITES);
        if (f != null) {
            table.remove(f.id, f);
            arc.evicted(f);
            evictions.increment();
        }
        return f;
    }

    /** Gives a claimed frame its new page, pinned once; a loading frame is latched exclusively by this thread. */
    private void install(BufferFrame f, PageId id, boolean loading) {
        f.ensureMemory();
        f.clearDirty();
        f.torn = false;
        f.discarded = false;
        f.assign(id);
        f.state = loading ? BufferFrame.LOADING : BufferFrame.VALID;
        if (loading && !f.tryLatchExclusive()) {
            throw new IllegalStateException("latch of an unpinned frame is held: " + f);
        }
        f.pinInstalled(); // publishes the fields above to lock-free pinners
        table.put(id, f);
    }

    /**
     * After a failed claim, under the lock: pins the dirty victims found (counted in ioPins) to
     * write them outside it. With none, 53200 if every frame is pinned by a user; if the pool's own
     * I/O pins some, or a pin was released since the claim failed (unpinning takes no lock), the
     * caller waits and tries again.
     */
    private List<BufferFrame> pinVictims(List<BufferFrame> dirty) {
        dirty.removeIf(f -> !f.tryPin());
        if (dirty.isEmpty() && ioPins.get() == 0 && allPinned()) {
            throw BufferPool.noBuffers();
        }
        ioPins.addAndGet(dirty.size());
        return dirty;
    }

    private boolean allPinned() {
        for (BufferFrame f : frames) {
            if (f.pinCount() == 0) {
                return false;
            }
        }
        return true;
    }

    /** Uncaches a frame whose read failed: back to the free list. The caller releases latch and pin. */
    void failLoad(BufferFrame f) {
        lock.lock();
        try {
            table.remove(f.id, f);
            arc.remove(f);
            f.state = BufferFrame.FAILED;
            addFree(f);
        } finally {
            lock.unlock();
        }
    }

    /** Uncaches the pages matching {@code which} without writing them; returns their frames. */
    List<BufferFrame> drop(Predicate<PageId> which) {
        List<BufferFrame> dropped = new ArrayList<>();
        lock.lock();
        try {
            for (BufferFrame f : frames) {
                PageId id = f.id;
                if (id != null && which.test(id) && table.remove(id, f)) {
                    arc.remove(f);
                    f.discarded = true;
                    f.clearDirty();
                    addFree(f);
                    dropped.add(f);
                }
            }
        } finally {
            lock.unlock();
        }
        return dropped;
    }

    /** Forgets a dropped file: ghosts, read-ahead state and page count (it may be recreated empty). */
    void forgetFile(int fileId) {
        lock.lock();
        try {
            arc.forgetFile(fileId);
            lastMiss.remove(fileId);
            pageCounts.remove(fileId);
        } finally {
            lock.unlock();
        }
    }

    /** Pins (in ioPins) up to {@code max} dirty unpinned frames near the eviction end, for the background writer. */
    List<BufferFrame> pinDirtyNearLru(int max) {
        List<BufferFrame> batch = new ArrayList<>();
        lock.lock();
        try {
            if (free.size() >= max) {
                // the next misses take free frames: no eviction is near, and walking a quarter of
                // a large pool's lists under the lock five times a second cost a read-only
                // workload 3% of its CPU for nothing
                return batch;
            }
            arc.pinDirtyNearLru(batch, max, Math.max(16, capacity / 4));
            ioPins.addAndGet(batch.size());
        } finally {
            lock.unlock();
        }
        return batch;
    }

    private AtomicInteger counter(int fileId) {
        return pageCounts.computeIfAbsent(fileId, id -> new AtomicInteger(disk.pageCount(id)));
    }

    private void addFree(BufferFrame f) {
        if (!f.inFreeList) {
            f.inFreeList = true;
            free.addLast(f);
        }
    }
}
