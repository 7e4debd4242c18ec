package org.rustydb.execution.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;

/** EXPLAIN ANALYZE: the rows, loops and removed rows each node reports (times vary, so not checked). */
class ExplainAnalyzeTest {
    private final Session session = new TestDatabase().open();

    private List<String> run(String sql) {
        List<String> lines = new ArrayList<>();
        for (TestDatabase.Outcome o : TestDatabase.run(session, sql)) {
            for (Object[] row : o.rows()) {
                // the times are the only part that changes from run to run
                lines.add(String.valueOf(row[0]).replaceAll("actual time=[0-9.]+\\.\\.[0-9.]+ ", ""));
            }
        }
        return lines;
    }

    @Test
    void indexNestedLoopRunsTheInnerScanOncePerOuterRow() {
        run("CREATE TABLE o(id int PRIMARY KEY, k int, x int); CREATE TABLE i(id int PRIMARY KEY, v int);"
                + " INSERT INTO o SELECT g, g * 10, g % 4 FROM generate_series(1, 40) g;"
                + " INSERT INTO i SELECT g, g FROM generate_series(1, 20000) g; ANALYZE");
        List<String> lines = run("EXPLAIN ANALYZE SELECT o.id, i.v FROM o JOIN i ON i.id = o.k WHERE o.x = 1");
        assertEquals(List.of(
                "Nested Loop  (rows=10) (rows=10 loops=1)",
                "  ->  Seq Scan on o  (rows=10) (rows=10 loops=1)",
                "        Filter: (x = 1)",
                "        Rows Removed by Filter: 30",
                "  ->  Index Scan using i_pkey on i  (rows=1) (rows=1 loops=10)",
                "        Index Cond: (id = o.k)"), lines.subList(0, lines.size() - 1));
        assertTrue(lines.get(lines.size() - 1).startsWith("Execution Time: "), lines.toString());
        assertEquals(List.of("10"), run("SELECT count(*) FROM o JOIN i ON i.id = o.k WHERE o.x = 1"));
    }

    @Test
    void indexOnlyScansReportTheirHeapFetches() {
        run("CREATE TABLE h(id int PRIMARY KEY, a int, b text); CREATE INDEX h_a ON h(a);"
                + " INSERT INTO h SELECT g, g % 50, 'b' || g FROM generate_series(1, 1000) g; ANALYZE h");
        List<String> lines = run("EXPLAIN ANALYZE SELECT a FROM h WHERE a = 7 AND a + 0 > 1");
        // the memory engine has its rows in memory: nothing to fetch
        assertEquals(List.of(
                "Index Only Scan using h_a on h  (rows=7) (rows=20 loops=1)",
                "  Index Cond: (a = 7)",
                "  Filter: ((a + 0) > 1)",
                "  Heap Fetches: 0"), lines.subList(0, lines.size() - 1));
        // a column outside the index needs the rows: a plain index scan, without the line
        lines = run("EXPLAIN ANALYZE SELECT a, b FROM h WHERE a = 7");
        assertEquals(List.of(
                "Index Scan using h_a on h  (rows=20) (rows=20 loops=1)",
                "  Index Cond: (a = 7)"), lines.subList(0, lines.size() - 1));
        assertEquals(List.of("20"), run("SELECT count(*) FROM h WHERE a = 7"));
    }

    @Test
    void filterNodesCountTheRowsTheyRemove() {
        run("CREATE TABLE f(a int, b int); INSERT INTO f SELECT g, g % 3 FROM generate_series(1, 90) g");
        List<String> lines = run("EXPLAIN ANALYZE SELECT a FROM f WHERE b = 0 AND a > 30");
        // the estimate depends on whether the background analyze has run yet
        assertTrue(lines.get(0).startsWith("Seq Scan on f  (rows="), lines.get(0));
        assertTrue(lines.get(0).endsWith(") (rows=20 loops=1)"), lines.get(0));
        assertEquals("  Filter: ((b = 0) AND (a > 30))", lines.get(1));
        assertEquals("  Rows Removed by Filter: 70", lines.get(2));
    }

    @Test
    void subqueryPlansShowWithoutActualFigures() {
        run("CREATE TABLE p(a int, b int); CREATE TABLE q(c int, d int);"
                + " INSERT INTO p VALUES (1, 2), (3, 4); INSERT INTO q VALUES (7, 2), (5, 6)");
        List<String> lines = run("EXPLAIN ANALYZE SELECT a FROM p WHERE a < (SELECT max(c) FROM q WHERE q.d = p.b)");
        // estimates depend on whether the background analyze has run yet: left out
        lines.replaceAll(l -> l.replaceAll("  \\(rows=[0-9]+\\)", ""));
        // the subquery runs outside the instrumented executor: its nodes show no actual figures
        assertEquals(List.of(
                "Seq Scan on p (rows=1 loops=1)",
                "  Filter: (a < (SubPlan 1))",
                "  Rows Removed by Filter: 1",
                "  SubPlan 1",
                "    ->  Aggregate",
                "          ->  Seq Scan on q",
                "                Filter: (d = p.b)"), lines.subList(0, lines.size() - 1));
    }
}
