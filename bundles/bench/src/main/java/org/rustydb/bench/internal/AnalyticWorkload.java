package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * The SQL engine benchmark of scripts/bench-sql.sh over JDBC: the same tables (big with N rows,
 * a 100k x b 10k by default, bi as b with a primary key) and queries, each run some times unmeasured and then
 * measured. Each run reads the whole result, and its first row is checked against what the
 * data implies, so a target that skips work cannot pass.
 */
public final class AnalyticWorkload implements Workload {
    /** Rows of a; b and bi have a tenth as many, each matched by ten rows of a. */
    static final int JOIN_ROWS = 100_000;

    /** A query and what its result must be for {@code rows} rows in big and {@code joinRows} in a. */
    record Query(String name, String sql, Expectation expectation) {
    }

    @FunctionalInterface
    interface Expectation {
        /** Null when the result is right, otherwise what is wrong. */
        String check(long rows, long joinRows, int resultRows, long firstValue);
    }

    static List<Query> queries() {
        return List.of(
                new Query("group_by", "SELECT k, count(*), sum(v), avg(v) FROM big GROUP BY k",
                        (rows, join, n, first) -> n == 100 ? null : n + " groups, not 100"),
                new Query("join_no_index", "SELECT count(*), sum(a.v + b.w) FROM a JOIN b ON a.bk = b.id",
                        (rows, join, n, first) -> first == join ? null : "count " + first + ", not " + join),
                new Query("join_index", "SELECT count(*), sum(a.v + bi.w) FROM a JOIN bi ON a.bk = bi.id",
                        (rows, join, n, first) -> first == join ? null : "count " + first + ", not " + join),
                new Query("top_n", "SELECT id, v FROM big ORDER BY v DESC, id LIMIT 10",
                        (rows, join, n, first) -> n == 10 ? null : n + " rows, not 10"),
                new Query("window", "SELECT count(*), max(r) FROM (SELECT rank() OVER (PARTITION BY k ORDER BY v) AS r"
                        + " FROM big) AS w",
                        (rows, join, n, first) -> first == rows ? null : "count " + first + ", not " + rows));
    }

    static List<String> setup(long rows, long joinRows) {
        long bRows = joinRows / 10;
        return List.of(
                "DROP TABLE IF EXISTS big", "DROP TABLE IF EXISTS a", "DROP TABLE IF EXISTS b",
                "DROP TABLE IF EXISTS bi",
                "CREATE TABLE big (id integer, k integer, v integer, pad text)",
                // bench-sql.sh's ((i::bigint * 7919) % 1000003)::integer, in SQL that H2 shares
                "INSERT INTO big SELECT i, i % 100, CAST(MOD(CAST(i AS bigint) * 7919, 1000003) AS integer),"
                        + " 'row ' || i"
                        + " FROM generate_series(1, " + rows + ") AS s(i)",
                "CREATE TABLE a (id integer, bk integer, v integer)",
                "INSERT INTO a SELECT i, (i * 31) % " + bRows + " + 1, i % 1000 FROM generate_series(1, " + joinRows
                        + ") AS s(i)",
                "CREATE TABLE b (id integer, w integer)",
                "INSERT INTO b SELECT i, i % 77 FROM generate_series(1, " + bRows + ") AS s(i)",
                "CREATE TABLE bi (id integer PRIMARY KEY, w integer)",
                "INSERT INTO bi SELECT i, i % 77 FROM generate_series(1, " + bRows + ") AS s(i)");
    }

    @Override
    public String name() {
        return "analytic";
    }

    @Override
    public List<PhaseResult> run(Target target, Options o, PrintStream out) throws SQLException {
        List<PhaseResult> results = new ArrayList<>();
        try (Connection c = target.connect()) {
            c.setAutoCommit(true);
            out.printf("%s analytic: loading (%d rows in big, %d x %d to join)%n", target.name(), o.rows, o.joinRows,
                    o.joinRows / 10);
            long start = System.nanoTime();
            Loader.execute(c, setup(o.rows, o.joinRows).toArray(String[]::new));
            for (String sql : target.dialect().afterLoad(List.of("big", "a", "b", "bi"))) {
                Loader.execute(c, sql);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long loaded = o.rows + o.joinRows + 2 * (o.joinRows / 10);
            out.printf("%s analytic: loaded %d rows in %.1f s%n", target.name(), loaded, seconds);
            Histogram whole = new Histogram(3);
            whole.recordValue((long) (seconds * 1e6));
            results.add(PhaseResult.of(target.name(), name(), "load", "row", whole, loaded, 0, 0, seconds, ""));
            Loader.execute(c, target.dialect().analyticSession().toArray(String[]::new));
            for (Query query : queries()) {
                results.add(measure(target, c, query, o, out));
            }
        }
        return results;
    }

    private PhaseResult measure(Target target, Connection c, Query query, Options o, PrintStream out)
            throws SQLException {
        Histogram micros = new Histogram(3);
        double total = 0;
        String wrong = null;
        try (Statement s = c.createStatement()) {
            for (int run = 0; run < o.warmupRuns + o.runs; run++) {
                long start = System.nanoTime();
                int rows = 0;
                long first = 0;
                try (ResultSet r = s.executeQuery(query.sql())) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        if (rows++ == 0) {
                            first = r.getLong(1);
                        }
                        for (int col = 2; col <= meta.getColumnCount(); col++) {
                            r.getObject(col);
                        }
                    }
                }
                long elapsed = System.nanoTime() - start;
                String problem = query.expectation().check(o.rows, o.joinRows, rows, first);
                if (problem != null && wrong == null) {
                    wrong = problem;
                }
                if (run >= o.warmupRuns) {
                    micros.recordValue(elapsed / 1000);
                    total += elapsed / 1e9;
                }
            }
        }
        PhaseResult result = PhaseResult.of(target.name(), name(), query.name(), "run", micros, o.runs, 0, 0, total,
                wrong == null ? "result checked" : FAILED + wrong);
        out.printf("%s analytic: %-14s best %.1f ms, median %.1f ms%s%n", target.name(), query.name(),
                micros.getMinValue() / 1000.0, result.p50(), wrong == null ? "" : " (" + result.check() + ")");
        return result;
    }
}
