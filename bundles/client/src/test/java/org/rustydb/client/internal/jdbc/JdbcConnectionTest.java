package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Session;
import org.rustydb.execution.slt.TestDatabase;

class JdbcConnectionTest {
    private TestDatabase db;
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        db = new TestDatabase();
        c = TestConnections.open(db);
        try (Statement s = c.createStatement()) {
            s.execute("create table t(a int)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private int count(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void commitAndRollbackWithAutoCommitOff() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("insert into t values (1)");
            assertEquals(org.rustydb.api.TransactionStatus.IN_TRANSACTION,
                    c.unwrap(Session.class).transactionStatus());
            c.rollback();
            assertEquals(0, count(c));
            s.execute("insert into t values (2)");
            c.commit();
        }
        c.setAutoCommit(true);
        assertEquals(1, count(c));
    }

    @Test
    void switchingAutoCommitOnCommits() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("insert into t values (1)");
        }
        c.setAutoCommit(true);
        c.unwrap(Session.class);
        assertEquals(org.rustydb.api.TransactionStatus.IDLE, c.unwrap(Session.class).transactionStatus());
        assertEquals(1, count(c));
    }

    @Test
    void commitInAutoCommitIsAnError() {
        assertEquals("25P01", assertThrows(SQLException.class, c::commit).getSQLState());
        assertEquals("25P01", assertThrows(SQLException.class, c::setSavepoint).getSQLState());
    }

    @Test
    void savepoints() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("insert into t values (1)");
            Savepoint sp = c.setSavepoint();
            s.execute("insert into t values (2)");
            c.rollback(sp);
            Savepoint named = c.setSavepoint("Mixed Case");
            assertEquals("Mixed Case", named.getSavepointName());
            s.execute("insert into t values (3)");
            c.releaseSavepoint(named);
            c.commit();
        }
        assertEquals(2, count(c));
    }

    @Test
    void afterAnErrorTheTransactionFailsUntilRollback() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("insert into t values (1)");
            assertThrows(SQLException.class, () -> s.execute("select 1/0"));
            assertEquals("25P02", assertThrows(SQLException.class, () -> s.execute("select 1")).getSQLState());
            assertEquals("40000", assertThrows(SQLException.class, c::commit).getSQLState());
            assertEquals(0, count(c));
        }
    }

    @Test
    void isolationLevels() throws SQLException {
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show transaction_isolation")) {
            rs.next();
            assertEquals("serializable", rs.getString(1));
        }
        assertEquals("25001", assertThrows(SQLException.class,
                () -> c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED)).getSQLState());
        c.rollback();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation());
    }

    @Test
    void readOnlyConnectionsCannotWrite() throws SQLException {
        c.setReadOnly(true);
        assertTrue(c.isReadOnly());
        try (Statement s = c.createStatement()) {
            assertEquals("25006", assertThrows(SQLException.class,
                    () -> s.execute("insert into t values (1)")).getSQLState());
            assertEquals(0, count(c));
            c.setAutoCommit(false);
            assertEquals("25006", assertThrows(SQLException.class,
                    () -> s.execute("insert into t values (1)")).getSQLState());
            c.rollback();
        }
        c.setReadOnly(false);
        try (Statement s = c.createStatement()) {
            s.execute("insert into t values (1)");
        }
    }

    @Test
    void connectionsShareTheDatabase() throws SQLException {
        try (Connection other = TestConnections.open(db); Statement s = other.createStatement()) {
            s.execute("insert into t values (7)");
        }
        assertEquals(1, count(c));
    }

    @Test
    void schemaAndCatalog() throws SQLException {
        assertEquals("public", c.getSchema());
        try (Statement s = c.createStatement()) {
            s.execute("create schema other");
        }
        c.setSchema("other");
        assertEquals("other", c.getSchema());
        assertEquals("rustydb", c.getCatalog());
    }

    @Test
    void updatableResultSetsAreNotSupported() {
        assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                () -> c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
        assertThrows(java.sql.SQLFeatureNotSupportedException.class, () -> c.prepareCall("call x()"));
    }

    @Test
    void scrollableResults() throws SQLException {
        try (Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
             ResultSet rs = s.executeQuery("select * from generate_series(1, 5)")) {
            assertTrue(rs.last());
            assertEquals(5, rs.getInt(1));
            assertEquals(5, rs.getRow());
            assertTrue(rs.absolute(2));
            assertEquals(2, rs.getInt(1));
            assertTrue(rs.relative(2));
            assertEquals(4, rs.getInt(1));
            assertTrue(rs.previous());
            assertEquals(3, rs.getInt(1));
            assertTrue(rs.absolute(-1));
            assertEquals(5, rs.getInt(1));
            rs.afterLast();
            assertTrue(rs.isAfterLast());
            assertFalse(rs.next());
            rs.beforeFirst();
            assertTrue(rs.next());
            assertTrue(rs.isFirst());
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertEquals("24000", assertThrows(SQLException.class, rs::previous).getSQLState());
        }
    }
}
