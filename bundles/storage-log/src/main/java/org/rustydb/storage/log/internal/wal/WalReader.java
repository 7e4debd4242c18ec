package org.rustydb.storage.log.internal.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.wal.WalSegments.Segment;

/**
 * Reads records back. The log may end in a torn record (a crash while it was being written; its
 * commit never returned): that is the clean end of the log. Anything else that does not read back
 * is corruption, reported as XX001 with the file and offset, never skipped.
 */
public final class WalReader {
    private static final int WINDOW = 1 << 20;

    /**
     * Where a full scan ended.
     *
     * @param endLsn    the end of the last valid record: where appending continues
     * @param tornBytes bytes after it in the last segment, to be cut off
     * @param records   how many records were read
     */
    public record ScanResult(long endLsn, long tornBytes, long records) {
    }

    private WalReader() {
    }

    /** Reads the records in [from, to); anything but complete, valid records up to {@code to} is XX001. */
    public static long read(Path dir, long from, long to, Consumer<WalRecord> consumer) throws IOException {
        ScanResult result = scan(WalSegments.list(dir), from, to, consumer);
        if (result.endLsn() != to) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "write-ahead log ends at %d, expected records up to %d",
                    result.endLsn(), to);
        }
        return result.records();
    }

    /**
     * Reads every record from {@code from} to the end of the log, which may be torn. XX001 if the
     * log does not reach back to {@code from}, or for a bad record followed by a valid one.
     */
    public static ScanResult scan(Path dir, long from, Consumer<WalRecord> consumer) throws IOException {
        return scan(WalSegments.list(dir), from, Long.MAX_VALUE, consumer);
    }

    private static ScanResult scan(List<Segment> segments, long from, long to, Consumer<WalRecord> consumer)
            throws IOException {
        if (segments.isEmpty()) {
            if (from == 0) {
                return new ScanResult(0, 0, 0);
            }
            throw DbException.of(SqlState.DATA_CORRUPTED, "write-ahead log is missing: no segment holds position %d",
                    from);
        }
        Segment first = segments.get(0);
        Segment last = segments.get(segments.size() - 1);
        if (from < first.start() || from > last.end()) {
            throw DbException.of(SqlState.DATA_CORRUPTED,
                    "write-ahead log covers positions %d to %d, position %d is missing", first.start(), last.end(),
                    from);
        }
        long records = 0;
        long lsn = from;
        for (Segment segment : segments) {
            if (lsn >= to) {
                break;
            }
            if (segment.end() <= lsn && segment != last) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
                SegmentScan scan = new SegmentScan(channel, segment, segment == last);
                long offset = lsn - segment.start();
                while (lsn < to) {
                    WalRecord record = scan.next(offset);
                    if (record == null) {
                        break;
                    }
                    consumer.accept(record);
                    records++;
                    offset += record.endLsn() - record.lsn();
                    lsn = record.endLsn();
                }
                if (scan.tornBytes > 0) {
                    return new ScanResult(lsn, scan.tornBytes, records);
                }
            }
        }
        return new ScanResult(lsn, 0, records);
    }

    /** Sequential reads of one segment through a window, so small records cost no system call each. */
    private static final class SegmentScan {
        private final FileChannel channel;
        private final Segment segment;
        private final boolean last;
        private final long size;
        private byte[] window = new byte[0];
        private long windowStart;
        private long tornBytes;

        SegmentScan(FileChannel channel, Segment segment, boolean last) throws IOException {
            this.channel = channel;
            this.segment = segment;
            this.last = last;
            // The last segment may grow while a checkpoint reads it; only bytes present now count.
            this.size = last ? channel.size() : segment.size();
        }

        /** The record at {@code offset}, or null at the end of the segment (clean or torn). */
        WalRecord next(long offset) throws IOException {
            if (offset >= size) {
                return null;
            }
            long lsn = segment.start() + offset;
            int headerLength = WalFormat.HEADER + WalFormat.LSN_BYTES;
            if (size - offset >= headerLength) {
                load(offset, headerLength);
                int at = (int) (offset - windowStart);
                long length = WalFormat.getInt(window, at);
                if (length >= WalFormat.LSN_BYTES && length <= size - offset - WalFormat.HEADER) {
                    load(offset, (int) (WalFormat.HEADER + length));
                    at = (int) (offset - windowStart);
                    int frame = WalFormat.validFrame(window, at, (int) Math.min(Integer.MAX_VALUE,
                            windowStart + window.length - offset), lsn);
                    if (frame > 0) {
                        byte[] payload = Arrays.copyOfRange(window, at + headerLength, at + frame);
                        return new WalRecord(lsn, lsn + frame, payload, segment.path(), offset);
                    }
                }
            }
            return badRecord(offset);
        }

        private WalRecord badRecord(long offset) throws IOException {
            if (!last) {
                throw corrupt(offset, "a record does not read back and later segments exist");
            }
            // A crash tears only the end of the log. A valid record anywhere after the bad one
            // means the bad one was once complete: that is damage, not a torn write.
            long length = size - offset;
            if (length > WalFormat.MAX_PAYLOAD) {
                throw corrupt(offset, "the damaged tail is too long to be a torn write");
            }
            byte[] tail = new byte[(int) length];
            readFully(offset, tail, 0, tail.length);
            for (int i = 1; i < tail.length; i++) {
                if (WalFormat.validFrame(tail, i, tail.length - i, segment.start() + offset + i) > 0) {
                    throw corrupt(offset, "a valid record follows at offset " + (offset + i));
                }
            }
            tornBytes = length;
            return null;
        }

        private DbException corrupt(long offset, String why) {
            return DbException.of(SqlState.DATA_CORRUPTED, "corrupt write-ahead log record in file \"%s\" at offset %d",
                    segment.path(), offset).withDetail(why + ".");
        }

        private void load(long offset, int length) throws IOException {
            if (offset >= windowStart && offset + length <= windowStart + window.length) {
                return;
            }
            int wanted = (int) Math.min(size - offset, Math.max(WINDOW, length));
            if (window.length != wanted) {
                window = new byte[wanted];
            }
            readFully(offset, window, 0, wanted);
            windowStart = offset;
        }

        private void readFully(long position, byte[] dst, int off, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(dst, off, length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position() - off) < 0) {
                    throw corrupt(position, "the file is shorter than listed");
                }
            }
        }
    }
}
