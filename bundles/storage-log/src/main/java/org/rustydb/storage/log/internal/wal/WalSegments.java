package org.rustydb.storage.log.internal.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.files.SteadyChannel;

/**
 * The segment files of a log directory. A segment is named by the LSN of its first byte as 16
 * hex digits; segments are contiguous: each one ends where the next begins.
 */
public final class WalSegments {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})\\.wal");

    /**
     * One segment file.
     *
     * @param start the LSN of its first byte
     * @param size  its length when listed
     */
    public record Segment(long start, Path path, long size) {
        public long end() {
            return start + size;
        }
    }

    private WalSegments() {
    }

    public static String fileName(long startLsn) {
        return String.format(Locale.ROOT, "%016x.wal", startLsn);
    }

    /** Segments ordered by start, without checking that they fit together. */
    public static List<Segment> listRaw(Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(path.getFileName().toString());
                if (m.matches()) {
                    segments.add(new Segment(Long.parseUnsignedLong(m.group(1), 16), path, Files.size(path)));
                }
            }
        }
        segments.sort(Comparator.comparingLong(Segment::start));
        return segments;
    }

    /**
     * Segments ordered by start; XX001 when one is missing or a segment other than the last does
     * not end exactly where the next begins (a segment is forced whole before the next is made).
     */
    public static List<Segment> list(Path dir) throws IOException {
        List<Segment> segments = listRaw(dir);
        for (int i = 0; i + 1 < segments.size(); i++) {
            Segment s = segments.get(i);
            long next = segments.get(i + 1).start();
            if (s.end() < next) {
                throw DbException.of(SqlState.DATA_CORRUPTED,
                        "write-ahead log is missing bytes %d to %d: segment \"%s\" ends before the next one starts",
                        s.end(), next, s.path());
            }
            if (s.end() > next) {
                throw DbException.of(SqlState.DATA_CORRUPTED,
                        "write-ahead log segment \"%s\" has unexpected bytes at offset %d", s.path(), next - s.start());
            }
        }
        return segments;
    }

    /** Makes created, renamed or deleted directory entries durable. */
    public static void syncDirectory(Path dir) throws IOException {
        SteadyChannel.uninterrupted(() -> {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
            return null;
        });
    }
}
