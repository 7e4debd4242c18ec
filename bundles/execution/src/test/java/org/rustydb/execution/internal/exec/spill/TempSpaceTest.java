package org.rustydb.execution.internal.exec.spill;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of temporary files under java.io.tmpdir are removed once their process is gone, never before. */
class TempSpaceTest {

    @Test
    void foldersOfEndedProcessesAreRemoved(@TempDir Path base) throws IOException {
        long dead = findDeadPid();
        Path gone = Files.createDirectories(base.resolve("rustydb_tmp" + dead));
        Files.writeString(gone.resolve("pgsql_tmp" + dead + ".1"), "rows");
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        Path running = Files.createDirectories(base.resolve("rustydb_tmp" + live));
        Path unrelated = Files.createDirectories(base.resolve("rustydb_tmpnotapid"));
        TempSpace.removeLeftovers(base);
        assertFalse(Files.exists(gone));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(unrelated));
    }

    private static long findDeadPid() {
        for (long pid = 4_000_000; ; pid++) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
