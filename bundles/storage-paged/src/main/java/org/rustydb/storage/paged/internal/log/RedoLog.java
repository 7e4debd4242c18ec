package org.rustydb.storage.paged.internal.log;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.wal.WriteAheadLog;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * The paged engine's write-ahead log: every {@link PageEdit} becomes one {@link RedoRecord}
 * appended to the shared {@link WriteAheadLog} (group commit, CRC32C framing, segments).
 *
 * <p>Full-page images: a page's first change after the current redo pointer (the start of the
 * last checkpoint) is logged whole, so a page torn by a crash during its write-out is restored
 * by redo before any delta is applied to it. The redo pointer moves under the write side of a
 * gate whose read side every edit holds while it decides, appends and marks its pages dirty, so
 * a checkpoint never misses a change logged before its redo pointer.
 */
public final class RedoLog implements PageEditLog, AutoCloseable {
    /** Record buffers reused per thread: most records are small, images 8 KiB. */
    private static final ThreadLocal<ByteWriter> BUFFERS = ThreadLocal.withInitial(() -> new ByteWriter(16 * 1024));
    private final WriteAheadLog wal;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile long redoPointer;
    private final AtomicLong edits = new AtomicLong();
    private final AtomicLong fullPageImages = new AtomicLong();

    public RedoLog(WriteAheadLog wal, long redoPointer) {
        this.wal = wal;
        this.redoPointer = redoPointer;
    }

    @Override
    public PageEdit begin(long xid) {
        return new LoggedEdit(xid);
    }

    /** Makes the log durable up to {@code lsn}: commits, and the buffer pool before writing a page. */
    public void flushTo(long lsn) {
        if (lsn > 0) {
            wal.sync(lsn);
        }
    }

    /**
     * Starts a checkpoint: from now on recovery may begin at the returned LSN, once every page
     * dirtied before it has been written out and the checkpoint is recorded in the control file.
     */
    public long moveRedoPointer() {
        gate.writeLock().lock();
        try {
            redoPointer = wal.endLsn();
            return redoPointer;
        } finally {
            gate.writeLock().unlock();
        }
    }

    public long redoPointer() {
        return redoPointer;
    }

    public long endLsn() {
        return wal.endLsn();
    }

    public long durableLsn() {
        return wal.durableLsn();
    }

    public long editCount() {
        return edits.get();
    }

    public long fullPageImageCount() {
        return fullPageImages.get();
    }

    public long forceCount() {
        return wal.forceCount();
    }

    /** Recycles the log: deletes segments wholly before a completed checkpoint's redo pointer. */
    public int deleteSegmentsBefore(long lsn) throws IOException {
        return wal.deleteSegmentsBefore(lsn);
    }

    @Override
    public void close() throws IOException {
        wal.close();
    }

    private final class LoggedEdit implements PageEdit {
        private final long xid;
        private final Map<PageId, Page> pages = new LinkedHashMap<>(4);
        private final Map<PageId, PageWriter> writers = new LinkedHashMap<>(4);
        private boolean committed;

        LoggedEdit(long xid) {
            this.xid = xid;
        }

        @Override
        public PageWriter write(Page page) {
            if (committed) {
                throw new IllegalStateException("edit already committed");
            }
            PageWriter writer = writers.get(page.id());
            if (writer == null) {
                writer = new PageWriter(page.data());
                writers.put(page.id(), writer);
                pages.put(page.id(), page);
            }
            return writer;
        }

        @Override
        public long commit() {
            if (committed) {
                throw new IllegalStateException("edit already committed");
            }
            committed = true;
            int changed = 0;
            for (PageWriter writer : writers.values()) {
                if (!writer.isEmpty()) {
                    changed++;
                }
            }
            if (changed == 0) {
                return 0;
            }
            ByteWriter out = BUFFERS.get();
            out.reset();
            gate.readLock().lock();
            try {
                RedoRecord.writeHeader(out, xid, changed);
                long pointer = redoPointer;
                for (Map.Entry<PageId, PageWriter> e : writers.entrySet()) {
                    PageWriter writer = e.getValue();
                    if (writer.isEmpty()) {
                        continue;
                    }
                    if (writer.isWhole() || PageLayout.lsn(writer.page()) < pointer) {
                        RedoRecord.writeImage(out, e.getKey(), writer.page());
                        fullPageImages.incrementAndGet();
                    } else {
                        RedoRecord.writeRanges(out, e.getKey(), writer.page(), writer.ranges());
                    }
                }
                long lsn = wal.append(out.array(), 0, out.size());
                for (Map.Entry<PageId, PageWriter> e : writers.entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        pages.get(e.getKey()).markDirty(lsn);
                    }
                }
                edits.incrementAndGet();
                return lsn;
            } finally {
                gate.readLock().unlock();
            }
        }
    }
}
