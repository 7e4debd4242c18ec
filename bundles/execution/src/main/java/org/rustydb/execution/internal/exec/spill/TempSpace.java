package org.rustydb.execution.internal.exec.spill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where temporary files go: the storage engine's temporary directory (under its data directory,
 * emptied by the engine when it opens), or for an engine without one a folder of this process
 * under {@code java.io.tmpdir}, {@code rustydb_tmp<pid>}. Folders there of processes that are gone
 * are deleted the first time this process needs one. Files are named as PostgreSQL's,
 * {@code pgsql_tmp<pid>.<n>}.
 */
public final class TempSpace {
    private static final Logger LOG = LoggerFactory.getLogger(TempSpace.class);
    private static final String PROCESS_PREFIX = "rustydb_tmp";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile Path processFolder;

    private TempSpace() {
    }

    /** The directory for a session's temporary files, created if missing. */
    public static Path directory(SessionContext session) {
        return session.storage().temporaryDirectory().orElseGet(TempSpace::processFolder);
    }

    /** Creates a new empty temporary file in {@code dir} (creating the directory if needed). */
    static Path newFile(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.createFile(dir.resolve("pgsql_tmp" + PID + "." + COUNTER.incrementAndGet()));
        } catch (IOException e) {
            throw DbException.of(SqlState.IO_ERROR, "could not create temporary file in \"%s\": %s", dir,
                    e.getMessage()).withCause(e);
        }
    }

    private static Path processFolder() {
        Path folder = processFolder;
        if (folder == null) {
            synchronized (TempSpace.class) {
                folder = processFolder;
                if (folder == null) {
                    Path base = Path.of(System.getProperty("java.io.tmpdir"));
                    removeLeftovers(base);
                    folder = base.resolve(PROCESS_PREFIX + PID);
                    processFolder = folder;
                }
            }
        }
        return folder;
    }

    /** Deletes the folders of earlier processes that no longer run. */
    static void removeLeftovers(Path base) {
        try (Stream<Path> entries = Files.list(base)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(PROCESS_PREFIX) || !Files.isDirectory(p)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name.substring(PROCESS_PREFIX.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != PID && ProcessHandle.of(pid).isEmpty()) {
                    deleteFolder(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not look for leftover temporary files in {}", base, e);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        int deleted = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
                deleted++;
            }
        }
        Files.deleteIfExists(folder);
        if (deleted > 0) {
            LOG.info("deleted {} leftover temporary files in {}", deleted, folder);
        }
    }
}
