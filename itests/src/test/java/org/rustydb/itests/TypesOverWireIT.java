package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * pgjdbc maps result columns by the type OIDs of the row description: numeric comes back as
 * BigDecimal, double precision as Double, date as java.sql.Date and so on, and values stored by one
 * server process read back the same after a restart.
 */
class TypesOverWireIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void clientsSeeTheTypesAndValuesSurviveARestart() throws Exception {
        Path work = Distribution.workDir("types");
        Path data = work.resolve("data");
        String select = "SELECT n, r, d, dt, t, ts, tz, iv, b, u, j, c, a FROM typed";
        try (ServerProcess server = ServerProcess.start(work.resolve("first"), data)) {
            server.awaitReady(START_TIMEOUT);
            try (Connection c = Sql.connect(server.port()); Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("CREATE TABLE typed (n numeric(10,2), r real, d double precision, dt date, t time, "
                        + "ts timestamp, tz timestamptz, iv interval, b bytea, u uuid, j jsonb, c char(3), a int[])");
                s.execute("INSERT INTO typed VALUES (12.345, 1.5, 0.1, '2024-01-02', '10:11:12', "
                        + "'2024-01-02 03:04:05.5', '2024-01-02 03:04:05+02', '1 day 2 hours', '\\xdead', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"b\":1,\"a\":2}', 'x', ARRAY[1,2])");
                try (ResultSet rs = s.executeQuery(select)) {
                    assertTrue(rs.next());
                    ResultSetMetaData md = rs.getMetaData();
                    assertEquals("numeric", md.getColumnTypeName(1));
                    assertEquals(10, md.getPrecision(1));
                    assertEquals(2, md.getScale(1));
                    assertEquals(new BigDecimal("12.35"), rs.getObject(1));
                    assertEquals(Float.class, rs.getObject(2).getClass());
                    assertEquals(0.1, rs.getObject(3));
                    assertEquals(java.sql.Date.valueOf("2024-01-02"), rs.getObject(4));
                    assertEquals(java.sql.Time.class, rs.getObject(5).getClass());
                    assertEquals(java.sql.Timestamp.valueOf("2024-01-02 03:04:05.5"), rs.getObject(6));
                    assertEquals(java.time.OffsetDateTime.parse("2024-01-02T01:04:05Z"),
                            rs.getObject(7, java.time.OffsetDateTime.class));
                    assertEquals("1 day 02:00:00", rs.getString(8));
                    assertEquals("[-34, -83]", java.util.Arrays.toString(rs.getBytes(9)));
                    assertEquals(java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject(10));
                    assertEquals("{\"a\": 2, \"b\": 1}", rs.getString(11));
                    assertEquals("x  ", rs.getString(12));
                    assertEquals("[1, 2]", java.util.Arrays.toString((Object[]) rs.getArray(13).getArray()));
                }
            }
        }
        try (ServerProcess server = ServerProcess.start(work.resolve("second"), data)) {
            server.awaitReady(START_TIMEOUT);
            try (Connection c = Sql.connect(server.port()); Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                assertEquals("[[12.35, 1.5, 0.1, 2024-01-02, 10:11:12, 2024-01-02 03:04:05.5, 2024-01-02 01:04:05+00, "
                        + "1 day 02:00:00, \\xdead, a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11, {\"a\": 2, \"b\": 1}, x  , "
                        + "{1,2}]]", Sql.query(c, select).toString());
            }
        }
    }
}
