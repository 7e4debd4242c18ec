package org.rustydb.storage.paged.internal.log;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.wal.WriteAheadLog;
import org.rustydb.storage.paged.internal.buffer.Page;
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

    /** Recycles the log: removes segments wholly before a completed checkpoint's redo pointer. */
    public int removeSegmentsBefore(long lsn) throws IOException {
        return wal.removeSegmentsBefore(lsn);
    }

    @Override
    public void close() throws IOException {
        wal.close();
    }

    private final class LoggedEdit implements PageEdit {
        private final long xid;
        // an edit touches one to a few pages: parallel arrays beat maps here
        private Page[] pages = new Page[2];
        private PageWriter[] writers = new PageWriter[2];
        private int count;
        private boolean committed;

        LoggedEdit(long xid) {
            this.xid = xid;
        }

        @Override
        public PageWriter write(Page page) {
            if (committed) {
                throw new IllegalStateException("edit already committed");
            }
            for (int i = 0; i < count; i++) {
                if (pages[i] == page || pages[i].id().equals(page.id())) {
                    return writers[i];
                }
            }
            if (count == pages.length) {
                pages = Arrays.copyOf(pages, count * 2);
                writers = Arrays.copyOf(writers, count * 2);
            }
            pages[count] = page;
            writers[count] = new PageWriter(page.data());
            return writers[count++];
        }

        @Override
        public long commit() {
            if (committed) {
                throw new IllegalStateException("edit already committed");
            }
            committed = true;
            int changed = 0;
            for (int i = 0; i < count; i++) {
                if (!writers[i].isEmpty()) {
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
                for (int i = 0; i < count; i++) {
                    PageWriter writer = writers[i];
                    if (writer.isEmpty()) {
                        continue;
                    }
                    if (writer.isWhole()) {
                        // a formatted page: zeros plus what was written define it whole
                        RedoRecord.writeRanges(out, pages[i].id(), writer.page(), writer.ranges(), true);
                    } else if (PageLayout.lsn(writer.page()) < pointer) {
                        RedoRecord.writeImage(out, pages[i].id(), writer.page());
                        fullPageImages.incrementAndGet();
                    } else {
                        int[] moves = writer.moves();
                        if (moves.length == 0) {
                            RedoRecord.writeRanges(out, pages[i].id(), writer.page(), writer.ranges());
                        } else {
                            RedoRecord.writeMovesAndRanges(out, pages[i].id(), writer.page(), moves, writer.ranges());
                        }
                    }
                }
                long lsn = wal.append(out.array(), 0, out.size());
                for (int i = 0; i < count; i++) {
                    if (!writers[i].isEmpty()) {
                        pages[i].markDirty(lsn);
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
