package org.rustydb.storage.paged.internal.buffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Writes frames of the {@link BufferPool} out, honouring the write-ahead rule: the log is made
 * durable up to the page's LSN first, then a copy of the page taken under its shared latch is
 * checksummed and written (the live frame is never stamped, and writers wait only for the copy).
 * Writes of one frame are serialized by its I/O lock so an older copy never lands after a newer.
 *
 * <p>Frames handed to it are pinned by the caller; pins taken by the pool for its own I/O are
 * counted in {@code ioPins} so that a miss finding every frame pinned can tell a momentary
 * shortage from a real one.
 */
final class FrameWriter {
    /** How long a miss waits for frames pinned by the pool's own I/O before giving up with 53200. */
    private static final long MAX_ROOM_WAIT_NANOS = 5_000_000_000L;
    private static final long ROOM_POLL_NANOS = 50_000L;

    private final DiskManager disk;
    private final LongConsumer logFlusher;
    private final AtomicInteger ioPins;
    final LongAdder written = new LongAdder();

    FrameWriter(DiskManager disk, LongConsumer logFlusher, AtomicInteger ioPins) {
        this.disk = disk;
        this.logFlusher = logFlusher;
        this.ioPins = ioPins;
    }

    /**
     * Writes a pinned frame if it needs it. Non-blocking mode gives up (false) if the frame is
     * latched or being written; it is what threads that may hold other latches use.
     */
    boolean write(BufferFrame f, boolean blocking) {
        if (blocking) {
            f.io.lock();
        } else if (!f.io.tryLock()) {
            return false;
        }
        try {
            if (!f.needsWrite()) {
                return false;
            }
            if (blocking) {
                f.latchShared();
            } else if (!f.tryLatchShared()) {
                return false;
            }
            PageId id;
            ByteBuffer copy = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
            try {
                id = f.id;
                System.arraycopy(f.data().array(), 0, copy.array(), 0, PageLayout.PAGE_SIZE);
                f.clearDirty(); // a change after the copy (under the exclusive latch) dirties it again
            } finally {
                f.unlatchShared();
            }
            try {
                logFlusher.accept(PageLayout.lsn(copy));
                PageLayout.stampChecksum(copy);
                disk.write(id, copy);
                written.increment();
            } catch (RuntimeException e) {
                f.setDirty();
                throw e;
            }
            return true;
        } finally {
            f.io.unlock();
        }
    }

    /**
     * Writes every dirty frame, waiting for latches and for writes already under way (a frame
     * found clean may be in the middle of another thread's write, which must land first).
     */
    void writeAll(BufferFrame[] frames) {
        RuntimeException failure = null;
        for (BufferFrame f : frames) {
            if ((f.needsWrite() || f.io.isLocked()) && f.tryPin()) {
                ioPins.incrementAndGet();
                try {
                    write(f, true);
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                } finally {
                    f.unpin();
                    ioPins.decrementAndGet();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Writes frames pinned for it (counted in ioPins) without blocking, then unpins them; returns pages written. */
    int writeBatch(List<BufferFrame> batch) {
        int n = 0;
        RuntimeException failure = null;
        for (BufferFrame f : batch) {
            try {
                if (failure == null && write(f, false)) {
                    n++;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        unpinAll(batch);
        if (failure != null) {
            throw failure;
        }
        return n;
    }

    /**
     * A miss found no clean unpinned frame: writes the dirty victims it pinned (counted in ioPins),
     * or with none, waits a moment for the pool's own I/O to release frames. Gives up with 53200
     * once it has been trying for too long.
     *
     * @param waitingSince when this miss started waiting, 0 the first time
     * @return the value to pass next time
     */
    long makeRoom(List<BufferFrame> victims, long waitingSince) {
        long now = System.nanoTime();
        if (waitingSince == 0) {
            waitingSince = now;
        } else if (now - waitingSince > MAX_ROOM_WAIT_NANOS) {
            unpinAll(victims);
            throw BufferPool.noBuffers();
        }
        boolean progress = false;
        RuntimeException failure = null;
        for (BufferFrame f : victims) {
            try {
                progress |= failure == null && (write(f, false) || !f.needsWrite());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        unpinAll(victims);
        if (failure != null) {
            throw failure;
        }
        if (!progress) {
            LockSupport.parkNanos(ROOM_POLL_NANOS); // all busy: let the latch holders and readers finish
        }
        return waitingSince;
    }

    /** Releases pins taken for the pool's own I/O. */
    void unpinAll(List<BufferFrame> frames) {
        for (BufferFrame f : frames) {
            f.unpin();
            ioPins.decrementAndGet();
        }
    }
}
