package org.rustydb.storage.paged.internal.buffer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer pool: a fixed number of 8 KiB frames caching pages of the {@link DiskManager}'s
 * files, replaced by ARC ({@link ArcPolicy}) so that large scans do not flush the pages in
 * steady use.
 *
 * <ul>
 * <li>Write-ahead rule: before a dirty page is written, {@code logFlusher} is called with its LSN
 * and must return only once the log is durable up to there ({@link FrameWriter}).</li>
 * <li>Every page read is verified ({@link PageLayout#verifyChecksum}); a bad page gives XX001 and
 * is not cached. {@link #pinForRedo} instead returns it zeroed and flagged
 * ({@link BufferFrame#wasTorn}, {@link #wasUnreadable}), and pins pages past the end of a file.</li>
 * <li>Sequential reads (a miss on page p right after a miss on p-1 of the same file) read up to
 * {@value #READ_AHEAD_PAGES} following pages (at most an eighth of the pool) with the missed one
 * in one I/O; they are admitted as once-used pages.</li>
 * <li>A background writer ({@link #start}) writes dirty pages near the eviction end so misses
 * rarely wait for a write; a miss that finds only dirty victims writes a few itself.</li>
 * </ul>
 *
 * <p>Threading: all methods are thread-safe. A hit takes only the short policy lock that updates
 * ARC; a miss claims its frame under it and reads outside it, while other pinners of the same page
 * wait on the frame's latch, held exclusively by the reader. {@link #flushAll} and
 * {@link #discardFile} may wait for page latches, so their callers must hold none.
 * {@link #close} does not close the DiskManager.
 */
public final class BufferPool implements PageCache, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BufferPool.class);
    /** Most pages read ahead of a sequential scan, in one read with the missed page. */
    static final int READ_AHEAD_PAGES = 16;
    private static final int WRITER_MAX_PAGES = 100;
    private static final long DEFAULT_WRITER_INTERVAL_MILLIS = 200;

    private final int capacity;
    private final MemoryBudget budget;
    private final long reservedBytes;
    private final DiskManager disk;
    private final AtomicInteger dirtyPages = new AtomicInteger();
    /** Pins held by the pool itself for I/O under way (read-ahead, write-outs): they go away soon. */
    private final AtomicInteger ioPins = new AtomicInteger();
    private final FrameTable frames;
    private final FrameWriter out;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder readAhead = new LongAdder();
    private volatile BackgroundWriter writer;
    private volatile boolean closed;

    /**
     * @param capacity   frames (pages) in the pool, at least 1
     * @param logFlusher makes the log durable up to the given LSN; called before each page write
     * @param budget     {@code capacity * 8192} bytes are reserved from it (53200 if too small)
     */
    public BufferPool(DiskManager disk, int capacity, LongConsumer logFlusher, MemoryBudget budget) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer pool capacity must be at least 1 page: " + capacity);
        }
        this.reservedBytes = (long) capacity * PageLayout.PAGE_SIZE;
        budget.reserve(reservedBytes, "buffer pool");
        this.budget = budget;
        this.capacity = capacity;
        this.disk = disk;
        this.frames = new FrameTable(disk, capacity, dirtyPages, ioPins);
        this.out = new FrameWriter(disk, logFlusher, ioPins);
    }

    /** Starts the background writer with the default interval (200 ms). */
    public void start() {
        start(DEFAULT_WRITER_INTERVAL_MILLIS);
    }

    public synchronized void start(long intervalMillis) {
        checkOpen();
        if (writer == null) {
            writer = new BackgroundWriter(this, intervalMillis, WRITER_MAX_PAGES);
            writer.start();
        }
    }

    @Override
    public Page pin(PageId id) {
        return pin(id, false);
    }

    /**
     * Pins a page for crash recovery: a page past the end of its file is pinned anyway (the file's
     * page count grows to include it), and a page failing its checksum comes back zeroed with
     * {@link BufferFrame#wasTorn} true instead of failing. Until such a page is rewritten
     * ({@link Page#markDirty}), {@link #pin} refuses it with XX001 and it is never written out.
     */
    public BufferFrame pinForRedo(PageId id) {
        return pin(id, true);
    }

    /** True if the page, pinned by {@link #pinForRedo}, failed its checksum and was zeroed. */
    public boolean wasUnreadable(Page page) {
        return page instanceof BufferFrame && ((BufferFrame) page).wasTorn();
    }

    /** Re-pins the hint's frame when it still holds the page, loaded and sound; else as {@link #pin(PageId)}. */
    @Override
    public Page pin(PageId id, Page hint) {
        if (hint instanceof BufferFrame f && f.tryPin()) {
            if (f.holds(id) && f.state == BufferFrame.VALID && !f.torn) {
                return hit(f);
            }
            f.unpin();
        }
        return pin(id, false);
    }

    /** Counts a pinned frame's page as found in the pool. */
    private BufferFrame hit(BufferFrame f) {
        frames.hit(f);
        hits.increment();
        return f;
    }

    private BufferFrame pin(PageId id, boolean redo) {
        long waitingSince = 0;
        for (;;) {
            checkOpen();
            BufferFrame f = frames.lookup(id);
            if (f != null && f.tryPin()) {
                if (f.holds(id) && awaitLoaded(f)) {
                    if (f.torn && !redo) {
                        f.unpin();
                        throw invalidPage(id);
                    }
                    return hit(f);
                }
                f.unpin(); // reused for another page, or its read failed: look again
                continue;
            }
            int readAheadPages = Math.min(READ_AHEAD_PAGES, capacity / 8);
            FrameTable.Miss miss = frames.miss(id, redo, readAheadPages);
            if (miss.frame() != null) {
                misses.increment();
                if (miss.skippedDirty()) {
                    wakeWriter();
                }
                load(miss.frame(), miss.run(), redo);
                return miss.frame();
            }
            if (miss.victims() != null) {
                wakeWriter();
                waitingSince = out.makeRoom(miss.victims(), waitingSince);
            }
        }
    }

    /** Waits while another thread reads the page in; false if that read failed. */
    private static boolean awaitLoaded(BufferFrame f) {
        if (f.state == BufferFrame.LOADING) {
            f.latchShared(); // the reader holds the exclusive latch until it is done
            f.unlatchShared();
        }
        return f.state == BufferFrame.VALID;
    }

    /** Reads a missed page (and its read-ahead run) into the frames claimed and latched for them. */
    private void load(BufferFrame f, List<BufferFrame> run, boolean redo) {
        PageId id = f.id;
        try {
            if (run.isEmpty()) {
                disk.read(id, f.data());
            } else {
                ByteBuffer[] buffers = new ByteBuffer[run.size() + 1];
                buffers[0] = f.data();
                for (int i = 0; i < run.size(); i++) {
                    buffers[i + 1] = run.get(i).data();
                }
                disk.readRun(id.fileId(), id.pageNo(), buffers.length, buffers);
                readAhead.add(run.size());
            }
        } catch (RuntimeException e) {
            run.forEach(this::failLoad);
            out.unpinAll(run);
            failLoad(f);
            f.unpin();
            throw e;
        }
        for (BufferFrame r : run) {
            if (PageLayout.verifyChecksum(r.data())) {
                r.state = BufferFrame.VALID;
                r.unlatchExclusive();
            } else {
                failLoad(r); // reported when (and if) the page is really asked for
            }
        }
        out.unpinAll(run);
        if (!PageLayout.verifyChecksum(f.data())) {
            if (!redo) {
                failLoad(f);
                f.unpin();
                DbException e = invalidPage(id);
                // a damaged page is an operator's problem, not only the client's: log it as PostgreSQL does
                LOG.error("{} (checksum mismatch); the page stays unreadable until restored", e.getMessage());
                throw e;
            }
            Arrays.fill(f.data().array(), 0, PageLayout.PAGE_SIZE, (byte) 0);
            f.torn = true;
        }
        f.state = BufferFrame.VALID;
        f.unlatchExclusive();
    }

    private void failLoad(BufferFrame f) {
        frames.failLoad(f);
        f.unlatchExclusive();
    }

    @Override
    public Page allocate(int fileId) {
        long waitingSince = 0;
        for (;;) {
            checkOpen();
            FrameTable.Miss claimed = frames.allocate(fileId);
            if (claimed.frame() != null) {
                if (claimed.skippedDirty()) {
                    wakeWriter();
                }
                return claimed.frame();
            }
            wakeWriter();
            waitingSince = out.makeRoom(claimed.victims(), waitingSince);
        }
    }

    @Override
    public int pageCount(int fileId) {
        return frames.pageCount(fileId);
    }

    /**
     * Writes every dirty page, then syncs the files: a checkpoint. Edits may go on meanwhile; a
     * page changed again after its copy was taken stays dirty.
     */
    public void flushAll() {
        checkOpen();
        out.writeAll(frames.frames());
        disk.syncAll();
    }

    /**
     * Writes up to {@code maxPages} dirty unpinned pages near the eviction end: the background
     * writer's round, skipped while there are free frames for the next misses.
     */
    int writeDirtyNearLru(int maxPages) {
        if (closed || dirtyPages.get() == 0) {
            return 0;
        }
        return out.writeBatch(frames.pinDirtyNearLru(maxPages));
    }

    /**
     * Drops the cached pages of a file without writing them (DROP TABLE; the file is deleted
     * next), waiting for writes of them already under way, and forgets its page count.
     */
    public void discardFile(int fileId) {
        awaitWrites(frames.drop(id -> id.fileId() == fileId));
        frames.forgetFile(fileId);
    }

    /**
     * Drops every cached page without writing it and closes the pool: for a start-up that failed
     * (recovery will redo the log next time). Releases the memory.
     */
    public void discardAll() {
        synchronized (this) {
            if (closed) {
                return;
            }
            stopWriter();
            awaitWrites(frames.drop(id -> true));
            closed = true;
        }
        budget.release(reservedBytes);
    }

    private static void awaitWrites(List<BufferFrame> dropped) {
        for (BufferFrame f : dropped) {
            f.io.lock(); // a write of the page already under way finishes before the file goes
            f.io.unlock();
        }
    }

    public BufferPoolStats stats() {
        return new BufferPoolStats(capacity, hits.sum(), misses.sum(), frames.evictions.sum(), out.written.sum(),
                dirtyPages.get(), readAhead.sum());
    }

    public int capacity() {
        return capacity;
    }

    /** The replacement policy, for tests (read it only while the pool is idle). */
    ArcPolicy arc() {
        return frames.arc();
    }

    /** Stops the background writer, writes every dirty page and syncs; releases the memory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            stopWriter();
            try {
                flushAll();
            } finally {
                closed = true;
                budget.release(reservedBytes);
            }
        }
    }

    private void stopWriter() {
        if (writer != null) {
            writer.stop();
            writer = null;
        }
    }

    private void wakeWriter() {
        BackgroundWriter w = writer;
        if (w != null) {
            w.wake();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("buffer pool is closed");
        }
    }

    static DbException invalidPage(PageId id) {
        return DbException.of(SqlState.DATA_CORRUPTED, "invalid page in block %d of relation file base/%d",
                id.pageNo(), id.fileId());
    }

    static DbException noBuffers() {
        return DbException.of(SqlState.OUT_OF_MEMORY, "no unpinned buffers available");
    }
}
