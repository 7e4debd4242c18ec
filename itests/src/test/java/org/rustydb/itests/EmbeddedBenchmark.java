package org.rustydb.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * A rough side-by-side of the embedded driver and H2 in file mode, in one JVM: a batched insert of
 * 1M rows (batches of 1,000, one commit each) and 200k point lookups by primary key through a
 * prepared statement. Run by {@code scripts/bench-embedded.sh}; not a test.
 */
public final class EmbeddedBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int LOOKUPS = Integer.getInteger("bench.lookups", 200_000);
    private static final int BATCH = 1_000;

    private EmbeddedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("rustydb-bench-");
        String rustydb = "jdbc:rustydb:file:" + dir.resolve("rustydb") + (args.length > 0 ? "?fsync=" + args[0] : "");
        String h2 = "jdbc:h2:file:" + dir.resolve("h2/db");
        System.out.printf("%d rows, %d lookups; %s%n", ROWS, LOOKUPS, rustydb);
        try {
            rounds(rustydb, h2);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void rounds(String rustydb, String h2) throws Exception {
        for (int round = 1; round <= 2; round++) {
            long t = System.nanoTime();
            try (Connection c = EmbeddedJar.connect(rustydb)) {
                System.out.printf("rustydb open: %d ms%n", (System.nanoTime() - t) / 1_000_000);
                run("rustydb", c, round);
            }
            t = System.nanoTime();
            try (Connection c = DriverManager.getConnection(h2, "sa", "")) {
                System.out.printf("h2 open: %d ms%n", (System.nanoTime() - t) / 1_000_000);
                run("h2", c, round);
            }
        }
    }

    private static void run(String name, Connection c, int round) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists bench");
            s.execute("create table bench(id bigint primary key, name varchar(100), v int)");
        }
        c.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement("insert into bench values (?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                p.setLong(1, i);
                p.setString(2, "name " + i);
                p.setInt(3, i % 1000);
                p.addBatch();
                if (i % BATCH == 0) {
                    p.executeBatch();
                    c.commit();
                }
            }
            p.executeBatch();
            c.commit();
        }
        long insert = System.nanoTime() - start;
        SplittableRandom random = new SplittableRandom(42);
        long found = 0;
        start = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement("select name, v from bench where id = ?")) {
            for (int i = 0; i < LOOKUPS; i++) {
                p.setLong(1, 1 + random.nextInt(ROWS));
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        found += rs.getInt(2) >= 0 ? 1 : 0;
                    }
                }
            }
            c.commit();
        }
        long lookup = System.nanoTime() - start;
        if (found != LOOKUPS) {
            throw new AssertionError(name + " found " + found + " of " + LOOKUPS);
        }
        c.setAutoCommit(true);
        System.out.printf("round %d %-8s insert %,d rows: %,d ms (%,.0f rows/s); %,d lookups: %,d ms (%,.0f/s)%n",
                round, name, ROWS, insert / 1_000_000, ROWS / (insert / 1e9), LOOKUPS, lookup / 1_000_000,
                LOOKUPS / (lookup / 1e9));
    }
}
