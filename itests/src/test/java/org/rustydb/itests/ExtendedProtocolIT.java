package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgjdbc in its default mode, the extended query protocol: parameters and results of many types in
 * text and (from the first execution with prepareThreshold=1) binary, batches that commit or fail
 * as a whole, and fetch sizes that suspend a portal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtendedProtocolIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    private EmbeddedRustyDb db;

    @BeforeAll
    void start() throws Exception {
        db = EmbeddedRustyDb.start(root);
        db.awaitPort(TIMEOUT);
        Sql.awaitReady(db.port(), TIMEOUT);
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private Connection connect(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port()
                + "/rustydb?connectTimeout=10&socketTimeout=30&" + options, "rustydb", Distribution.password());
    }

    @Test
    void parametersAndResultsOfManyTypesRoundTripInTextAndBinary() throws SQLException {
        try (Connection setup = connect(""); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE typed (id int PRIMARY KEY, s smallint, b bigint, r real, d double precision, "
                    + "f boolean, t text, v varchar(10), c char(3), y bytea, dt date, tm time, ts timestamp, "
                    + "tz timestamptz, n numeric(12,3), u uuid, iv interval, j json, jb jsonb, a int[])");
        }
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        for (String threshold : new String[] {"5", "1"}) {
            try (Connection c = connect("prepareThreshold=" + threshold)) {
                int base = threshold.equals("1") ? 100 : 0;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO typed VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::interval, ?::json, ?::jsonb, ?)")) {
                    for (int i = 0; i < 6; i++) {
                        insert.setInt(1, base + i);
                        insert.setShort(2, (short) -i);
                        insert.setLong(3, 10_000_000_000L * i);
                        insert.setFloat(4, 1.5f + i);
                        insert.setDouble(5, 0.1 * i);
                        insert.setBoolean(6, i % 2 == 0);
                        insert.setString(7, "naïve ☃ " + i);
                        insert.setString(8, "v" + i);
                        insert.setString(9, "x");
                        insert.setBytes(10, new byte[] {(byte) 0xde, (byte) i});
                        insert.setObject(11, LocalDate.of(2024, 1, 2).plusDays(i));
                        insert.setObject(12, LocalTime.of(10, 11, 12, 500_000_000));
                        insert.setObject(13, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 123_456_000));
                        insert.setObject(14, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
                        insert.setBigDecimal(15, new BigDecimal("-12345.678").add(BigDecimal.valueOf(i)));
                        insert.setObject(16, uuid);
                        insert.setString(17, "1 mon 2 days 03:04:05.5");
                        insert.setString(18, "{\"b\": 1}");
                        insert.setString(19, "{\"b\":1,\"a\":2}");
                        insert.setArray(20, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                        assertEquals(1, insert.executeUpdate());
                    }
                }
                try (PreparedStatement select = c.prepareStatement("SELECT * FROM typed WHERE id = ?")) {
                    for (int i = 0; i < 6; i++) {
                        select.setInt(1, base + i);
                        try (ResultSet rs = select.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals((short) -i, rs.getShort(2));
                            assertEquals(10_000_000_000L * i, rs.getLong(3));
                            assertEquals(1.5f + i, rs.getFloat(4));
                            assertEquals(0.1 * i, rs.getDouble(5));
                            assertEquals(i % 2 == 0, rs.getBoolean(6));
                            assertEquals("naïve ☃ " + i, rs.getString(7));
                            assertEquals("v" + i, rs.getString(8));
                            assertEquals("x  ", rs.getString(9));
                            assertArrayEquals(new byte[] {(byte) 0xde, (byte) i}, rs.getBytes(10));
                            assertEquals(LocalDate.of(2024, 1, 2).plusDays(i), rs.getObject(11, LocalDate.class));
                            assertEquals(LocalTime.of(10, 11, 12, 500_000_000), rs.getObject(12, LocalTime.class));
                            assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 123_456_000),
                                    rs.getObject(13, LocalDateTime.class));
                            assertEquals(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC).toInstant(),
                                    rs.getObject(14, OffsetDateTime.class).toInstant());
                            assertEquals(new BigDecimal("-12345.678").add(BigDecimal.valueOf(i)), rs.getBigDecimal(15));
                            assertEquals(uuid, rs.getObject(16));
                            assertEquals("1 mon 2 days 03:04:05.5", rs.getString(17));
                            assertEquals("{\"b\": 1}", rs.getString(18));
                            assertEquals("{\"a\": 2, \"b\": 1}", rs.getString(19));
                            assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) rs.getArray(20).getArray());
                            assertFalse(rs.next());
                        }
                    }
                }
            }
        }
    }

    @Test
    void numericValuesSurviveBinary() throws SQLException {
        String[] values = {"0", "0.000", "1", "-1", "10000", "12345678901234567890.123456789", "0.0001",
                "-0.00000001", "99999999", "100000000.5"};
        try (Connection c = connect("prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement("SELECT ?::numeric, ?::numeric + 0")) {
            for (String v : values) {
                ps.setBigDecimal(1, new BigDecimal(v));
                ps.setBigDecimal(2, new BigDecimal(v));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(new BigDecimal(v), rs.getBigDecimal(1), v);
                    assertEquals(new BigDecimal(v), rs.getBigDecimal(2), v);
                }
            }
        }
    }

    @Test
    void batchesCommitOrFailAsAWhole() throws SQLException {
        for (String rewrite : new String[] {"false", "true"}) {
            String table = "batch_" + rewrite;
            try (Connection c = connect("reWriteBatchedInserts=" + rewrite); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                    for (int i = 0; i < 50; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "v" + i);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    for (int i = 100; i < 110; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "w" + i);
                        ps.addBatch();
                    }
                    ps.setInt(1, 5); // a duplicate key in the middle of the batch
                    ps.setString(2, "dup");
                    ps.addBatch();
                    ps.setInt(1, 200);
                    ps.setString(2, "after");
                    ps.addBatch();
                    BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
                    assertEquals("23505", e.getSQLState());
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*), max(id) FROM " + table)) {
                    assertTrue(rs.next());
                    assertEquals(50, rs.getInt(1), "the failed batch rolled back as a whole");
                    assertEquals(49, rs.getInt(2));
                }
            }
        }
    }

    @Test
    void fetchSizeSuspendsThePortalInsideATransaction() throws SQLException {
        try (Connection c = connect("")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE many (id int)");
                s.execute("INSERT INTO many SELECT g FROM generate_series(1, 1000) g");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM many WHERE id > ? ORDER BY id")) {
                ps.setFetchSize(7);
                ps.setInt(1, 10);
                try (ResultSet rs = ps.executeQuery()) {
                    int expected = 11;
                    while (rs.next()) {
                        assertEquals(expected++, rs.getInt(1));
                    }
                    assertEquals(1001, expected);
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    @Test
    void transactionsAndErrorsBehaveAsInPostgreSql() throws SQLException {
        try (Connection c = connect("prepareThreshold=1"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tx (id int PRIMARY KEY)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tx VALUES (?)")) {
                ps.setInt(1, 1);
                ps.executeUpdate();
                ps.setInt(1, 1);
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("23505", e.getSQLState());
                ps.setInt(1, 2);
                e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("25P02", e.getSQLState());
            }
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tx")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            // statements whose columns are only known when they run
            try (ResultSet rs = s.executeQuery("SHOW TimeZone")) {
                assertTrue(rs.next());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::text IS NULL")) {
                ps.setNull(1, java.sql.Types.VARCHAR);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertTrue(rs.getBoolean(1));
                    assertNull(rs.getString(1) == null ? null : null);
                }
            }
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
            assertEquals("42P01", e.getSQLState());
            s.execute("VACUUM tx");
        }
    }

    /**
     * A result far bigger than what a portal keeps in memory (4 MiB; the rest goes to a temporary
     * file) comes back whole and in order, in text and in binary, batch by batch.
     */
    @Test
    void aBigResultFetchedInBatchesComesBackWhole() throws SQLException {
        for (String threshold : new String[] {"5", "1"}) {
            try (Connection c = connect("prepareThreshold=" + threshold)) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, ?) g")) {
                    ps.setFetchSize(1000);
                    ps.setInt(1, 60_000);
                    for (int run = 0; run < 2; run++) {
                        try (ResultSet rs = ps.executeQuery()) {
                            int expected = 1;
                            while (rs.next()) {
                                assertEquals(expected, rs.getInt(1));
                                assertEquals(256, rs.getString(2).length());
                                expected++;
                            }
                            assertEquals(60_001, expected);
                        }
                    }
                }
                c.commit();
            }
        }
    }

    /**
     * Outside BEGIN the messages up to Sync share a transaction, but it is no transaction block:
     * LOCK TABLE and savepoint commands fail with 25P01 as in PostgreSQL, alone or in a batch,
     * and the batch's other statements roll back with them.
     */
    @Test
    void blockOnlyCommandsFailOutsideBegin() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE locked (a int)");
            String[][] commands = {
                {"LOCK TABLE locked", "LOCK TABLE can only be used in transaction blocks"},
                {"SAVEPOINT a", "SAVEPOINT can only be used in transaction blocks"},
                {"RELEASE SAVEPOINT a", "RELEASE SAVEPOINT can only be used in transaction blocks"},
                {"ROLLBACK TO SAVEPOINT a", "ROLLBACK TO SAVEPOINT can only be used in transaction blocks"},
            };
            for (String[] command : commands) {
                SQLException alone = assertThrows(SQLException.class, () -> c.prepareStatement(command[0]).execute());
                assertEquals("25P01", alone.getSQLState(), command[0]);
                assertTrue(alone.getMessage().contains(command[1]), alone.getMessage());
                Statement batch = c.createStatement();
                batch.addBatch("INSERT INTO locked VALUES (1)");
                batch.addBatch(command[0]);
                BatchUpdateException failed = assertThrows(BatchUpdateException.class, batch::executeBatch);
                assertEquals("25P01", failed.getSQLState(), command[0]);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM locked")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            c.setAutoCommit(false);
            s.execute("LOCK TABLE locked");
            s.execute("SAVEPOINT a");
            s.execute("ROLLBACK TO SAVEPOINT a");
            s.execute("RELEASE SAVEPOINT a");
            c.commit();
        }
    }

    @Test
    void notInSubqueriesRunInTheTransactionThatBoundThem() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE o (id int, k int)");
            s.execute("CREATE TABLE i (k int)");
            s.execute("INSERT INTO o VALUES (1, 1), (2, 2), (3, NULL)");
            s.execute("INSERT INTO i VALUES (1)");
            try (ResultSet rs = s.executeQuery("SELECT id FROM o WHERE k NOT IN (SELECT k FROM i) ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertFalse(rs.next());
            }
        }
        try (Connection c = connect("prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement("SELECT id FROM o WHERE k NOT IN (SELECT k FROM i) ORDER BY id")) {
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void statementsWhoseColumnsAreKnownOnlyWhenTheyRunCanBeReused() throws SQLException {
        try (Connection c = connect("prepareThreshold=1")) {
            for (String sql : new String[] {"SHOW TimeZone", "EXPLAIN SELECT 1"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < 4; i++) {
                        try (ResultSet rs = ps.executeQuery()) {
                            assertTrue(rs.next(), sql);
                            assertTrue(rs.getString(1) != null && !rs.getString(1).isEmpty(), sql);
                        }
                    }
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SHOW TimeZone")) {
                ps.setFetchSize(1);
                for (int i = 0; i < 3; i++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertFalse(rs.next());
                    }
                }
            }
            c.commit();
        }
    }
}
