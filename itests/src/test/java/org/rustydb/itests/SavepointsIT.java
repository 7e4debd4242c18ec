package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Savepoints through pgjdbc against the distribution (paged engine): JDBC's Savepoint API,
 * pgjdbc's autosave mode, and what other sessions see of a block that failed or rolled back to a
 * savepoint.
 */
class SavepointsIT extends AgainstDistributionOrReference {

    @BeforeEach
    void setUp() throws Exception {
        try (Connection setup = connect()) {
            Sql.execute(setup, "drop table if exists t");
            Sql.execute(setup, "create table t (id int primary key, v text)");
        }
    }

    private List<List<String>> ids(Connection c) throws SQLException {
        return Sql.query(c, "select id from t order by id");
    }

    private static List<List<String>> ids(int... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> List.of(Integer.toString(v))).toList();
    }

    private static String stateOf(Connection c, String sql) {
        return assertThrows(SQLException.class, () -> Sql.execute(c, sql)).getSQLState();
    }

    @Test
    void jdbcSavepointsRollBackAndRelease() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Sql.execute(c, "insert into t values (1, 'kept')");
            Savepoint unnamed = c.setSavepoint();
            Sql.execute(c, "insert into t values (2, 'undone')");
            Savepoint named = c.setSavepoint("inner");
            Sql.execute(c, "insert into t values (3, 'undone')");
            c.rollback(named);
            assertEquals(ids(1, 2), ids(c));
            c.rollback(unnamed);
            assertEquals(ids(1), ids(c));
            Sql.execute(c, "insert into t values (4, 'kept')");
            c.releaseSavepoint(unnamed);
            c.commit();
        }
        try (Connection other = connect()) {
            assertEquals(ids(1, 4), ids(other));
        }
    }

    @Test
    void rollingBackToASavepointEndsTheFailedState() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Sql.execute(c, "insert into t values (1, 'kept')");
            Savepoint sp = c.setSavepoint();
            assertEquals("23505", stateOf(c, "insert into t values (2, 'partial'), (1, 'clash')"));
            assertEquals("25P02", stateOf(c, "select 1"));
            c.rollback(sp);
            Sql.execute(c, "insert into t values (2, 'retried')");
            c.commit();
            assertEquals(ids(1, 2), ids(c));
        }
    }

    @Test
    void autosaveAlwaysKeepsTheTransactionUsableAfterAnError() throws Exception {
        try (Connection c = connect("autosave=always")) {
            c.setAutoCommit(false);
            Sql.execute(c, "insert into t values (1, 'a')");
            assertEquals("23505", stateOf(c, "insert into t values (2, 'partial'), (1, 'clash')"));
            // pgjdbc rolled back to its savepoint: the block goes on, without the failed statement's rows
            Sql.execute(c, "insert into t values (3, 'c')");
            assertEquals("22012", stateOf(c, "select 1 / 0"));
            assertEquals(ids(1, 3), ids(c));
            c.commit();
        }
        try (Connection other = connect()) {
            assertEquals(ids(1, 3), ids(other));
        }
    }

    @Test
    void othersNeverSeeAFailedBlockAndGetTheKeysItsSavepointRollbackFreed() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            Sql.execute(a, "insert into t values (1, 'a')");
            Savepoint sp = a.setSavepoint();
            Sql.execute(a, "insert into t values (2, 'a')");
            a.rollback(sp);
            // the key of the undone insert is free at once, while a goes on
            Sql.execute(b, "insert into t values (2, 'b')");
            assertEquals("22012", stateOf(a, "select 1 / 0"));
            // the failed block still holds its transaction: its row stays invisible, its key taken
            assertEquals(ids(2), ids(b));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> insert = pool.submit(() -> {
                    try {
                        Sql.execute(b, "insert into t values (1, 'b')");
                        return "inserted";
                    } catch (SQLException e) {
                        return e.getSQLState();
                    }
                });
                String early = null;
                try {
                    early = insert.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // waiting for a's transaction to end
                }
                a.rollback();
                String outcome = early != null ? early : insert.get(10, TimeUnit.SECONDS);
                // refused at once while a's transaction lives, or admitted only once it has ended
                assertTrue("55P03".equals(early) || (early == null && "inserted".equals(outcome)),
                        "early " + early + ", outcome " + outcome);
                if (!"inserted".equals(outcome)) {
                    Sql.execute(b, "insert into t values (1, 'b')");
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(ids(1, 2), ids(a));
        }
    }

    @Test
    void setTransactionReadOnlyRefusesWrites() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            Sql.execute(c, "set transaction isolation level repeatable read, read only");
            assertEquals(List.of(List.of("repeatable read")), Sql.query(c, "show transaction_isolation"));
            assertEquals("25006", stateOf(c, "insert into t values (1, 'x')"));
            c.rollback();
        }
    }
}
