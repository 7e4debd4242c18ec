package org.rustydb.execution.internal.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.plan.Statistics;
import org.rustydb.execution.internal.engine.SqlQueryEngine;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.storage.memory.internal.MemoryStorageEngine;

/** Estimates follow the data without ANALYZE by hand; ANALYZE moves the statistics version. */
class AutoAnalyzeTest {
    private static String scanEstimate(Session session, String table) {
        List<Object[]> plan = TestDatabase.run(session, "EXPLAIN SELECT * FROM " + table).get(0).rows();
        return (String) plan.get(0)[0];
    }

    private static String awaitEstimate(Session session, String table, String expected) throws InterruptedException {
        String now = scanEstimate(session, table);
        for (int i = 0; i < 200 && !now.contains(expected); i++) {
            Thread.sleep(25);
            now = scanEstimate(session, table);
        }
        return now;
    }

    private static Session openWithInterval(long minIntervalMillis) {
        return new TestDatabase(new MemoryStorageEngine(), new SqlQueryEngine(new AutoAnalyze(minIntervalMillis))).open();
    }

    @Test
    void insertedRowsAreAnalyzedInTheBackground() throws InterruptedException {
        try (Session session = openWithInterval(0)) {
            TestDatabase.run(session, "CREATE TABLE t (a int, b text)");
            TestDatabase.run(session, "INSERT INTO t SELECT i, 'x' || (i % 7) FROM generate_series(1, 40) AS s(i)");
            Thread.sleep(100);
            // 40 changes stay under the threshold of 50: never analyzed, PostgreSQL's default of 1000 rows
            assertTrue(scanEstimate(session, "t").contains("rows=1000"), scanEstimate(session, "t"));

            TestDatabase.run(session, "INSERT INTO t SELECT i, 'y' FROM generate_series(41, 5000) AS s(i)");
            assertTrue(awaitEstimate(session, "t", "rows=5000").contains("rows=5000"));

            // 5000 analyzed rows: 549 more changes are under 50 + 10%, 551 are over
            TestDatabase.run(session, "DELETE FROM t WHERE a <= 549");
            Thread.sleep(200);
            assertTrue(scanEstimate(session, "t").contains("rows=5000"), scanEstimate(session, "t"));
            TestDatabase.run(session, "UPDATE t SET b = 'z' WHERE a BETWEEN 550 AND 551");
            assertTrue(awaitEstimate(session, "t", "rows=4451").contains("rows=4451"));
        }
    }

    @Test
    void aTableIsAnalyzedAgainOnlyOnceTheIntervalHasPassed() throws InterruptedException {
        TestDatabase db = new TestDatabase(new MemoryStorageEngine(), new SqlQueryEngine(new AutoAnalyze(2_000)));
        try (Session session = db.open()) {
            TestDatabase.run(session, "CREATE TABLE t (a int)");
            long before = Statistics.version(db.storage());
            TestDatabase.run(session, "INSERT INTO t SELECT i FROM generate_series(1, 100) AS s(i)");
            // the first automatic analyze: at once (the estimate alone may come from the table's size)
            for (int i = 0; i < 400 && Statistics.version(db.storage()) == before; i++) {
                Thread.sleep(10);
            }
            long version = Statistics.version(db.storage());
            long firstAnalyzed = System.nanoTime();
            assertTrue(version > before, "analyzed once");
            TestDatabase.run(session, "INSERT INTO t SELECT i FROM generate_series(101, 300) AS s(i)");
            Thread.sleep(300);
            assertEquals(version, Statistics.version(db.storage()), "not analyzed again within the interval");
            for (int i = 0; i < 400 && Statistics.version(db.storage()) == version; i++) {
                Thread.sleep(10);
            }
            assertTrue(Statistics.version(db.storage()) > version, "analyzed again once the interval passed");
            assertTrue(System.nanoTime() - firstAnalyzed >= 1_900_000_000L, "not before the interval");
            assertTrue(awaitEstimate(session, "t", "rows=300").contains("rows=300"));
        }
    }

    @Test
    void rolledBackChangesDoNotCount() throws InterruptedException {
        try (Session session = new TestDatabase().open()) {
            TestDatabase.run(session, "CREATE TABLE r (a int)");
            TestDatabase.run(session, "BEGIN; INSERT INTO r SELECT i FROM generate_series(1, 500) AS s(i); ROLLBACK");
            TestDatabase.run(session, "INSERT INTO r SELECT i FROM generate_series(1, 30) AS s(i)");
            Thread.sleep(200);
            assertTrue(scanEstimate(session, "r").contains("rows=1000"), scanEstimate(session, "r"));
        }
    }

    @Test
    void vacuumAnalyzeAnalyzes() {
        TestDatabase db = new TestDatabase();
        try (Session session = db.open()) {
            TestDatabase.run(session, "CREATE TABLE w (a int); INSERT INTO w VALUES (1), (2), (3)");
            long before = Statistics.version(db.storage());
            TestDatabase.run(session, "VACUUM w");
            assertTrue(scanEstimate(session, "w").contains("rows=1000"), scanEstimate(session, "w"));
            TestDatabase.run(session, "VACUUM (ANALYZE, VERBOSE) w");
            assertTrue(scanEstimate(session, "w").contains("rows=3"), scanEstimate(session, "w"));
            assertTrue(Statistics.version(db.storage()) > before);
        }
    }

    @Test
    void analyzeMovesTheVersionWhenItCommits() {
        TestDatabase db = new TestDatabase();
        try (Session session = db.open()) {
            TestDatabase.run(session, "CREATE TABLE v (a int); INSERT INTO v VALUES (1), (2)");
            long before = Statistics.version(db.storage());
            TestDatabase.run(session, "BEGIN; ANALYZE v");
            assertEquals(before, Statistics.version(db.storage()), "not before the commit");
            assertTrue(scanEstimate(session, "v").contains("rows=1000"), "the planner reads committed statistics");
            TestDatabase.run(session, "COMMIT");
            assertTrue(Statistics.version(db.storage()) > before);
            assertTrue(scanEstimate(session, "v").contains("rows=2"));
            DbException e = org.junit.jupiter.api.Assertions.assertThrows(DbException.class,
                    () -> TestDatabase.run(session, "BEGIN READ ONLY; ANALYZE v"));
            assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, e.sqlState());
            TestDatabase.run(session, "ROLLBACK");
        }
    }
}
