package org.rustydb.storage.log.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.files.SteadyChannel;
import org.rustydb.storage.log.internal.wal.WalSegments.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append side of the log, with group commit. Committers {@link #append} a record into a
 * shared buffer and then {@link #sync} up to its end. One of them at a time writes and forces
 * everything appended so far while the others append behind it and wait; when it is done, those
 * it covered return and one of the rest flushes all of theirs at once, so N concurrent commits
 * cost far fewer than N forces. A segment is forced whole before the next one is created, so only
 * the last segment can end in a torn record.
 *
 * <p>Records are written out, without a force, once a megabyte has piled up in the buffer
 * (PostgreSQL writes full WAL buffers the same way): a long transaction neither grows the buffer
 * without bound nor leaves all of its log to write at commit.
 *
 * <p>Interrupts cannot break the log: its file is a {@link SteadyChannel}, which reopens the
 * segment and repeats the write or force when an interrupted committer closed the channel.
 *
 * <p>After an I/O error the log refuses all further work: the state of the failed write on disk
 * is unknown, so carrying on could acknowledge commits after a hole.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);

    private final Path dir;
    private final WalOptions options;

    private final Object appendLock = new Object();
    private final CRC32C crc = new CRC32C();
    private ByteWriter pending = new ByteWriter(64 * 1024);
    private final List<Long> rollovers = new ArrayList<>();
    private long nextLsn;
    private long plannedSegmentStart;

    /** Buffered bytes at which an appender writes them out (without forcing) if no one is flushing. */
    private static final int WRITE_BEHIND_BYTES = 1 << 20;

    /**
     * Guards {@code flushing}; the one flusher owns {@code spare}, {@code channel},
     * {@code segmentStart} and {@code writtenLsn}.
     */
    private final Object flushMonitor = new Object();
    private boolean flushing;
    private ByteWriter spare = new ByteWriter(64 * 1024);
    private SteadyChannel channel;
    private long segmentStart;
    /** The end of what is written to the file; forced up to {@code durableLsn}. */
    private long writtenLsn;
    private volatile long durableLsn;
    private volatile String unusable;

    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    /** Threads inside {@link #sync}: several means commits are arriving together. */
    private final java.util.concurrent.atomic.AtomicInteger syncing = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * How long a flusher waits for more records when other committers are syncing too
     * (PostgreSQL's commit_delay): a few more commits share the force that follows.
     */
    private static final long COMMIT_DELAY_NANOS = 100_000;
    /**
     * How many threads must be syncing for the delay (PostgreSQL's commit_siblings): a lone
     * committer, or one beside a checkpoint's flush, never waits.
     */
    private static final int COMMIT_SIBLINGS = 3;
    private final AtomicLong records = new AtomicLong();

    private WriteAheadLog(Path dir, WalOptions options, SteadyChannel channel, long segmentStart, long endLsn) {
        this.dir = dir;
        this.options = options;
        this.channel = channel;
        this.segmentStart = segmentStart;
        this.plannedSegmentStart = segmentStart;
        this.nextLsn = endLsn;
        this.writtenLsn = endLsn;
        this.durableLsn = endLsn;
    }

    /**
     * Opens the log for appending at {@code endLsn}, the end of the last valid record as found by
     * {@link WalReader#scan}; a torn tail after it is cut off first.
     */
    public static WriteAheadLog open(Path dir, long endLsn, WalOptions options) throws IOException {
        Files.createDirectories(dir);
        List<Segment> segments = WalSegments.list(dir);
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (last == null) {
            SteadyChannel channel = create(dir.resolve(WalSegments.fileName(endLsn)), options);
            if (options.fsync()) {
                WalSegments.syncDirectory(dir);
            }
            return new WriteAheadLog(dir, options, channel, endLsn, endLsn);
        }
        if (endLsn < last.start() || endLsn > last.end()) {
            throw new IllegalArgumentException("log end " + endLsn + " is outside the last segment " + last);
        }
        Path path = last.path();
        SteadyChannel channel = new SteadyChannel(options.opener().open(path, StandardOpenOption.WRITE),
                () -> options.opener().open(path, StandardOpenOption.WRITE));
        try {
            if (channel.size() > endLsn - last.start()) {
                LOG.warn("cutting {} bytes of an incomplete record off the write-ahead log {}",
                        channel.size() - (endLsn - last.start()), last.path());
                channel.truncate(endLsn - last.start());
                channel.force(true);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new WriteAheadLog(dir, options, channel, last.start(), endLsn);
    }

    /** Creates a new segment file; a reopen after an interrupt opens the file made here. */
    private static SteadyChannel create(Path path, WalOptions options) throws IOException {
        FileChannel created = options.opener().open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new SteadyChannel(created, () -> options.opener().open(path, StandardOpenOption.WRITE));
    }

    public Path directory() {
        return dir;
    }

    /** Adds a record to the buffer, returning the LSN just past it; {@link #sync} makes it durable. */
    public long append(byte[] data) {
        return append(data, 0, data.length);
    }

    /** As {@link #append(byte[])}, the record being {@code length} bytes of {@code data} from {@code offset}. */
    public long append(byte[] data, int offset, int length) {
        if (length > WalFormat.MAX_PAYLOAD - WalFormat.LSN_BYTES) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "log record of %d bytes is too large", length);
        }
        long end;
        boolean full;
        synchronized (appendLock) {
            checkUsable();
            long frame = WalFormat.HEADER + WalFormat.LSN_BYTES + (long) length;
            long used = nextLsn - plannedSegmentStart;
            if (used > 0 && used + frame > options.segmentBytes()) {
                rollovers.add(nextLsn);
                plannedSegmentStart = nextLsn;
            }
            int at = pending.size();
            pending.writeInt(WalFormat.LSN_BYTES + length);
            pending.writeInt(0);
            pending.writeLong(nextLsn);
            pending.writeBytes(data, offset, length);
            crc.reset();
            crc.update(pending.array(), at + WalFormat.HEADER, WalFormat.LSN_BYTES + length);
            pending.putInt(at + 4, (int) crc.getValue());
            nextLsn += frame;
            records.incrementAndGet();
            end = nextLsn;
            full = pending.size() >= WRITE_BEHIND_BYTES;
        }
        if (full) {
            writeBehind();
        }
        return end;
    }

    /** Writes the buffer out without forcing it, unless someone is flushing already (and will take it). */
    private void writeBehind() {
        synchronized (flushMonitor) {
            if (flushing || unusable != null) {
                return;
            }
            flushing = true;
        }
        try {
            flushPending(false);
        } finally {
            synchronized (flushMonitor) {
                flushing = false;
                flushMonitor.notifyAll();
            }
        }
    }

    /**
     * Returns once everything up to {@code lsn} is on disk (written, and forced if fsync is on).
     * One caller at a time flushes; the others wait for it and return if its flush covered them,
     * else one of them flushes next, taking everything appended meanwhile. Waiting ignores
     * interrupts: a commit whose record may still become durable must not be reported as failed.
     */
    public void sync(long lsn) {
        boolean interrupted = false;
        syncing.incrementAndGet();
        try {
            while (durableLsn < lsn) {
                synchronized (flushMonitor) {
                    if (durableLsn >= lsn) {
                        return;
                    }
                    checkUsable();
                    if (flushing) {
                        try {
                            flushMonitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                        continue;
                    }
                    flushing = true;
                }
                try {
                    if (syncing.get() >= COMMIT_SIBLINGS) {
                        java.util.concurrent.locks.LockSupport.parkNanos(COMMIT_DELAY_NANOS);
                    }
                    flushPending(true);
                } finally {
                    synchronized (flushMonitor) {
                        flushing = false;
                        flushMonitor.notifyAll();
                    }
                }
            }
        } finally {
            syncing.decrementAndGet();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes everything appended, forcing it if {@code force} (segments ended on the way are always forced). */
    private void flushPending(boolean force) {
        ByteWriter batch;
        long start = writtenLsn;
        long end;
        List<Long> cuts;
        synchronized (appendLock) {
            batch = pending;
            pending = spare;
            end = nextLsn;
            cuts = List.copyOf(rollovers);
            rollovers.clear();
        }
        spare = batch;
        try {
            long position = start;
            int offset = 0;
            for (long cut : cuts) {
                offset = write(batch, offset, cut - position, position);
                force();
                writtenLsn = cut;
                durableLsn = cut;
                position = cut;
                startSegment(cut);
            }
            write(batch, offset, end - position, position);
            writtenLsn = end;
            if (force) {
                force();
                flushes.incrementAndGet();
                durableLsn = end;
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw DbException.of(SqlState.IO_ERROR, "could not write to the write-ahead log in \"%s\": %s", dir, e)
                    .withCause(e);
        } finally {
            batch.reset();
        }
    }

    /** Writes {@code length} bytes of the batch from {@code offset} as the log from {@code lsn} on. */
    private int write(ByteWriter batch, int offset, long length, long lsn) throws IOException {
        channel.writeFully(ByteBuffer.wrap(batch.array(), offset, (int) length), lsn - segmentStart);
        return offset + (int) length;
    }

    private void force() throws IOException {
        if (options.fsync()) {
            channel.force(false);
            forces.incrementAndGet();
        }
    }

    private void startSegment(long start) throws IOException {
        channel.close();
        channel = create(dir.resolve(WalSegments.fileName(start)), options);
        segmentStart = start;
        if (options.fsync()) {
            WalSegments.syncDirectory(dir);
        }
    }

    /** Cuts what the failed write may have left, so it cannot resurface as committed after a restart. */
    private void fail(Throwable cause) {
        unusable = "an earlier write failed: " + cause;
        LOG.error("write-ahead log in {} failed; no more commits until restart", dir, cause);
        try {
            channel.truncate(durableLsn - segmentStart);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not cut the failed write off {}: commits reported as failed may reappear after a "
                    + "restart", dir, e);
        }
    }

    private void checkUsable() {
        String reason = unusable;
        if (reason != null) {
            throw DbException.of(SqlState.IO_ERROR, "the write-ahead log in \"%s\" is unusable: %s", dir, reason);
        }
    }

    /** The end of everything appended, durable or not. */
    public long endLsn() {
        synchronized (appendLock) {
            return nextLsn;
        }
    }

    public long durableLsn() {
        return durableLsn;
    }

    public long forceCount() {
        return forces.get();
    }

    public long flushCount() {
        return flushes.get();
    }

    public long recordCount() {
        return records.get();
    }

    /**
     * Deletes the segments that lie wholly before {@code lsn}. The current segment always stays: a
     * segment with a successor is never appended to again.
     */
    public int deleteSegmentsBefore(long lsn) throws IOException {
        List<Segment> segments = WalSegments.listRaw(dir);
        int deleted = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).start() <= lsn) {
                Files.deleteIfExists(segments.get(i).path());
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Closes the file. Records appended but not synced are dropped: their commits have not
     * returned, so they must not become durable behind their committers' backs.
     */
    @Override
    public void close() throws IOException {
        synchronized (flushMonitor) {
            boolean interrupted = false;
            while (flushing) {
                try {
                    flushMonitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            synchronized (appendLock) {
                if (unusable == null) {
                    unusable = "it has been closed";
                }
                pending.reset();
                rollovers.clear();
            }
            try {
                if (writtenLsn > durableLsn) {
                    // written behind but never synced: no commit among them returned
                    channel.truncate(durableLsn - segmentStart);
                }
            } finally {
                channel.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
