package org.rustydb.storage.log.internal.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Keeps a second storage engine (in this process or another) off a data directory: an OS file
 * lock on {@code <dir>/lock}, released when closed or when the process dies, even by kill -9.
 */
public final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (created if missing); 55P03 if another engine holds it. */
    public static DirectoryLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "data directory \"%s\" is in use by another storage engine",
                    dir);
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
