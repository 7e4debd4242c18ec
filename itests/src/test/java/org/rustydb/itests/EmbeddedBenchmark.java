package org.rustydb.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The embedded driver side by side with H2 2.3.232 in one JVM, each in file and in memory mode,
 * over plain JDBC: 1M rows inserted in batches of 1,000 (one commit each), 200k point lookups by
 * primary key through a prepared statement, a GROUP BY over the 1M rows, and the SQL engine
 * benchmark's 100k x 10k equi-join without an index. A query runs 3 times unmeasured (a fresh
 * JVM compiles its code on the first runs), then 5 times: the best counts. H2 runs with
 * {@code SET OPTIMIZE_REUSE_RESULTS 0}, so it computes every query again as RustyDB does. Every
 * result is checked. Run by {@code scripts/bench-embedded.sh}; not a test.
 */
public final class EmbeddedBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int LOOKUPS = Integer.getInteger("bench.lookups", 200_000);
    private static final int BATCH = 1_000;
    private static final int WARMUP = 3;
    private static final int RUNS = 5;
    private static final double SLOW_MILLIS = 5_000;
    private static final String[] STEPS = {"open", "insert", "lookups", "group_by", "join"};

    private EmbeddedBenchmark() {
    }

    /** @param args RustyDB's fsync for its file database: true (default) or false */
    public static void main(String[] args) throws Exception {
        boolean fsync = args.length == 0 || Boolean.parseBoolean(args[0]);
        Path dir = Files.createTempDirectory("rustydb-bench-");
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("rustydb file", "jdbc:rustydb:file:" + dir.resolve("rustydb") + "?fsync=" + fsync);
        targets.put("rustydb mem", "jdbc:rustydb:mem:bench");
        targets.put("h2 file", "jdbc:h2:file:" + dir.resolve("h2/db"));
        targets.put("h2 mem", "jdbc:h2:mem:bench");
        System.out.printf("%,d rows, %,d lookups; RustyDB file fsync=%s (H2 never forces a commit)%n", ROWS, LOOKUPS,
                fsync);
        // -Dbench.only=rustydb (a prefix) runs a subset, e.g. under a profiler
        String only = System.getProperty("bench.only", "");
        targets.keySet().removeIf(name -> !name.startsWith(only));
        Map<String, double[]> results = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> t : targets.entrySet()) {
                results.put(t.getKey(), run(t.getKey(), t.getValue()));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.out.printf("%n%-14s", "ms");
        for (String step : STEPS) {
            System.out.printf("%12s", step);
        }
        System.out.println();
        results.forEach((name, ms) -> {
            System.out.printf("%-14s", name);
            for (double m : ms) {
                System.out.printf("%,12.1f", m);
            }
            System.out.println();
        });
    }

    private static double[] run(String name, String url) throws Exception {
        double[] ms = new double[STEPS.length];
        long t = System.nanoTime();
        try (Connection c = name.startsWith("rustydb") ? EmbeddedJar.connect(url) : DriverManager.getConnection(url,
                "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            ms[0] = millis(t);
            if (name.startsWith("h2")) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET OPTIMIZE_REUSE_RESULTS 0");
                }
            }
            ms[1] = insert(c);
            ms[2] = lookups(c);
            joinTables(c);
            ms[3] = best(c, "select v, count(*), sum(id) from bench group by v", rs -> {
                long groups = 0;
                long rows = 0;
                while (rs.next()) {
                    groups++;
                    rows += rs.getLong(2);
                }
                check(groups == 1000 && rows == ROWS, name + " group by: " + groups + " groups, " + rows + " rows");
            });
            ms[4] = best(c, "select count(*), sum(a.v + b.w) from a join b on a.bk = b.id", rs -> {
                check(rs.next() && rs.getLong(1) == 100_000, name + " join: wrong count");
            });
        }
        System.out.printf("%-14s %s%n", name, Arrays.toString(ms));
        return ms;
    }

    private static double insert(Connection c) throws SQLException {
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
        double ms = millis(start);
        c.setAutoCommit(true);
        return ms;
    }

    private static double lookups(Connection c) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        long found = 0;
        long start = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement("select name, v from bench where id = ?")) {
            for (int i = 0; i < LOOKUPS; i++) {
                long id = 1 + random.nextInt(ROWS);
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && rs.getInt(2) == id % 1000) {
                        found++;
                    }
                }
            }
        }
        double ms = millis(start);
        check(found == LOOKUPS, "found " + found + " of " + LOOKUPS);
        return ms;
    }

    /** The SQL engine benchmark's join tables: a (100k rows) references b (10k rows), no index on b. */
    private static void joinTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists a");
            s.execute("drop table if exists b");
            s.execute("create table a(id integer, bk integer, v integer)");
            s.execute("create table b(id integer, w integer)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement a = c.prepareStatement("insert into a values (?, ?, ?)");
             PreparedStatement b = c.prepareStatement("insert into b values (?, ?)")) {
            for (int i = 1; i <= 100_000; i++) {
                a.setInt(1, i);
                a.setInt(2, (i * 31) % 10_000 + 1);
                a.setInt(3, i % 1000);
                a.addBatch();
                if (i <= 10_000) {
                    b.setInt(1, i);
                    b.setInt(2, i % 77);
                    b.addBatch();
                }
                if (i % BATCH == 0) {
                    a.executeBatch();
                    b.executeBatch();
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("analyze");
        }
    }

    private interface Check {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * The best of {@link #RUNS} runs after {@link #WARMUP}, each reading and checking the whole
     * result; a query whose first run took over {@link #SLOW_MILLIS} (H2 joins by nested loops)
     * gets one more run, which counts.
     */
    private static double best(Connection c, String sql, Check check) throws SQLException {
        List<Double> times = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            int total = WARMUP + RUNS;
            for (int i = 0; i < total; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery(sql)) {
                    check.accept(rs);
                }
                double ms = millis(start);
                if (i == 0 && ms > SLOW_MILLIS) {
                    total = 2;
                } else if (i >= WARMUP || total == 2) {
                    times.add(ms);
                }
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
