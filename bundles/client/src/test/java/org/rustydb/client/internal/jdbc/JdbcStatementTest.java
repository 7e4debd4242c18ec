package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcStatementTest {
    private Connection c;
    private Statement s;

    @BeforeEach
    void open() throws SQLException {
        c = TestConnections.open();
        s = c.createStatement();
        s.execute("create table t(id serial primary key, v text)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void updateCountsAndQueries() throws SQLException {
        assertEquals(2, s.executeUpdate("insert into t(v) values ('a'), ('b')"));
        assertEquals(0, s.executeUpdate("create table u(a int)"));
        try (ResultSet rs = s.executeQuery("select v from t order by id")) {
            assertTrue(rs.next());
            assertEquals("a", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("b", rs.getString("V"));
            assertFalse(rs.next());
        }
        assertEquals(1, s.executeUpdate("update t set v = 'c' where v = 'a'"));
        assertEquals(2, s.executeUpdate("delete from t"));
    }

    @Test
    void severalStatementsGiveSeveralResults() throws SQLException {
        assertFalse(s.execute("insert into t(v) values ('a'); select v from t; delete from t"));
        assertEquals(1, s.getUpdateCount());
        assertTrue(s.getMoreResults());
        try (ResultSet rs = s.getResultSet()) {
            assertTrue(rs.next());
            assertEquals("a", rs.getString(1));
        }
        assertFalse(s.getMoreResults());
        assertEquals(1, s.getUpdateCount());
        assertFalse(s.getMoreResults());
        assertEquals(-1, s.getUpdateCount());
    }

    @Test
    void errorsCarryTheSqlStateAndMessage() {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from missing"));
        assertEquals("42P01", e.getSQLState());
        assertEquals("relation \"missing\" does not exist", e.getMessage());
        SQLException zero = assertThrows(SQLException.class, () -> s.executeQuery("select 1/0"));
        assertEquals("22012", zero.getSQLState());
    }

    @Test
    void queryAndUpdateMismatches() {
        assertEquals("02000", assertThrows(SQLException.class,
                () -> s.executeQuery("insert into t(v) values ('a')")).getSQLState());
        assertEquals("0100E", assertThrows(SQLException.class,
                () -> s.executeUpdate("select 1")).getSQLState());
    }

    @Test
    void noticesBecomeWarnings() throws SQLException {
        s.execute("drop table if exists nothing_here");
        SQLWarning w = s.getWarnings();
        assertNotNull(w);
        assertEquals("table \"nothing_here\" does not exist, skipping", w.getMessage());
        assertEquals("00000", w.getSQLState());
        s.clearWarnings();
        assertNull(s.getWarnings());
    }

    @Test
    void maxRowsLimitsTheRowsRead() throws SQLException {
        s.setMaxRows(3);
        try (ResultSet rs = s.executeQuery("select * from generate_series(1, 10)")) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertEquals(3, n);
        }
    }

    @Test
    void batchesReturnCountsAndFailAsAWhole() throws SQLException {
        s.addBatch("insert into t(v) values ('a')");
        s.addBatch("insert into t(v) values ('b'), ('c')");
        s.addBatch("update t set v = v || '!'");
        assertArrayEquals(new int[] {1, 2, 3}, s.executeBatch());
        s.addBatch("insert into t(v) values ('d')");
        s.addBatch("insert into t(id, v) values (1, 'dup')");
        BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
        assertEquals("23505", e.getSQLState());
        assertArrayEquals(new int[] {1}, e.getUpdateCounts());
        try (ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            assertEquals(3, rs.getInt(1), "the failed batch rolled back as a whole");
        }
    }

    @Test
    void generatedKeysComeFromReturning() throws SQLException {
        assertEquals(2, s.executeUpdate("insert into t(v) values ('a'), ('b')", Statement.RETURN_GENERATED_KEYS));
        try (ResultSet keys = s.getGeneratedKeys()) {
            assertTrue(keys.next());
            assertEquals(1, keys.getInt("id"));
            assertTrue(keys.next());
            assertEquals(2, keys.getInt(1));
            assertFalse(keys.next());
        }
        assertEquals(1, s.executeUpdate("insert into t(v) values ('c')", new String[] {"id"}));
        try (ResultSet keys = s.getGeneratedKeys()) {
            assertTrue(keys.next());
            assertEquals(3, keys.getInt(1));
            assertEquals(1, keys.getMetaData().getColumnCount());
        }
    }

    @Test
    void jdbcEscapesAreTranslated() throws SQLException {
        try (ResultSet rs = s.executeQuery("select {d '2024-02-29'} + 1, {fn abs(-3)}, '{d x}'")) {
            assertTrue(rs.next());
            assertEquals("2024-03-01", rs.getString(1));
            assertEquals(3, rs.getInt(2));
            assertEquals("{d x}", rs.getString(3));
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheStatement() throws Exception {
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
                s.cancel();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        canceller.start();
        SQLException e = assertThrows(SQLException.class, () -> s.execute("select pg_sleep(30)"));
        canceller.join();
        assertEquals("57014", e.getSQLState());
    }

    @Test
    void queryTimeoutCancels() throws SQLException {
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> s.execute("select pg_sleep(30)"));
        assertEquals("57014", e.getSQLState());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        try (ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next(), "the next statement is not cancelled");
        }
    }

    @Test
    void closeOnCompletionClosesWithTheLastResultOnly() throws SQLException {
        s.closeOnCompletion();
        try (ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
            try (ResultSet again = s.executeQuery("select 2")) {
                assertTrue(again.next(), "running again is no completion");
            }
        }
        assertTrue(s.isClosed());
    }

    @Test
    void closedStatementsRefuseWork() throws SQLException {
        s.close();
        assertEquals("08003", assertThrows(SQLException.class, () -> s.execute("select 1")).getSQLState());
        c.close();
        assertTrue(c.isClosed());
        assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());
    }
}
