package org.rustydb.storage.log.internal.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segment files kept ready for the log to write into, as PostgreSQL recycles and preallocates its
 * WAL segments. A spare is full size with its blocks allocated and on disk: writing records over
 * it changes neither the file's size nor its block map, so a commit's force carries only the
 * records. Appending to a fresh file instead makes every force also flush the file's growth (or,
 * with zeros written ahead, the zeros), which measured a third slower for bulk loads.
 *
 * <p>Spares come from two places. Segments that a checkpoint made obsolete are renamed rather than
 * deleted, up to {@link #MAX_SPARES} (cut to their last record, they are up to a record short of
 * full size; the log extends them with zeros as usual). And once the log has needed a new segment,
 * a background thread keeps {@link #PREPARED_AHEAD} zero-filled ones ready. A small database that never fills its
 * first segment gets none, so it costs no extra disk.
 *
 * <p>A spare may hold old records. They never read as records of their new position: a record
 * carries its own LSN, and the reader takes anything else as the end of the log.
 */
final class WalSpares implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalSpares.class);
    private static final Pattern NAME = Pattern.compile("spare-([0-9a-f]{16})\\.spare");
    private static final String PREPARING_SUFFIX = ".preparing";
    static final int MAX_SPARES = 8;
    static final int PREPARED_AHEAD = 2;

    private final Path dir;
    private final WalOptions options;
    private final Deque<Path> ready = new ArrayDeque<>();
    private long nextNumber;
    private boolean preparing;
    private boolean closed;
    private Thread preparer;

    private WalSpares(Path dir, WalOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /** The spares of a log directory; a spare a crash left half prepared is deleted. */
    static WalSpares open(Path dir, WalOptions options) throws IOException {
        WalSpares spares = new WalSpares(dir, options);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                Matcher m = NAME.matcher(name);
                if (name.endsWith(PREPARING_SUFFIX)) {
                    Files.deleteIfExists(path);
                } else if (m.matches()) {
                    long number = Long.parseUnsignedLong(m.group(1), 16);
                    if (Files.size(path) <= options.segmentBytes()) {
                        spares.ready.add(path);
                        spares.nextNumber = Math.max(spares.nextNumber, number + 1);
                    } else {
                        Files.deleteIfExists(path); // made with another segment size
                    }
                }
            }
        }
        return spares;
    }

    /**
     * Renames a ready spare to {@code target} and returns true, or returns false if none is ready.
     * Either way the background thread is asked to keep spares coming, since the log is growing.
     */
    synchronized boolean takeAs(Path target) throws IOException {
        Path spare = ready.poll();
        prepareMore();
        if (spare == null) {
            return false;
        }
        Files.move(spare, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Keeps an obsolete segment as a spare if there is room for one; false if it should be deleted. */
    synchronized boolean recycle(Path segment) throws IOException {
        // an ended segment is cut to its last record, a little short of full size
        if (closed || ready.size() >= MAX_SPARES || Files.size(segment) > options.segmentBytes()) {
            return false;
        }
        Path spare = spareName();
        Files.move(segment, spare, StandardCopyOption.ATOMIC_MOVE);
        ready.add(spare);
        return true;
    }

    synchronized int readyCount() {
        return ready.size();
    }

    private Path spareName() {
        return dir.resolve(String.format(Locale.ROOT, "spare-%016x.spare", nextNumber++));
    }

    private void prepareMore() {
        if (closed || preparing || ready.size() >= PREPARED_AHEAD) {
            return;
        }
        preparing = true;
        preparer = new Thread(this::prepareWhileShort, "rustydb-wal-spares");
        preparer.setDaemon(true);
        preparer.start();
    }

    private void prepareWhileShort() {
        try {
            while (true) {
                Path spare;
                synchronized (this) {
                    if (closed || ready.size() >= PREPARED_AHEAD) {
                        return;
                    }
                    spare = spareName();
                }
                Path preparing = spare.resolveSibling(spare.getFileName() + PREPARING_SUFFIX);
                writeZeros(preparing);
                synchronized (this) {
                    if (closed) {
                        Files.deleteIfExists(preparing);
                        return;
                    }
                    Files.move(preparing, spare, StandardCopyOption.ATOMIC_MOVE);
                    ready.add(spare);
                }
            }
        } catch (IOException | RuntimeException e) {
            // only a lost optimisation: the log creates its segments itself
            LOG.warn("could not prepare a write-ahead log segment in {}", dir, e);
        } finally {
            synchronized (this) {
                preparing = false;
                notifyAll();
            }
        }
    }

    /** Writes a full segment of zeros and forces it; the thread is never interrupted. */
    private void writeZeros(Path file) throws IOException {
        try (FileChannel channel = options.opener().open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteAheadLog.writeZeros((zeros, at) -> {
                for (long p = at; zeros.hasRemaining(); ) {
                    p += channel.write(zeros, p);
                }
            }, 0, options.segmentBytes());
            if (options.fsync()) {
                channel.force(true);
            }
        }
    }

    /** Stops the background thread; the spares stay for the next open. */
    @Override
    public synchronized void close() {
        closed = true;
        boolean interrupted = false;
        while (preparing) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
