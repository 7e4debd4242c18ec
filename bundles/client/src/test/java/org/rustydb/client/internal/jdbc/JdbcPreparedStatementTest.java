package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcPreparedStatementTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = TestConnections.open();
        try (Statement s = c.createStatement()) {
            s.execute("create table v(id int primary key, i bigint, n numeric(10,2), s text, d date, t time,"
                    + " ts timestamp, tz timestamptz, b bytea, u uuid, f double precision, ok boolean)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void everyParameterTypeRoundTrips() throws SQLException {
        UUID uuid = UUID.randomUUID();
        try (PreparedStatement p = c.prepareStatement("insert into v values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, 1);
            p.setLong(2, 9_000_000_000L);
            p.setBigDecimal(3, new BigDecimal("12.345"));
            p.setString(4, "it's");
            p.setDate(5, Date.valueOf("2024-02-29"));
            p.setObject(6, LocalTime.of(13, 14, 15, 500_000_000));
            p.setTimestamp(7, Timestamp.valueOf("2024-01-02 03:04:05.123456"));
            p.setObject(8, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
            p.setBytes(9, new byte[] {0, 1, (byte) 0xff});
            p.setObject(10, uuid);
            p.setDouble(11, 0.1);
            p.setBoolean(12, true);
            assertEquals(1, p.executeUpdate());
        }
        try (PreparedStatement p = c.prepareStatement("select * from v where id = ?")) {
            p.setInt(1, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(9_000_000_000L, rs.getLong("i"));
                assertEquals(new BigDecimal("12.35"), rs.getBigDecimal("n"));
                assertEquals("it's", rs.getString("s"));
                assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
                assertEquals(Date.valueOf("2024-02-29"), rs.getDate("d"));
                assertEquals(LocalTime.of(13, 14, 15, 500_000_000), rs.getObject("t", LocalTime.class));
                assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                        rs.getObject("ts", LocalDateTime.class));
                assertEquals(Timestamp.valueOf("2024-01-02 03:04:05.123456"), rs.getTimestamp("ts"));
                assertEquals(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC),
                        rs.getObject("tz", OffsetDateTime.class));
                assertEquals(Instant.parse("2024-01-02T01:04:05Z"), rs.getTimestamp("tz").toInstant());
                assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes("b"));
                assertEquals("\\x0001ff", rs.getString("b"));
                assertEquals(uuid, rs.getObject("u"));
                assertEquals(0.1, rs.getDouble("f"));
                assertTrue(rs.getBoolean("ok"));
                assertEquals("t", rs.getString("ok"));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void nullsAndWasNull() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into v(id, i, s) values (?, ?, ?)")) {
            p.setInt(1, 2);
            p.setNull(2, Types.BIGINT);
            p.setObject(3, null);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select i, s from v")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1));
            assertTrue(rs.wasNull());
            assertNull(rs.getString(2));
            assertTrue(rs.wasNull());
        }
    }

    @Test
    void missingParameterIsAnError() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select ?::int + ?::int")) {
            p.setInt(1, 1);
            assertEquals("22023", assertThrows(SQLException.class, p::executeQuery).getSQLState());
            assertEquals("22023", assertThrows(SQLException.class, () -> p.setInt(3, 1)).getSQLState());
        }
    }

    @Test
    void badTextForATypeFailsAsInPostgresql() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select * from v where id = ?")) {
            p.setString(1, "abc");
            SQLException e = assertThrows(SQLException.class, p::executeQuery);
            assertEquals("22P02", e.getSQLState());
            assertEquals("invalid input syntax for type integer: \"abc\"", e.getMessage());
        }
    }

    @Test
    void placeholdersInsideLiteralsAndCommentsStay() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select '?' || ? -- ?\n, \"?column?\" from (select 1) x(\"?column?\")")) {
            p.setString(1, "a");
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("?a", rs.getString(1));
                assertEquals(1, rs.getInt(2));
            }
        }
    }

    @Test
    void batchesInsertAndReportCounts() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into v(id, s) values (?, ?)")) {
            for (int i = 1; i <= 100; i++) {
                p.setInt(1, i);
                p.setString(2, "row " + i);
                p.addBatch();
            }
            int[] counts = p.executeBatch();
            assertEquals(100, counts.length);
            assertEquals(1, counts[99]);
            p.setInt(1, 101);
            p.addBatch();
            p.setInt(1, 5);
            p.addBatch();
            BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
            assertEquals("23505", e.getSQLState());
            assertEquals(1, e.getUpdateCounts().length);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from v")) {
            rs.next();
            assertEquals(100, rs.getInt(1));
        }
    }

    @Test
    void aBatchInATransactionNamesTheEntryThatFailedAndFailsTheBlock() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table w(id serial primary key, k int check (k < 100), at text default 'x')");
        }
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("insert into w(k) values (?)")) {
            for (int k = 0; k < 3; k++) {
                p.setInt(1, k);
                p.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1}, p.executeBatch());
            for (int k : new int[] {5, 6, 500, 7}) {
                p.setInt(1, k);
                p.addBatch();
            }
            BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
            assertEquals("23514", e.getSQLState());
            assertArrayEquals(new int[] {1, 1}, e.getUpdateCounts());
            assertTrue(e.getMessage().startsWith("Batch entry 2 "), e.getMessage());
        }
        try (Statement s = c.createStatement()) {
            assertEquals("25P02", assertThrows(SQLException.class, () -> s.executeQuery("select 1")).getSQLState());
        }
        c.rollback();
        try (PreparedStatement p = c.prepareStatement("insert into w(k) values (?)")) {
            p.setInt(1, 1);
            p.addBatch();
            p.setString(1, "two");
            p.addBatch();
            BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
            assertEquals("22P02", e.getSQLState());
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
        }
        c.rollback();
        try (PreparedStatement p = c.prepareStatement("insert into w(k) values (?)")) {
            for (int k = 10; k < 13; k++) {
                p.setInt(1, k);
                p.addBatch();
            }
            p.executeBatch();
        }
        c.commit();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select string_agg(k || at, ',' order by id) from w")) {
            assertTrue(rs.next());
            assertEquals("10x,11x,12x", rs.getString(1)); // defaults per row, nothing of the failed blocks
        }
    }

    @Test
    void aBatchInAReadOnlyTransactionIsRefused() throws SQLException {
        c.setReadOnly(true);
        try (PreparedStatement p = c.prepareStatement("insert into v(id) values (?)")) {
            for (int i = 1; i <= 2; i++) {
                p.setInt(1, i);
                p.addBatch();
            }
            BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
            assertEquals("25006", e.getSQLState());
            assertEquals(0, e.getUpdateCounts().length);
        }
    }

    @Test
    void generatedKeysOfAPreparedInsert() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table k(id int generated always as identity, v text)");
        }
        try (PreparedStatement p = c.prepareStatement("insert into k(v) values (?)", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, "a");
            assertEquals(1, p.executeUpdate());
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(1, keys.getInt("id"));
            }
            p.setString(1, "b");
            p.addBatch();
            p.setString(1, "c");
            p.addBatch();
            assertArrayEquals(new int[] {1, 1}, p.executeBatch());
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(2, keys.getInt(1));
                assertTrue(keys.next());
                assertEquals(3, keys.getInt(1));
            }
        }
    }

    @Test
    void describesParametersAndColumns() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select id, n from v where s = ? and i > ?")) {
            ParameterMetaData pm = p.getParameterMetaData();
            assertEquals(2, pm.getParameterCount());
            assertEquals(Types.VARCHAR, pm.getParameterType(1));
            assertEquals("int8", pm.getParameterTypeName(2));
            ResultSetMetaData md = p.getMetaData();
            assertEquals(2, md.getColumnCount());
            assertEquals("id", md.getColumnName(1));
            assertEquals(Types.NUMERIC, md.getColumnType(2));
            assertEquals(10, md.getPrecision(2));
            assertEquals(2, md.getScale(2));
        }
    }

    @Test
    void severalStatementsWithoutParametersRunAsText() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into v(id) values (1); insert into v(id) values (2)")) {
            assertFalse(p.execute());
            assertEquals(1, p.getUpdateCount());
        }
    }

    @Test
    void aPreparedQueryFollowsItsTableThroughDdl() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select * from v where id = ?");
             Statement s = c.createStatement()) {
            p.setInt(1, 1);
            s.execute("insert into v(id, s) values (1, 'a')");
            try (ResultSet rs = p.executeQuery()) {
                assertEquals(12, rs.getMetaData().getColumnCount());
            }
            s.execute("alter table v add column extra int default 7");
            try (ResultSet rs = p.executeQuery()) {
                assertEquals(13, rs.getMetaData().getColumnCount());
                assertTrue(rs.next());
                assertEquals(7, rs.getInt("extra"));
            }
        }
    }

    @Test
    void stringMethodsAreRefused() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select 1")) {
            assertEquals("42809", assertThrows(SQLException.class, () -> p.executeQuery("select 2")).getSQLState());
        }
    }

    @Test
    void arraysAsParametersAndResults() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select ?::int[]")) {
            p.setArray(1, c.createArrayOf("int4", new Object[] {1, null, 3}));
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("{1,NULL,3}", rs.getString(1));
                assertArrayEquals(new Integer[] {1, null, 3}, (Object[]) rs.getArray(1).getArray());
            }
        }
    }
}
