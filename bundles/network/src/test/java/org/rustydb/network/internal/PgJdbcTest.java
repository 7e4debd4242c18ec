package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The front end as pgjdbc sees it. */
class PgJdbcTest {
    private FakeDatabase database;
    private PgServer server;

    @BeforeEach
    void start() throws IOException {
        database = new FakeDatabase();
        server = new PgServer(database, new ServerSettings("127.0.0.1", 0, 3, 1 << 20));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Connection connect(String mode) throws SQLException {
        return connect(mode, "rustydb");
    }

    private Connection connect(String mode, String databaseName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "rustydb");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "10");
        if (mode != null) {
            p.setProperty("preferQueryMode", mode);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + databaseName, p);
    }

    @Test
    void selectsRowsWithNullsAndTypes() throws SQLException {
        try (Connection c = connect("simple"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rows")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(6, md.getColumnCount());
            assertEquals("id", md.getColumnLabel(1));
            assertEquals(Types.INTEGER, md.getColumnType(1));
            assertEquals(Types.VARCHAR, md.getColumnType(2)); // pgjdbc maps text to VARCHAR
            assertEquals(Types.BIT, md.getColumnType(3));
            assertEquals(Types.BIGINT, md.getColumnType(4));
            assertEquals(Types.SMALLINT, md.getColumnType(5));
            assertEquals("varchar", md.getColumnTypeName(6));
            assertEquals(10, md.getPrecision(6)); // typmod 14 is varchar(10)

            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("one", rs.getString(2));
            assertTrue(rs.getBoolean(3));
            assertEquals(10_000_000_000L, rs.getLong(4));
            assertEquals(1, rs.getShort(5));
            assertTrue(rs.next());
            assertEquals(2, rs.getInt("id"));
            assertNull(rs.getString("name"));
            assertTrue(rs.wasNull());
            assertFalse(rs.getBoolean("flag"));
            assertEquals(0L, rs.getLong("big"));
            assertTrue(rs.wasNull());
            assertTrue(rs.next());
            assertEquals("naïve ☃", rs.getString(2));
            assertEquals(-5L, rs.getLong(4));
            assertEquals("", rs.getString(6));
            assertFalse(rs.next());
        }
    }

    @Test
    void reportsServerParameters() throws SQLException {
        try (Connection c = connect("simple")) {
            PGConnection pg = c.unwrap(PGConnection.class);
            assertEquals("15.0", pg.getParameterStatus("server_version"));
            assertEquals("UTF8", pg.getParameterStatus("client_encoding"));
            assertEquals("on", pg.getParameterStatus("standard_conforming_strings"));
            assertEquals(15, c.getMetaData().getDatabaseMajorVersion());
            assertNotNull(pg.getBackendPID());
        }
    }

    @Test
    void errorArrivesWithSqlStateAndPositionAndConnectionStaysUsable() throws SQLException {
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("select error"));
            assertEquals("42601", e.getSQLState());
            ServerErrorMessage m = e.getServerErrorMessage();
            assertNotNull(m);
            assertEquals(8, m.getPosition());
            assertEquals("ERROR", m.getSeverity());
            assertEquals("some detail", m.getDetail());
            assertEquals("some hint", m.getHint());
            assertEquals("syntax error at or near \"error\"", m.getMessage());

            PSQLException internal = assertThrows(PSQLException.class, () -> s.executeQuery("select boom"));
            assertEquals("XX000", internal.getSQLState());

            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void defaultModeUsesTheExtendedProtocol() throws SQLException {
        try (Connection c = connect(null)) {
            for (int i = 0; i < 3; i++) {
                try (java.sql.PreparedStatement ps = c.prepareStatement("echo ? ?")) {
                    ps.setInt(1, 42 + i);
                    ps.setString(2, "x");
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(Integer.toString(42 + i), rs.getString(1));
                        assertEquals("x", rs.getString(2));
                    }
                }
            }
            PSQLException e = assertThrows(PSQLException.class, () -> c.createStatement().executeQuery("select error"));
            assertEquals("42601", e.getSQLState());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select rows")) {
                assertTrue(rs.next());
                assertEquals(10_000_000_000L, rs.getLong(4));
            }
            assertFalse(c.isClosed());
        }
    }

    @Test
    void statementCancelUsesCancelRequest() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            Future<SQLException> running = pool.submit(() -> {
                try {
                    s.executeQuery("select sleep");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            RawProtocolTest.waitFor(() -> !database.sessions.isEmpty());
            assertTrue(database.sessions.get(0).sleeping.await(5, TimeUnit.SECONDS));
            s.cancel();
            SQLException e = running.get(5, TimeUnit.SECONDS);
            assertNotNull(e, "the statement should have been cancelled");
            assertEquals("57014", e.getSQLState());
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownDatabaseIsRefused() {
        PSQLException e = assertThrows(PSQLException.class, () -> connect("simple", "nosuch"));
        assertEquals("3D000", e.getSQLState());
    }

    @Test
    void tooManyConnectionsIs53300() throws SQLException {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(connect("simple"));
            }
            PSQLException e = assertThrows(PSQLException.class, () -> connect("simple"));
            assertEquals("53300", e.getSQLState());
            assertTrue(e.getMessage().contains("sorry, too many clients already"));
            open.remove(0).close();
            // the slot comes back once the server has seen the close
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                try {
                    open.add(connect("simple"));
                    break;
                } catch (PSQLException retry) {
                    if (!"53300".equals(retry.getSQLState()) || System.nanoTime() > deadline) {
                        throw retry;
                    }
                }
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }
}
