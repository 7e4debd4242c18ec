package org.rustydb.storage.paged.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.rustydb.api.DbException;
import org.rustydb.storage.log.internal.files.DirectoryLock;
import org.rustydb.storage.log.internal.wal.WriteAheadLog;
import org.rustydb.storage.paged.internal.buffer.BufferPool;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.log.ControlFile;
import org.rustydb.storage.paged.internal.log.Redo;
import org.rustydb.storage.paged.internal.log.RedoLog;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.xact.XactManager;
import org.rustydb.storage.paged.internal.xact.XactStatusFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a paged database and their life cycle: opening runs crash recovery (redo from the
 * last checkpoint), checkpoints bound recovery time and recycle the log, closing checkpoints.
 *
 * <pre>
 * &lt;dir&gt;/lock         held while open
 * &lt;dir&gt;/control      the last checkpoint: redo pointer, next transaction id, next file id
 * &lt;dir&gt;/wal/         log segments
 * &lt;dir&gt;/base/&lt;n&gt;     page files: 1 the catalog, 2 transaction status, then tables and indexes
 * </pre>
 */
public final class PagedStore implements AutoCloseable {
    public static final int CATALOG_FILE_ID = 1;
    static final int FIRST_USER_FILE_ID = 16;
    private static final Logger LOG = LoggerFactory.getLogger(PagedStore.class);

    private final Path dir;
    private final PagedOptions options;
    private final DirectoryLock lock;
    private final DiskManager disk;
    private final BufferPool pool;
    private final RedoLog log;
    private final XactManager xacts;
    private final HeapFile catalogHeap;
    private final AtomicInteger nextFileId;
    private final Object checkpointLock = new Object();
    private final MemoryBudget memory;
    private final Redo.Result recovery;

    private PagedStore(Path dir, PagedOptions options, DirectoryLock lock, DiskManager disk, BufferPool pool,
                       RedoLog log, XactManager xacts, HeapFile catalogHeap, int nextFileId, MemoryBudget memory,
                       Redo.Result recovery) {
        this.dir = dir;
        this.options = options;
        this.lock = lock;
        this.disk = disk;
        this.pool = pool;
        this.log = log;
        this.xacts = xacts;
        this.catalogHeap = catalogHeap;
        this.nextFileId = new AtomicInteger(nextFileId);
        this.memory = memory;
        this.recovery = recovery;
    }

    /** Opens (creating if empty) and recovers a database directory. 55P03 if in use, XX001 if damaged. */
    public static PagedStore open(Path dir, PagedOptions options) throws IOException {
        long started = System.nanoTime();
        DirectoryLock lock = DirectoryLock.acquire(dir);
        DiskManager disk = null;
        BufferPool pool = null;
        try {
            Path walDir = dir.resolve("wal");
            Files.createDirectories(walDir);
            ControlFile control = ControlFile.read(dir).orElse(new ControlFile(0, 1, FIRST_USER_FILE_ID));
            disk = new DiskManager(dir, options.fsync());
            MemoryBudget memory = new MemoryBudget(options.memoryLimitBytes());
            RedoLog[] logRef = new RedoLog[1];
            pool = new BufferPool(disk, (int) (options.bufferPoolBytes() / 8192), lsn -> {
                if (logRef[0] != null) {
                    logRef[0].flushTo(lsn);
                }
            }, memory);
            BufferPool redoPool = pool;
            Redo.Result redo = Redo.replay(walDir, control.redoPointer(), new Redo.Target() {
                @Override
                public Page pinForRedo(PageId id) {
                    return redoPool.pinForRedo(id);
                }

                @Override
                public boolean wasUnreadable(Page page) {
                    return redoPool.wasUnreadable(page);
                }
            });
            WriteAheadLog wal = WriteAheadLog.open(walDir, redo.endLsn(), options.wal());
            RedoLog log = new RedoLog(wal, control.redoPointer());
            logRef[0] = log;
            long nextXid = Math.max(control.nextXid(), redo.maxXid() + 1);
            int nextFileId = Math.max(control.nextFileId(), redo.maxFileId() + 1);
            XactStatusFile statusFile = new XactStatusFile(pool, log);
            disk.createFile(XactStatusFile.FILE_ID);
            statusFile.load();
            XactManager xacts = new XactManager(statusFile, nextXid);
            HeapFile catalogHeap;
            if (pool.pageCount(CATALOG_FILE_ID) == 0) {
                disk.createFile(CATALOG_FILE_ID);
                catalogHeap = HeapFile.create(pool, log, CATALOG_FILE_ID);
            } else {
                catalogHeap = HeapFile.open(pool, log, CATALOG_FILE_ID);
            }
            PagedStore store = new PagedStore(dir, options, lock, disk, pool, log, xacts, catalogHeap, nextFileId,
                    memory, redo);
            pool.start();
            LOG.info("paged store {} recovered in {} ms: redo from {} replayed {} records ({} page changes), "
                            + "cut {} torn bytes", dir, (System.nanoTime() - started) / 1_000_000,
                    control.redoPointer(), redo.records(), redo.pagesApplied(), redo.tornBytes());
            return store;
        } catch (IOException | RuntimeException e) {
            if (pool != null) {
                pool.discardAll();
            }
            if (disk != null) {
                disk.close();
            }
            lock.close();
            throw e;
        }
    }

    public Path directory() {
        return dir;
    }

    public PagedOptions options() {
        return options;
    }

    public DiskManager disk() {
        return disk;
    }

    public BufferPool pool() {
        return pool;
    }

    public RedoLog log() {
        return log;
    }

    public XactManager xacts() {
        return xacts;
    }

    public HeapFile catalogHeap() {
        return catalogHeap;
    }

    public MemoryBudget memory() {
        return memory;
    }

    public Redo.Result recovery() {
        return recovery;
    }

    public int allocateFileId() {
        return nextFileId.getAndIncrement();
    }

    /** True when enough log was written since the last checkpoint to take the next one. */
    public boolean checkpointDue() {
        return log.endLsn() - log.redoPointer() >= options.checkpointBytes();
    }

    /**
     * A fuzzy checkpoint: moves the redo pointer, writes every page dirtied before it (while
     * others keep working), records the checkpoint in the control file, then recycles the log
     * segments before the redo pointer and deletes the given dropped files, which redo can no
     * longer reach.
     */
    public void checkpoint(Collection<Integer> droppedFiles, Runnable saveHints) throws IOException {
        synchronized (checkpointLock) {
            long started = System.nanoTime();
            long writtenBefore = pool.stats().pagesWritten();
            long redoPointer = log.moveRedoPointer();
            long nextXid = xacts.nextXid();
            int fileId = nextFileId.get();
            pool.flushAll();
            saveHints.run();
            new ControlFile(redoPointer, nextXid, fileId).write(dir, options.fsync());
            int recycled = log.removeSegmentsBefore(redoPointer);
            for (int file : droppedFiles) {
                pool.discardFile(file);
                disk.deleteFile(file);
                Files.deleteIfExists(fsmFile(file));
            }
            LOG.info("checkpoint complete in {} ms: redo pointer {}, {} pages written, {} log segments recycled, "
                            + "{} dropped files deleted", (System.nanoTime() - started) / 1_000_000, redoPointer,
                    pool.stats().pagesWritten() - writtenBefore, recycled, droppedFiles.size());
        }
    }

    private Path fsmFile(int fileId) {
        return dir.resolve("fsm").resolve(Integer.toString(fileId));
    }

    /**
     * Saves a heap's free-space map beside the data. Not logged: it is a hint (an insert re-checks
     * the page it suggests), so a stale or missing one only costs a few page visits.
     */
    public void saveFreeSpaceMap(HeapFile heap) {
        try {
            Files.createDirectories(dir.resolve("fsm"));
            heap.freeSpaceMap().save(fsmFile(heap.fileId()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("free-space map of base/{} not saved", heap.fileId(), e);
        }
    }

    public void loadFreeSpaceMap(HeapFile heap) {
        heap.freeSpaceMap().load(fsmFile(heap.fileId()));
    }

    /** Deletes page files no live table uses (left by transactions that did not commit). */
    /** The folder of the queries' temporary files, as PostgreSQL's pgsql_tmp. */
    public Path temporaryDirectory() {
        return dir.resolve("pgsql_tmp");
    }

    /**
     * Deletes the temporary files queries left when the process ended without closing them: no
     * query runs before the engine is open, and the directory lock keeps other processes out.
     */
    public void clearTemporaryDirectory() {
        Path tmp = temporaryDirectory();
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
                LOG.info("deleted leftover temporary file {}", f.getFileName());
            }
        } catch (IOException e) {
            LOG.warn("could not empty the temporary directory {}", tmp, e);
        }
    }

    public void deleteOrphanFiles(Set<Integer> live) {
        for (int fileId : disk.fileIds()) {
            if (fileId >= FIRST_USER_FILE_ID && !live.contains(fileId)) {
                pool.discardFile(fileId);
                disk.deleteFile(fileId);
                LOG.info("deleted orphan file base/{}", fileId);
            }
        }
    }

    /**
     * Stops at once as a killed process would: cached pages and log records not yet forced are
     * dropped, the files closed, the directory unlocked. For recovery tests.
     */
    public void halt() {
        try {
            pool.discardAll();
            try {
                log.close();
            } catch (IOException e) {
                LOG.debug("closing the log of a halted store", e);
            }
            disk.close();
        } finally {
            lock.close();
        }
    }

    /** Checkpoints and closes the files. Transactions still active can no longer commit. */
    @Override
    public void close() throws IOException {
        try {
            checkpoint(Set.of(), () -> { });
        } catch (IOException | DbException e) {
            LOG.warn("final checkpoint of {} failed; recovery will redo the log", dir, e);
        } finally {
            try {
                pool.close();
                log.close();
                disk.close();
            } finally {
                lock.close();
            }
        }
    }
}
