package org.rustydb.storage.memory.internal.durable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.wal.WalReader;
import org.rustydb.storage.log.internal.wal.WalRecord;
import org.rustydb.storage.log.internal.wal.WalSegments;
import org.rustydb.storage.log.internal.wal.WalSegments.Segment;
import org.rustydb.storage.log.internal.files.DirectoryLock;
import org.rustydb.storage.log.internal.wal.WriteAheadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a durable memory engine: {@code lock}, {@code snapshot-<lsn>.dat} and
 * {@code wal/<lsn>.wal}. Opening recovers the committed state; {@link #commit} logs one
 * transaction and returns once it is durable. Snapshots are built in the background from the
 * previous snapshot plus the log, never from the live tables (which hold uncommitted changes).
 * Two generations are kept, the newest and the one it was built from, with the log since the
 * older one, so a damaged newest snapshot still recovers everything.
 */
public final class DurableStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableStore.class);

    /**
     * What recovery did.
     *
     * @param snapshotLsn the position of the snapshot it started from (0: none)
     * @param records     log records replayed after it
     * @param endLsn      where the log continues
     * @param tornBytes   bytes of an incomplete last record cut off
     * @param millis      how long it took
     */
    public record RecoveryInfo(long snapshotLsn, long records, long endLsn, long tornBytes, long millis) {
    }

    private record Base(long lsn, DatabaseImage image) {
    }

    private final Path dir;
    private final Path walDir;
    private final DurabilityOptions options;
    private final DirectoryLock lock;
    private final WriteAheadLog wal;
    private final RecoveryInfo recoveryInfo;
    private DatabaseImage recovered;

    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Set under the write lock of {@code lifecycle}; volatile for the checkpoint thread. */
    private volatile boolean closed;
    private final ExecutorService checkpointer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rustydb-memory-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private final Object checkpointLock = new Object();
    private volatile long snapshotLsn;

    private DurableStore(Path dir, DurabilityOptions options, DirectoryLock lock,
                         WriteAheadLog wal, DatabaseImage recovered, RecoveryInfo info) {
        this.dir = dir;
        this.walDir = wal.directory();
        this.options = options;
        this.lock = lock;
        this.wal = wal;
        this.recovered = recovered;
        this.recoveryInfo = info;
        this.snapshotLsn = info.snapshotLsn();
    }

    /** Locks the directory and recovers; 55P03 if another engine has it open, XX001 if damaged. */
    public static DurableStore open(Path dir, DurabilityOptions options) {
        long started = System.nanoTime();
        DirectoryLock lock = null;
        try {
            lock = DirectoryLock.acquire(dir);
            Path walDir = dir.resolve("wal");
            Files.createDirectories(walDir);
            SnapshotFile.deleteTemporaryFiles(dir);
            Base base = loadBase(dir, walDir, Long.MAX_VALUE);
            WalReader.ScanResult scan = WalReader.scan(walDir, base.lsn(), record -> replay(base.image(), record));
            WriteAheadLog wal = WriteAheadLog.open(walDir, scan.endLsn(), options.wal());
            RecoveryInfo info = new RecoveryInfo(base.lsn(), scan.records(), scan.endLsn(), scan.tornBytes(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            LOG.info("memory store {} recovered in {} ms: snapshot at {} plus {} log records, {} tables, {} rows",
                    dir, info.millis(), base.lsn(), scan.records(), base.image().tables().size(),
                    base.image().rowCount());
            return new DurableStore(dir, options, lock, wal, base.image(), info);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            if (e instanceof DbException db) {
                throw db;
            }
            if (e instanceof IOException) {
                throw DbException.of(SqlState.IO_ERROR, "could not open the data directory \"%s\": %s", dir, e)
                        .withCause(e);
            }
            throw (RuntimeException) e;
        }
    }

    private static void replay(DatabaseImage image, WalRecord record) {
        try {
            image.apply(RedoCodec.decode(record.payload()).ops());
        } catch (CorruptDataException e) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "corrupt write-ahead log record in file \"%s\" at offset %d",
                    record.segment(), record.offset()).withDetail(e.getMessage() + ".");
        }
    }

    /**
     * The newest readable snapshot at or before {@code maxLsn} whose log is still there, or an
     * empty image at 0 when the log starts at 0.
     */
    private static Base loadBase(Path dir, Path walDir, long maxLsn) throws IOException {
        List<Segment> segments = WalSegments.list(walDir);
        long logStart = segments.isEmpty() ? 0 : segments.get(0).start();
        long logEnd = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
        for (SnapshotFile.Info snapshot : SnapshotFile.list(dir)) {
            if (snapshot.lsn() > maxLsn) {
                continue;
            }
            if (snapshot.lsn() > logEnd) {
                throw DbException.of(SqlState.DATA_CORRUPTED,
                        "the write-ahead log in \"%s\" ends at %d, before snapshot \"%s\"", walDir, logEnd,
                        snapshot.path());
            }
            if (snapshot.lsn() < logStart) {
                continue; // its log was removed when a newer snapshot took over
            }
            try {
                return new Base(snapshot.lsn(), SnapshotFile.read(snapshot.path(), snapshot.lsn()));
            } catch (CorruptDataException e) {
                LOG.warn("snapshot {} is damaged ({}); falling back to an older one", snapshot.path(), e.getMessage());
            }
        }
        if (logStart != 0) {
            throw DbException.of(SqlState.DATA_CORRUPTED,
                    "no usable snapshot in \"%s\" and the write-ahead log before position %d is gone", dir, logStart);
        }
        return new Base(0, new DatabaseImage());
    }

    /** The recovered state, once; the engine turns it into tables and the store forgets it. */
    public synchronized DatabaseImage takeRecoveredImage() {
        DatabaseImage image = recovered;
        recovered = null;
        if (image == null) {
            throw new IllegalStateException("the recovered image was taken already");
        }
        return image;
    }

    public RecoveryInfo recoveryInfo() {
        return recoveryInfo;
    }

    public Path directory() {
        return dir;
    }

    public WriteAheadLog wal() {
        return wal;
    }

    public long snapshotLsn() {
        return snapshotLsn;
    }

    /** Logs one committed transaction and returns once the record is durable. */
    public void commit(long txnId, List<RedoOp> ops) {
        byte[] payload = RedoCodec.encode(txnId, ops);
        long end;
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw DbException.of(SqlState.CANNOT_CONNECT_NOW, "the memory storage engine has been shut down");
            }
            end = wal.append(payload);
            wal.sync(end);
        } finally {
            lifecycle.readLock().unlock();
        }
        if (end - snapshotLsn >= options.checkpointBytes() && checkpointQueued.compareAndSet(false, true)) {
            try {
                checkpointer.execute(this::backgroundCheckpoint);
            } catch (RejectedExecutionException e) {
                checkpointQueued.set(false);
            }
        }
    }

    private void backgroundCheckpoint() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            if (closed) {
                LOG.debug("checkpoint of {} stopped by close", dir, e);
            } else {
                LOG.warn("checkpoint of {} failed; the log keeps growing until one succeeds", dir, e);
            }
        } finally {
            checkpointQueued.set(false);
        }
    }

    /**
     * Writes a snapshot of everything durable now, then drops the files it makes unneeded.
     * Returns its position, or -1 when nothing was logged since the last one.
     */
    public long checkpoint() throws IOException {
        synchronized (checkpointLock) {
            long target = wal.durableLsn();
            if (target <= snapshotLsn) {
                return -1;
            }
            long started = System.nanoTime();
            Base base = loadBase(dir, walDir, target);
            long records = WalReader.read(walDir, base.lsn(), target, record -> replay(base.image(), record));
            SnapshotFile.write(dir, target, base.image(), options.fsync());
            for (SnapshotFile.Info old : SnapshotFile.list(dir)) {
                if (old.lsn() != target && old.lsn() != base.lsn()) {
                    Files.deleteIfExists(old.path());
                }
            }
            int segments = wal.removeSegmentsBefore(base.lsn());
            snapshotLsn = target;
            LOG.info("checkpoint of {} at {}: {} log records applied to the snapshot at {}, {} segments removed, {} ms",
                    dir, target, records, base.lsn(), segments,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return target;
        }
    }

    /** Stops: waits for commits in flight and a running checkpoint, writes a final snapshot, closes. */
    @Override
    public void close() {
        if (!markClosed()) {
            return;
        }
        checkpointer.shutdown();
        awaitCheckpointer();
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.error("final snapshot of {} failed; the next start replays the log instead", dir, e);
        }
        closeFiles();
    }

    /** Stops at once as a killed process would: no snapshot, the files just closed. */
    public void halt() {
        if (!markClosed()) {
            return;
        }
        checkpointer.shutdownNow();
        awaitCheckpointer();
        closeFiles();
    }

    private boolean markClosed() {
        lifecycle.writeLock().lock();
        try {
            boolean wasOpen = !closed;
            closed = true;
            return wasOpen;
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void awaitCheckpointer() {
        try {
            if (!checkpointer.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.error("checkpoint of {} still running after 10 minutes; closing anyway", dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeFiles() {
        try {
            wal.close();
        } catch (IOException e) {
            LOG.warn("closing the write-ahead log of {} failed", dir, e);
        }
        lock.close();
    }
}
