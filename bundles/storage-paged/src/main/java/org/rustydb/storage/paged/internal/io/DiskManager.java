package org.rustydb.storage.paged.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.files.SteadyChannel;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * The page files of a database directory: {@code <dir>/base/<fileId>}, each an array of 8 KiB
 * pages. Only the buffer pool reads and writes pages; the catalog creates and deletes files.
 *
 * <p>A page past the end of a file reads as zeros (a never-written page), and so does a trailing
 * partial page left by a crash in the middle of extending the file: {@link #pageCount} ignores it
 * and the next write of that page overwrites it. Channels stay open, opened on first use.
 * {@link #sync} forces only files written since their last sync; with fsync off (tests only)
 * nothing is forced.
 *
 * <p>Errors are {@code DbException} 58030 naming the file, like PostgreSQL's
 * {@code could not read block 7 in file "base/16385": ...}. A failed fsync is reported with
 * severity PANIC: the kernel may have dropped the dirty data, so retrying it would lie.
 *
 * <p>Threading: safe for concurrent use; reads and writes of different pages run in parallel.
 * Files are {@link SteadyChannel}s: a reader or writer interrupted during its I/O neither fails
 * nor closes the file for the others.
 */
public final class DiskManager implements AutoCloseable {

    private final Path baseDir;
    private final boolean fsync;
    private final ConcurrentHashMap<Integer, SteadyChannel> channels = new ConcurrentHashMap<>();
    /** Files written since their last sync. */
    private final Set<Integer> unsynced = ConcurrentHashMap.newKeySet();
    /** Page I/O takes the read side; creating, deleting and closing take the write side. */
    private final ReentrantReadWriteLock filesLock = new ReentrantReadWriteLock();
    private volatile boolean directoryChanged;
    private volatile boolean closed;

    /**
     * @param dir   the database directory; {@code dir/base} is created if missing
     * @param fsync whether {@link #sync} really forces data to disk (false only in tests)
     */
    public DiskManager(Path dir, boolean fsync) {
        this.baseDir = dir.resolve("base");
        this.fsync = fsync;
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw DbException.of(SqlState.IO_ERROR, "could not create directory \"%s\": %s", baseDir, reason(e)).withCause(e);
        }
    }

    /** Creates an empty page file; an existing file is left as it is. */
    public void createFile(int fileId) {
        checkFileId(fileId);
        filesLock.writeLock().lock();
        try {
            checkOpen();
            if (channels.containsKey(fileId)) {
                return;
            }
            try {
                Files.createFile(path(fileId));
                directoryChanged = true;
            } catch (FileAlreadyExistsException e) {
                // idempotent: recovery and retries may create a file twice
            } catch (IOException e) {
                throw DbException.of(SqlState.IO_ERROR, "could not create file \"%s\": %s", name(fileId), reason(e))
                        .withCause(e);
            }
        } finally {
            filesLock.writeLock().unlock();
        }
    }

    /** Deletes a page file, if it exists. Its cached pages must have been discarded first. */
    public void deleteFile(int fileId) {
        checkFileId(fileId);
        filesLock.writeLock().lock();
        try {
            checkOpen();
            SteadyChannel channel = channels.remove(fileId);
            unsynced.remove(fileId);
            closeQuietly(channel);
            if (Files.deleteIfExists(path(fileId))) {
                directoryChanged = true;
            }
        } catch (IOException e) {
            throw DbException.of(SqlState.IO_ERROR, "could not remove file \"%s\": %s", name(fileId), reason(e)).withCause(e);
        } finally {
            filesLock.writeLock().unlock();
        }
    }

    public boolean exists(int fileId) {
        checkFileId(fileId);
        return channels.containsKey(fileId) || Files.isRegularFile(path(fileId));
    }

    /** Whole pages in the file (0 if it does not exist); a trailing partial page is not counted. */
    public int pageCount(int fileId) {
        checkFileId(fileId);
        filesLock.readLock().lock();
        try {
            checkOpen();
            if (!exists(fileId)) {
                return 0;
            }
            return (int) (channel(fileId, "could not open file \"%s\": %s").size() / PageLayout.PAGE_SIZE);
        } catch (IOException e) {
            throw DbException.of(SqlState.IO_ERROR, "could not seek to end of file \"%s\": %s", name(fileId), reason(e))
                    .withCause(e);
        } finally {
            filesLock.readLock().unlock();
        }
    }

    /**
     * Reads a page into {@code dst[0, PAGE_SIZE)} (absolute: dst's position and limit are not
     * used or changed). A page past the end of the file, or cut short by it, reads as zeros.
     */
    public void read(PageId id, ByteBuffer dst) {
        readRun(id.fileId(), id.pageNo(), 1, new ByteBuffer[] {dst});
    }

    /**
     * Reads {@code count} consecutive pages with one positional read, page {@code firstPage + i}
     * into {@code dsts[i]} (absolute, as {@link #read}); pages past the end read as zeros.
     *
     * @return how many of the pages were actually in the file
     */
    public int readRun(int fileId, int firstPage, int count, ByteBuffer[] dsts) {
        checkFileId(fileId);
        checkPageNo(firstPage);
        if (count < 0 || count > dsts.length) {
            throw new IllegalArgumentException("bad read-ahead count " + count + " for " + dsts.length + " buffers");
        }
        ByteBuffer buf = count == 1 ? dsts[0].duplicate().clear() : ByteBuffer.allocate(count * PageLayout.PAGE_SIZE);
        buf.limit(count * PageLayout.PAGE_SIZE);
        long position = (long) firstPage * PageLayout.PAGE_SIZE;
        filesLock.readLock().lock();
        try {
            checkOpen();
            SteadyChannel channel = channel(fileId, "could not open file \"%s\": %s");
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + buf.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw ioFailure(e, "could not read block %d in file \"%s\": %s", firstPage, fileId);
        } finally {
            filesLock.readLock().unlock();
        }
        int whole = buf.position() / PageLayout.PAGE_SIZE;
        for (int i = 0; i < count; i++) {
            ByteBuffer dst = dsts[i];
            if (i < whole) {
                if (count > 1) {
                    dst.put(0, buf, i * PageLayout.PAGE_SIZE, PageLayout.PAGE_SIZE);
                }
            } else {
                for (int off = 0; off < PageLayout.PAGE_SIZE; off += 8) {
                    dst.putLong(off, 0L);
                }
            }
        }
        return whole;
    }

    /**
     * Writes {@code src[0, PAGE_SIZE)} (absolute) as the page, extending the file if needed (a gap
     * before the page reads as zero pages). Durable only after {@link #sync}.
     */
    public void write(PageId id, ByteBuffer src) {
        int fileId = id.fileId();
        checkFileId(fileId);
        checkPageNo(id.pageNo());
        ByteBuffer buf = src.duplicate().clear();
        buf.limit(PageLayout.PAGE_SIZE);
        long position = (long) id.pageNo() * PageLayout.PAGE_SIZE;
        filesLock.readLock().lock();
        try {
            checkOpen();
            channel(fileId, "could not open file \"%s\": %s").writeFully(buf, position);
            unsynced.add(fileId);
        } catch (IOException e) {
            throw ioFailure(e, "could not write block %d in file \"%s\": %s", id.pageNo(), fileId);
        } finally {
            filesLock.readLock().unlock();
        }
    }

    /** Makes the file's writes durable (and the directory, after files were created or deleted). */
    public void sync(int fileId) {
        checkFileId(fileId);
        filesLock.readLock().lock();
        try {
            checkOpen();
            syncDirectoryIfChanged();
            syncOne(fileId);
        } finally {
            filesLock.readLock().unlock();
        }
    }

    /** {@link #sync} for every file written since its last sync. */
    public void syncAll() {
        filesLock.readLock().lock();
        try {
            checkOpen();
            syncDirectoryIfChanged();
            for (Integer fileId : List.copyOf(unsynced)) {
                syncOne(fileId);
            }
        } finally {
            filesLock.readLock().unlock();
        }
    }

    /** The ids of the page files in the directory, ascending. */
    public List<Integer> fileIds() {
        List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(baseDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.isEmpty() && name.length() <= 10 && name.chars().allMatch(Character::isDigit)) {
                    long id = Long.parseLong(name);
                    if (id <= Integer.MAX_VALUE) {
                        ids.add((int) id);
                    }
                }
            }
        } catch (IOException e) {
            throw DbException.of(SqlState.IO_ERROR, "could not open directory \"base\": %s", reason(e)).withCause(e);
        }
        Collections.sort(ids);
        return ids;
    }

    /** Syncs what was written (when fsync is on) and closes every file. Idempotent. */
    @Override
    public void close() {
        filesLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            try {
                syncDirectoryIfChanged();
                for (Integer fileId : List.copyOf(unsynced)) {
                    syncOne(fileId);
                }
            } finally {
                closed = true;
                channels.values().forEach(DiskManager::closeQuietly);
                channels.clear();
            }
        } finally {
            filesLock.writeLock().unlock();
        }
    }

    private void syncOne(int fileId) {
        if (!unsynced.remove(fileId)) {
            return;
        }
        if (!fsync) {
            return;
        }
        try {
            // any open channel will do: fsync works on the file, not on the descriptor that wrote
            channel(fileId, "could not open file \"%s\": %s").force(false);
        } catch (IOException e) {
            throw DbException.of(SqlState.IO_ERROR, "could not fsync file \"%s\": %s", name(fileId), reason(e))
                    .withSeverity(DbException.Severity.PANIC).withCause(e);
        }
    }

    private void syncDirectoryIfChanged() {
        if (!fsync || !directoryChanged) {
            return;
        }
        directoryChanged = false;
        try {
            SteadyChannel.uninterrupted(() -> {
                try (FileChannel dir = FileChannel.open(baseDir, StandardOpenOption.READ)) {
                    dir.force(true);
                }
                return null;
            });
        } catch (IOException e) {
            directoryChanged = true;
            throw DbException.of(SqlState.IO_ERROR, "could not fsync directory \"base\": %s", reason(e)).withCause(e);
        }
    }

    /** The open channel of a file, opened on first use. */
    private SteadyChannel channel(int fileId, String openError) {
        SteadyChannel channel = channels.get(fileId);
        if (channel != null) {
            return channel;
        }
        try {
            return channels.computeIfAbsent(fileId, id -> {
                Path path = path(id);
                try {
                    return new SteadyChannel(open(path), () -> open(path));
                } catch (IOException e) {
                    throw new OpenFailure(e);
                }
            });
        } catch (OpenFailure e) {
            IOException cause = (IOException) e.getCause();
            throw DbException.of(SqlState.IO_ERROR, openError, name(fileId), reason(cause)).withCause(cause);
        }
    }

    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private DbException ioFailure(IOException e, String format, int pageNo, int fileId) {
        return DbException.of(SqlState.IO_ERROR, format, pageNo, name(fileId), reason(e)).withCause(e);
    }

    private Path path(int fileId) {
        return baseDir.resolve(Integer.toString(fileId));
    }

    private static String name(int fileId) {
        return "base/" + fileId;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("disk manager is closed");
        }
    }

    private static void checkFileId(int fileId) {
        if (fileId < 0) {
            throw new IllegalArgumentException("negative file id " + fileId);
        }
    }

    private static void checkPageNo(int pageNo) {
        if (pageNo < 0) {
            throw new IllegalArgumentException("negative page number " + pageNo);
        }
    }

    private static void closeQuietly(SteadyChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a page file: nothing is lost, the data was synced or will be redone
            }
        }
    }

    /** Carries an IOException out of {@code ConcurrentHashMap.compute}. */
    private static final class OpenFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OpenFailure(IOException cause) {
            super(cause);
        }
    }
}
