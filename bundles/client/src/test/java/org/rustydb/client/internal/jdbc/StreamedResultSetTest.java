package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forward-only result sets with a fetch size stream their rows while the statement runs. */
class StreamedResultSetTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = TestConnections.open();
        try (Statement s = c.createStatement()) {
            s.execute("create table t(a int)");
            s.execute("insert into t select g from generate_series(1, 1000) g");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void rowsArriveInBatchesAndAllOfThemCome() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select a from t where a > ? order by a")) {
            p.setFetchSize(64);
            p.setInt(1, 10);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs instanceof StreamedResultSet);
                assertTrue(rs.isBeforeFirst());
                long sum = 0;
                int n = 0;
                while (rs.next()) {
                    n++;
                    sum += rs.getInt(1);
                    assertEquals(n, rs.getRow());
                    if (n == 1) {
                        assertTrue(rs.isFirst());
                    }
                }
                assertEquals(990, n);
                assertEquals(500_500 - 55, sum);
                assertTrue(rs.isAfterLast());
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void anotherStatementReadsTheRestIntoMemory() throws SQLException {
        try (Statement s = c.createStatement(); Statement other = c.createStatement()) {
            s.setFetchSize(10);
            try (ResultSet rs = s.executeQuery("select a from t order by a")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                // the session is needed now: the rest of the rows is read first
                assertEquals(1, other.executeUpdate("insert into t values (1001)"));
                int n = 1;
                while (rs.next()) {
                    n++;
                }
                assertEquals(1000, n);
            }
        }
    }

    @Test
    void closingEarlyEndsTheStatement() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(5);
            try (ResultSet rs = s.executeQuery("select a from t")) {
                assertTrue(rs.next());
            }
            assertEquals(1, s.executeUpdate("delete from t where a = 1"));
            c.commit();
            try (ResultSet rs = s.executeQuery("select count(*) from t")) {
                assertTrue(rs.next());
                assertEquals(999, rs.getInt(1));
            }
        }
    }

    @Test
    void anErrorWhileRowsStreamReachesNext() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10);
            try (ResultSet rs = s.executeQuery("select 1 / (500 - a) from t order by a")) {
                SQLException e = assertThrows(SQLException.class, () -> {
                    while (rs.next()) {
                        rs.getInt(1);
                    }
                });
                assertEquals("22012", e.getSQLState());
            }
            try (ResultSet rs = s.executeQuery("select count(*) from t")) {
                assertTrue(rs.next(), "the connection is usable again");
            }
        }
    }

    @Test
    void maxRowsAndCommandsWithAFetchSize() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(7);
            s.setMaxRows(20);
            int n = 0;
            try (ResultSet rs = s.executeQuery("select a from t")) {
                while (rs.next()) {
                    n++;
                }
            }
            assertEquals(20, n);
            assertEquals(1000, s.executeUpdate("update t set a = a + 1"));
            assertFalse(s.execute("insert into t values (1); insert into t values (2)"));
            assertEquals(1, s.getUpdateCount());
        }
    }
}
