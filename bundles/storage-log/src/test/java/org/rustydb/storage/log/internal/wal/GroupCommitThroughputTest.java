package org.rustydb.storage.log.internal.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits with real fsync, one committer and then sixteen. Prints records per second; asserts
 * only what does not depend on the disk: concurrent committers share forces.
 */
class GroupCommitThroughputTest {
    @TempDir
    Path dir;

    @Test
    void sixteenCommittersShareFsyncs() throws Exception {
        try (WriteAheadLog wal = WriteAheadLogTest.open(dir, new WalOptions(WalOptions.DEFAULT_SEGMENT_BYTES, true))) {
            long started = System.nanoTime();
            WriteAheadLogTest.appendAll(wal, 0, 300);
            double single = rate(300, started);
            assertEquals(300, wal.forceCount(), "a lone committer forces every commit");

            long forcesBefore = wal.forceCount();
            started = System.nanoTime();
            WriteAheadLogTest.runCommitters(wal, 16, 150);
            double sixteen = rate(16 * 150, started);
            long forces = wal.forceCount() - forcesBefore;
            System.out.printf("group commit with fsync: 1 committer %.0f records/s; 16 committers %.0f records/s, "
                    + "%d forces for %d records (%.1f records per force)%n", single, sixteen, forces, 16 * 150,
                    16 * 150.0 / forces);
            assertTrue(forces < 16 * 150 / 2, forces + " forces for " + 16 * 150 + " commits");
        }
    }

    private static double rate(int records, long startedNanos) {
        return records / ((System.nanoTime() - startedNanos) / 1e9);
    }
}
