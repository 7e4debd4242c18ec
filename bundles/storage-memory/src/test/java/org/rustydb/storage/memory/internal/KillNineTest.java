package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Kills a writing process with SIGKILL at random moments (mid-commit, mid-checkpoint) and checks
 * after each kill that every acknowledged commit is there, each transaction whole or absent.
 */
class KillNineTest {
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveKillNine() throws Exception {
        Random random = new Random();
        Map<Integer, Long> acked = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            int killAfter = 100 + random.nextInt(600);
            runAndKill(killAfter, acked, dir.resolve("child-" + round + ".log"));
            verify(acked);
        }
    }

    private void runAndKill(int killAfter, Map<Integer, Long> acked, Path stderr) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillNineWriter.class.getName(), dir.resolve("data").toString(), String.valueOf(THREADS));
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    String[] parts = line.split(" ");
                    acked.merge(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Math::max);
                    if (++seen >= killAfter) {
                        break;
                    }
                }
            }
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
        assertEquals(killAfter, seen, () -> "child ended early: " + readQuietly(stderr));
    }

    private void verify(Map<Integer, Long> acked) {
        MemoryStorageEngine engine = MemoryStorageEngine.open(dir.resolve("data"), DurabilityOptions.defaults());
        try {
            TransactionCoordinator transactions = new TransactionCoordinator();
            Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
            Map<Integer, long[]> counters = KillNineWriter.counters(engine, txn);
            Map<Integer, TreeSet<Long>> seqs = new HashMap<>();
            TableHandle log = engine.findTable(txn, "public", "log").orElseThrow();
            try (RowCursor cursor = engine.scan(txn, log)) {
                while (cursor.next()) {
                    seqs.computeIfAbsent((Integer) cursor.row()[0], t -> new TreeSet<>()).add((Long) cursor.row()[1]);
                }
            }
            txn.commit();
            for (int t = 0; t < THREADS; t++) {
                long n = counters.get(t)[1];
                long ack = acked.getOrDefault(t, 0L);
                assertTrue(n >= ack, "thread " + t + ": acknowledged " + ack + " but only " + n + " survived");
                TreeSet<Long> rows = seqs.getOrDefault(t, new TreeSet<>());
                assertEquals(n, rows.size(), "thread " + t + ": counter and rows disagree");
                assertTrue(rows.isEmpty() || rows.first() == 1 && rows.last() == n, "thread " + t + ": gaps");
            }
        } finally {
            // leave the files as a crash would, so the next child recovers them too
            engine.store().orElseThrow().halt();
        }
    }

    private static String readQuietly(Path file) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
