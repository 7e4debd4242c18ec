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
 * <p>A new segment is a spare file when one is ready ({@link WalSpares}: recycled or prepared in
 * the background, full size). Otherwise the file is extended with zeros a megabyte ahead of the
 * records. Either way a force writes data into blocks the file already has, without the file-size
 * update that makes a force of an appending file cost several times more. The zeros never read as records (a record carries its
 * own position), so a crash leaves them as the clean end of the log; a segment is cut to its last
 * record before the next one is created, and on close.
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
    private final WalSpares spares;

    private final Object appendLock = new Object();
    private final CRC32C crc = new CRC32C();
    private ByteWriter pending = new ByteWriter(64 * 1024);
    private final List<Long> rollovers = new ArrayList<>();
    private long nextLsn;
    private long plannedSegmentStart;

    /** How far ahead of the records a segment file is extended with zeros. */
    private static final int PREALLOCATION_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

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
    /** The length of the current segment file: its records, then zeros. */
    private long allocated;
    /** The end of what is written to the file; forced up to {@code durableLsn}. */
    private long writtenLsn;
    private volatile long durableLsn;
    private volatile String unusable;

    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();

    private WriteAheadLog(Path dir, WalOptions options, SteadyChannel channel, long segmentStart, long endLsn)
            throws IOException {
        this.dir = dir;
        this.spares = WalSpares.open(dir, options);
        this.allocated = channel.size();
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
            long end = endLsn - last.start();
            if (channel.size() > end) {
                if (zerosOnly(path, end)) {
                    LOG.debug("cutting the preallocated end off the write-ahead log {}", last.path());
                } else {
                    // a record torn by a crash, or old records of a recycled segment
                    LOG.info("cutting {} bytes after the last complete record off the write-ahead log {}",
                            channel.size() - end, last.path());
                }
                channel.truncate(end);
                channel.force(true);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new WriteAheadLog(dir, options, channel, last.start(), endLsn);
    }

    /** Whether the file holds nothing but zeros from {@code from} to its end. */
    private static boolean zerosOnly(Path file, long from) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = from;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int read;
            while ((read = channel.read(buffer.clear(), position)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer.get(i) != 0) {
                        return false;
                    }
                }
                position += read;
            }
        }
        return true;
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
                    flushPending(true);
                } finally {
                    synchronized (flushMonitor) {
                        flushing = false;
                        flushMonitor.notifyAll();
                    }
                }
            }
        } finally {
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
                endSegment(cut);
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
        preallocate(lsn - segmentStart + length);
        channel.writeFully(ByteBuffer.wrap(batch.array(), offset, (int) length), lsn - segmentStart);
        return offset + (int) length;
    }

    /** Writes a whole buffer at a position of a file. */
    interface PositionalWrite {
        void writeFully(ByteBuffer src, long position) throws IOException;
    }

    /** Writes zeros over {@code [from, to)} of a file. */
    static void writeZeros(PositionalWrite file, long from, long to) throws IOException {
        for (long position = from; position < to; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), to - position));
            file.writeFully(zeros, position);
            position += zeros.limit();
        }
    }

    /** Extends the segment file with zeros past {@code needed}, up to the segment size, when it is shorter. */
    private void preallocate(long needed) throws IOException {
        if (needed <= allocated) {
            return;
        }
        long target = Math.max(needed, Math.min(options.segmentBytes(), needed + PREALLOCATION_BYTES));
        writeZeros(channel::writeFully, allocated, target);
        allocated = target;
    }

    /** Forces the segment ending at {@code end} and cuts its zeros off, so segments stay contiguous. */
    private void endSegment(long end) throws IOException {
        force();
        if (allocated > end - segmentStart) {
            channel.truncate(end - segmentStart);
            if (options.fsync()) {
                channel.force(true);
            }
            allocated = end - segmentStart;
        }
    }

    private void force() throws IOException {
        if (options.fsync()) {
            channel.force(false);
            forces.incrementAndGet();
        }
    }

    private void startSegment(long start) throws IOException {
        channel.close();
        Path path = dir.resolve(WalSegments.fileName(start));
        if (spares.takeAs(path)) {
            channel = new SteadyChannel(options.opener().open(path, StandardOpenOption.WRITE),
                    () -> options.opener().open(path, StandardOpenOption.WRITE));
            allocated = channel.size();
        } else {
            channel = create(path, options);
            allocated = 0;
        }
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
            allocated = durableLsn - segmentStart;
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
     * Removes the segments that lie wholly before {@code lsn}: kept as spares for the log to write
     * into later (see {@link WalSpares}) while there is room for them, else deleted. The current
     * segment always stays: a segment with a successor is never appended to again.
     */
    public int removeSegmentsBefore(long lsn) throws IOException {
        List<Segment> segments = WalSegments.listRaw(dir);
        int removed = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).start() <= lsn) {
                Path path = segments.get(i).path();
                if (!spares.recycle(path)) {
                    Files.deleteIfExists(path);
                }
                removed++;
            }
        }
        return removed;
    }

    /** Segment files kept ready to write into. */
    public int spareCount() {
        return spares.readyCount();
    }

    /**
     * Closes the file. Records appended but not synced are dropped: their commits have not
     * returned, so they must not become durable behind their committers' backs.
     */
    @Override
    public void close() throws IOException {
        spares.close();
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
                // Cuts what was written behind but never synced (no commit among it returned) and the
                // preallocated zeros, so a closed log ends exactly at its last durable record.
                if (channel.size() > durableLsn - segmentStart) {
                    channel.truncate(durableLsn - segmentStart);
                    if (options.fsync()) {
                        channel.force(true);
                    }
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
