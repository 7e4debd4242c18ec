package org.rustydb.storage.paged.internal.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * One slot of the {@link BufferPool}: 8 KiB of memory holding one page at a time, and the
 * {@link Page} handed out while it is pinned. The same object is reused for other pages once it
 * is unpinned and evicted, so a {@code Page} must not be used after {@link #close}.
 *
 * <p>Pin count: {@code -1} while the pool claims the frame for another page (under its policy
 * lock), otherwise the number of pins. The latch protects the page bytes; the separate I/O lock
 * serializes write-outs of the frame so an older copy can never overwrite a newer one on disk.
 */
public final class BufferFrame implements Page {
    static final int LOADING = 0;
    static final int VALID = 1;
    static final int FAILED = 2;

    /** The pool's count of dirty frames. */
    private final AtomicInteger dirtyCount;
    /**
     * The page's bytes, allocated on the frame's first use so that a large pool costs nothing
     * until it fills (opening a database does not zero gigabytes). Set before {@link #pins} is
     * published, like {@link #id}.
     */
    private ByteBuffer data;
    private final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();
    final ReentrantLock io = new ReentrantLock();
    /**
     * The pin count, in the frame itself rather than in an atomic object of its own: a pin of a
     * page the CPU cache does not hold then misses on one object fewer.
     */
    private volatile int pins;
    private static final VarHandle PINS;

    static {
        try {
            PINS = MethodHandles.lookup().findVarHandle(BufferFrame.class, "pins", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private final AtomicBoolean dirty = new AtomicBoolean();

    /** The page held, null while never used. Written before {@link #pins} is published. */
    volatile PageId id;
    /** {@link #id} as the page table packs it (0: none), compared by {@link #holds} without reaching the id object. */
    private volatile long heldKey;
    volatile int state = FAILED;
    /** Loaded by {@code pinForRedo} with a bad checksum and zeroed; cleared by {@link #markDirty}. */
    volatile boolean torn;
    /** Dropped by {@code discardFile}: never written out again. */
    volatile boolean discarded;

    // policy state, guarded by the pool's policy lock
    BufferFrame prev;
    BufferFrame next;
    /** 0: in no list, 1: T1, 2: T2 (see {@link ArcPolicy}). */
    byte list;
    /** Read ahead and not used yet: its first pin counts as a first use, not a second one. */
    boolean prefetched;
    /**
     * Used again since it went to its list's head (CAR's reference bit): a hit only sets it,
     * without the lock, and eviction moves such a frame to T2's head instead of evicting it.
     * Written racily: a lost write only lets the page go a little sooner.
     */
    boolean referenced;
    boolean inFreeList;

    BufferFrame(AtomicInteger dirtyCount) {
        this.dirtyCount = dirtyCount;
    }

    /**
     * Gives the frame its memory if it has none yet; under the pool's lock, before publishing.
     * Returns true if it did: the page is all zeros then.
     */
    boolean ensureMemory() {
        if (data == null) {
            data = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
            return true;
        }
        return false;
    }

    @Override
    public PageId id() {
        return id;
    }

    @Override
    public ByteBuffer data() {
        return data;
    }

    @Override
    public void latchShared() {
        latch.readLock().lock();
    }

    /** The shared latch if no one holds it exclusively right now; false otherwise. */
    boolean tryLatchShared() {
        return latch.readLock().tryLock();
    }

    /** The exclusive latch if no one holds it at all right now; false otherwise. */
    boolean tryLatchExclusive() {
        return latch.writeLock().tryLock();
    }

    @Override
    public void unlatchShared() {
        latch.readLock().unlock();
    }

    @Override
    public void latchExclusive() {
        latch.writeLock().lock();
    }

    @Override
    public void unlatchExclusive() {
        latch.writeLock().unlock();
    }

    @Override
    public void markDirty(long lsn) {
        data.putLong(PageLayout.LSN_OFFSET, lsn);
        torn = false;
        setDirty();
    }

    /**
     * True if this page failed its checksum when {@link BufferPool#pinForRedo} read it, so it was
     * zeroed: redo must restore it from a full-page image. Cleared by {@link #markDirty}, which
     * means the page was rewritten.
     */
    public boolean wasTorn() {
        return torn;
    }

    /** True if changed since it was last written out. */
    public boolean isDirty() {
        return dirty.get();
    }

    @Override
    public void close() {
        unpin();
    }

    /** Gives a claimed frame its page; published to lock-free pinners by {@link #pinInstalled}. */
    void assign(PageId page) {
        id = page;
        heldKey = PageTable.key(page);
    }

    /** Whether the frame holds {@code page}; meaningful while pinned (a pinned frame keeps its page). */
    boolean holds(PageId page) {
        return heldKey == PageTable.key(page);
    }

    int pinCount() {
        return pins;
    }

    /** Pins a frame just claimed and given its page once, publishing what was written to it before. */
    void pinInstalled() {
        pins = 1;
    }

    /** Adds a pin unless the frame is being claimed for another page. */
    boolean tryPin() {
        for (;;) {
            int n = pins;
            if (n < 0) {
                return false;
            }
            if (PINS.compareAndSet(this, n, n + 1)) {
                return true;
            }
        }
    }

    void unpin() {
        if ((int) PINS.getAndAdd(this, -1) <= 0) {
            PINS.getAndAdd(this, 1);
            throw new IllegalStateException("page " + id + " unpinned more often than pinned");
        }
    }

    /** Claims an unpinned frame for eviction or reuse; only under the pool's policy lock. */
    boolean tryClaim() {
        return PINS.compareAndSet(this, 0, -1);
    }

    void setDirty() {
        if (dirty.compareAndSet(false, true)) {
            dirtyCount.incrementAndGet();
        }
    }

    void clearDirty() {
        if (dirty.compareAndSet(true, false)) {
            dirtyCount.decrementAndGet();
        }
    }

    /** Dirty and worth writing: a torn or discarded page is never written. */
    boolean needsWrite() {
        return dirty.get() && !torn && !discarded && state == VALID;
    }

    @Override
    public String toString() {
        return "BufferFrame[" + id + ", pins=" + pins + (dirty.get() ? ", dirty" : "") + "]";
    }
}
