package org.rustydb.client.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Interval;

/** The getters' conversions, with pgjdbc's answers. */
class JdbcResultSetGettersTest {
    private Connection c;
    private Statement s;

    @BeforeEach
    void open() throws SQLException {
        c = TestConnections.open();
        s = c.createStatement();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private ResultSet one(String sql) throws SQLException {
        ResultSet rs = s.executeQuery(sql);
        assertTrue(rs.next());
        return rs;
    }

    @Test
    void numbersConvertWhenTheyFit() throws SQLException {
        ResultSet rs = one("select 12.75::numeric, 3000000000::bigint, '42'::text, 1.5::float8, 7::smallint");
        assertEquals(12, rs.getInt(1));
        assertEquals(12.75, rs.getDouble(1));
        assertEquals(new BigDecimal("12.75"), rs.getBigDecimal(1));
        assertEquals("22003", assertThrows(SQLException.class, () -> rs.getInt(2)).getSQLState());
        assertEquals(3_000_000_000L, rs.getLong(2));
        assertEquals(BigInteger.valueOf(3_000_000_000L), rs.getObject(2, BigInteger.class));
        assertEquals(42, rs.getInt(3));
        assertEquals(42L, rs.getObject(3, Long.class));
        assertEquals(1.5f, rs.getFloat(4));
        assertEquals(1, rs.getInt(4));
        assertEquals(Integer.valueOf(7), rs.getObject(5), "smallint reads as Integer, as pgjdbc");
        assertEquals((short) 7, rs.getShort(5));
    }

    @Test
    void textThatIsNotANumberIsAnError() throws SQLException {
        ResultSet rs = one("select 'abc'::text, 'yes'::text");
        assertEquals("22P02", assertThrows(SQLException.class, () -> rs.getInt(1)).getSQLState());
        assertEquals("22P02", assertThrows(SQLException.class, () -> rs.getBoolean(1)).getSQLState());
        assertTrue(rs.getBoolean(2));
    }

    @Test
    void dateTimeValues() throws SQLException {
        s.execute("set timezone = 'UTC'");
        ResultSet rs = one("select date '2024-02-29', timestamp '2024-02-29 10:11:12.5',"
                + " timestamptz '2024-02-29 10:11:12+02', interval '1 day 2 hours'");
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(1, LocalDate.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), rs.getObject(1, LocalDateTime.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 10, 11, 12, 500_000_000), rs.getObject(2, LocalDateTime.class));
        assertEquals(OffsetDateTime.of(2024, 2, 29, 8, 11, 12, 0, ZoneOffset.UTC),
                rs.getObject(3, OffsetDateTime.class));
        assertEquals(Instant.parse("2024-02-29T08:11:12Z"), rs.getObject(3, Instant.class));
        assertEquals("2024-02-29 08:11:12+00", rs.getString(3));
        assertEquals("22P02", assertThrows(SQLException.class, () -> rs.getObject(3, LocalDateTime.class))
                .getSQLState(), "a timestamptz has no local date-time of its own (pgjdbc)");
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        assertEquals(Instant.parse("2024-02-29T10:11:12.5Z"), rs.getTimestamp(2, utc).toInstant());
        assertEquals(Timestamp.valueOf("2024-02-29 10:11:12.5"), rs.getTimestamp(2));
        assertEquals(new Interval(0, 1, 7_200_000_000L), rs.getObject(4));
        assertEquals("1 day 02:00:00", rs.getString(4));
    }

    @Test
    void otherTypesAndNulls() throws Exception {
        ResultSet rs = one("select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '\\x0102'::bytea,"
                + " '{\"a\": 1}'::jsonb, null::int, array['x', null]::text[]");
        assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject(1, UUID.class));
        assertArrayEquals(new byte[] {1, 2}, rs.getBytes(2));
        assertArrayEquals(new byte[] {1, 2}, rs.getBinaryStream(2).readAllBytes());
        assertEquals("{\"a\": 1}", rs.getString(3));
        assertEquals(0, rs.getInt(4));
        assertTrue(rs.wasNull());
        assertNull(rs.getObject(4, Integer.class));
        assertArrayEquals(new String[] {"x", null}, (Object[]) rs.getArray(5).getArray());
        assertEquals("text", rs.getArray(5).getBaseTypeName());
        assertEquals("22P02", assertThrows(SQLException.class, () -> rs.getObject(1, Thread.class)).getSQLState());
    }

    @Test
    void metadataDescribesColumns() throws SQLException {
        ResultSet rs = one("select 1::int as a, 'x'::varchar(10) as b, 2.5::numeric(6,2) as c, now() as d");
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(4, md.getColumnCount());
        assertEquals("a", md.getColumnLabel(1));
        assertEquals(Types.INTEGER, md.getColumnType(1));
        assertEquals("int4", md.getColumnTypeName(1));
        assertEquals(Integer.class.getName(), md.getColumnClassName(1));
        assertEquals(Types.VARCHAR, md.getColumnType(2));
        assertEquals(10, md.getPrecision(2));
        assertEquals(6, md.getPrecision(3));
        assertEquals(2, md.getScale(3));
        assertEquals(Types.TIMESTAMP_WITH_TIMEZONE, md.getColumnType(4));
        assertEquals(Timestamp.class.getName(), md.getColumnClassName(4));
        assertEquals(2, rs.findColumn("B"));
        assertEquals("42703", assertThrows(SQLException.class, () -> rs.findColumn("nope")).getSQLState());
        assertFalse(rs.next());
        assertEquals("24000", assertThrows(SQLException.class, () -> rs.getInt(1)).getSQLState());
    }
}
