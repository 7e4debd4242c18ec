package org.rustydb.execution.internal.exec.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/** ORDER BY and GROUP BY past work_mem through SQL: same results, EXPLAIN ANALYZE says so, no file left behind. */
class SpillQueryTest {
    @TempDir
    Path tmp;
    private Session session;
    /** How often the engine was asked where temporary files go: once per operator that spilled. */
    private final java.util.concurrent.atomic.AtomicInteger directoryRequests = new java.util.concurrent.atomic.AtomicInteger();

    /** The memory engine, with a temporary directory as a disk engine has. */
    private StorageEngine storageWithTempDir() {
        StorageEngine memory = new MemoryStorageEngine();
        return (StorageEngine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StorageEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("temporaryDirectory")) {
                        directoryRequests.incrementAndGet();
                        return Optional.of(tmp);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @BeforeEach
    void open() {
        session = new TestDatabase(storageWithTempDir()).open();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<Object[]> rows(String sql) {
        List<TestDatabase.Outcome> outcomes = TestDatabase.run(session, sql);
        return outcomes.get(outcomes.size() - 1).rows();
    }

    private String plan(String sql) {
        return rows("explain analyze " + sql).stream().map(r -> (String) r[0]).collect(Collectors.joining("\n"));
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        }
    }

    @Test
    void workMemIsASettingInPostgresUnits() {
        assertEquals("4MB", rows("show work_mem").get(0)[0]);
        rows("set work_mem = '64kB'");
        assertEquals("64kB", rows("show work_mem").get(0)[0]);
        rows("set work_mem = 1536");
        assertEquals("1536kB", rows("show work_mem").get(0)[0]);
        rows("set work_mem = '1GB'");
        assertEquals("1GB", rows("show work_mem").get(0)[0]);
        DbException e = assertThrows(DbException.class, () -> rows("set work_mem = '10'"));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertEquals("10 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)", e.getMessage());
        rows("reset work_mem");
        assertEquals("4MB", rows("show work_mem").get(0)[0]);
    }

    @Test
    void orderByPastWorkMemMergesRunsFromDisk() throws IOException {
        String query = "select (g * 7919) % 100003 as x, g from generate_series(1, 40000) g order by x, g";
        assertTrue(plan(query).contains("Sort Method: quicksort  Memory: "), plan(query));
        assertEquals(0, directoryRequests.get(), "no file while the rows fit");
        rows("set work_mem = '64kB'");
        String plan = plan(query);
        assertTrue(plan.matches("(?s).*Sort Method: external merge  Disk: \\d+kB.*"), plan);
        assertEquals(1, directoryRequests.get(), "the runs went to the engine's directory");
        List<Object[]> sorted = rows(query);
        assertEquals(40000, sorted.size());
        for (int i = 1; i < sorted.size(); i++) {
            int c = Long.compare(((Number) sorted.get(i - 1)[0]).longValue(), ((Number) sorted.get(i)[0]).longValue());
            assertTrue(c < 0 || c == 0 && ((Number) sorted.get(i - 1)[1]).longValue()
                    < ((Number) sorted.get(i)[1]).longValue(), "row " + i);
        }
        assertEquals(0, tempFiles());
    }

    @Test
    void groupByPastWorkMemAggregatesPartitions() throws IOException {
        String query = "select g % 7000 as k, count(*), sum(g), min(g::text), array_agg(distinct g % 3)"
                + " from generate_series(1, 42000) g group by k";
        Map<Long, String> inMemory = groups(rows(query));
        rows("set work_mem = '64kB'");
        String plan = plan(query);
        assertTrue(plan.matches("(?s).*Batches: ([2-9]|\\d\\d+)  Memory Usage: \\d+kB  Disk Usage: \\d+kB.*"), plan);
        Map<Long, String> spilled = groups(rows(query));
        assertEquals(7000, spilled.size());
        assertEquals(inMemory, spilled);
        assertEquals("6|147000|14000|[1, 2, 0]", spilled.get(0L));
        assertEquals(0, tempFiles());
    }

    private static Map<Long, String> groups(List<Object[]> rows) {
        Map<Long, String> out = new HashMap<>();
        for (Object[] r : rows) {
            assertFalse(out.containsKey(((Number) r[0]).longValue()), "one row per group");
            out.put(((Number) r[0]).longValue(), r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4]);
        }
        return out;
    }

    @Test
    void groupingSetsSpillPerSet() {
        String query = "select g % 3000 as a, g % 2 as b, count(*) from generate_series(1, 12000) g"
                + " group by grouping sets ((a), (b), ())";
        Map<String, Long> inMemory = counts(rows(query));
        rows("set work_mem = '64kB'");
        Map<String, Long> spilled = counts(rows(query));
        assertEquals(3000 + 2 + 1, spilled.size());
        assertEquals(inMemory, spilled);
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> out = new HashMap<>();
        for (Object[] r : rows) {
            assertFalse(out.containsKey(r[0] + "," + r[1]));
            out.put(r[0] + "," + r[1], ((Number) r[2]).longValue());
        }
        return out;
    }

    @Test
    void anErrorMidQueryLeavesNoTemporaryFile() throws IOException {
        rows("set work_mem = '64kB'");
        DbException sortError = assertThrows(DbException.class,
                () -> rows("select g, 1 / (g - 30000) from generate_series(1, 40000) g order by g desc"));
        assertEquals(SqlState.DIVISION_BY_ZERO, sortError.sqlState());
        assertEquals(0, tempFiles());
        DbException aggregateError = assertThrows(DbException.class,
                () -> rows("select g % 9000, sum(1 / (g - 35000)) from generate_series(1, 40000) g group by 1"));
        assertEquals(SqlState.DIVISION_BY_ZERO, aggregateError.sqlState());
        assertEquals(0, tempFiles());
        // an error above a sort that has spilled and is returning rows
        assertThrows(DbException.class, () -> rows("select 1 / (x - 20000) from (select g as x from"
                + " generate_series(1, 40000) g order by g desc) s"));
        assertEquals(0, tempFiles());
    }

    @Test
    void hashJoinsPastWorkMemJoinPartitionsFromDisk() throws IOException {
        String inputs = " from (select g as id, nullif(g % 5000, 7) as k from generate_series(1, 20000) g) a"
                + " %s join (select g as id, nullif((g * 7) % 6000, 14) as k from generate_series(1, 15000) g) b"
                + " on a.k = b.k and a.id % 3 <> b.id % 4";
        String query = "select count(*), count(a.id), count(b.id), sum(a.id), sum(b.id)" + inputs;
        List<String> kinds = List.of("inner", "left", "right", "full");
        List<String> inMemory = new ArrayList<>();
        for (String kind : kinds) {
            inMemory.add(java.util.Arrays.toString(rows(query.replace("%s", kind)).get(0)));
        }
        String anti = "select count(*) from generate_series(1, 20000) g where not exists"
                + " (select 1 from generate_series(1, 30000) h where h = g * 2)";
        Object antiInMemory = rows(anti).get(0)[0];
        rows("set work_mem = '64kB'");
        String plan = plan(query.replace("%s", "full"));
        assertTrue(plan.matches("(?s).*Hash Full Join.*Batches: \\d+  Disk Usage: \\d+kB.*"), plan);
        for (int i = 0; i < kinds.size(); i++) {
            assertEquals(inMemory.get(i), java.util.Arrays.toString(rows(query.replace("%s", kinds.get(i))).get(0)),
                    kinds.get(i));
        }
        assertEquals(antiInMemory, rows(anti).get(0)[0]);
        assertEquals(0, tempFiles());
        DbException e = assertThrows(DbException.class, () -> rows("select sum(1 / (a.id - 19000))"
                + inputs.replace("%s", "inner")));
        assertEquals(SqlState.DIVISION_BY_ZERO, e.sqlState());
        assertEquals(0, tempFiles());
    }
    @Test
    void distinctAndSetOperationsPastWorkMemDeduplicatePartitions() throws IOException {
        // NULLs and numerics equal in value across scales must still meet in one partition
        String rowsA = "(select nullif(g % 9000, 5)::numeric * 1.0 as x, g % 7 as y from generate_series(1, 27000) g)";
        String rowsB = "(select nullif(g % 6000, 5)::numeric as x, g % 7 as y from generate_series(1, 24000) g)";
        List<String> queries = List.of(
                "select count(*), sum(x), count(x) from (select distinct x, y from " + rowsA + " a) s",
                "select count(*), sum(x), count(x) from (select * from " + rowsA + " a union select * from " + rowsB
                        + " b) s",
                "select count(*), sum(x), count(x) from (select * from " + rowsA + " a intersect select * from "
                        + rowsB + " b) s",
                "select count(*), sum(x), count(x) from (select * from " + rowsA + " a intersect all select * from "
                        + rowsB + " b) s",
                "select count(*), sum(x), count(x) from (select * from " + rowsA + " a except select * from " + rowsB
                        + " b) s",
                "select count(*), sum(x), count(x) from (select * from " + rowsA + " a except all select * from "
                        + rowsB + " b) s");
        List<String> inMemory = new ArrayList<>();
        for (String q : queries) {
            inMemory.add(java.util.Arrays.toString(rows(q).get(0)));
        }
        // as PostgreSQL 15 gives them
        assertEquals(List.of("[27000, 121486485.0, 26997]", "[39000, 157480475.0, 38995]", "[12000, 35993990.0, 11998]",
                "[12000, 35993990.0, 11998]", "[15000, 85492495.0, 14999]", "[15000, 85492495.0, 14999]"), inMemory);
        rows("set work_mem = '64kB'");
        String plan = plan("select distinct x, y from " + rowsA + " a");
        assertTrue(plan.matches("(?s)HashAggregate .*Group Key: .*Batches: \\d+  Memory Usage: \\d+kB"
                + "  Disk Usage: \\d+kB.*"), plan);
        assertTrue(plan("select * from " + rowsA + " a except all select * from " + rowsB + " b")
                .matches("(?s).*Batches: \\d+  Memory Usage: \\d+kB  Disk Usage: \\d+kB.*"));
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(inMemory.get(i), java.util.Arrays.toString(rows(queries.get(i)).get(0)), queries.get(i));
        }
        assertEquals(0, tempFiles());
    }
}
