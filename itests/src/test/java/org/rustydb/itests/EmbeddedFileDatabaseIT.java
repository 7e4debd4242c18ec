package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A database directory written by the embedded driver is served by the server, and the other way
 * round: both run the same bundles over the same layout. While one holds the directory, the
 * other is refused with 55P03.
 */
class EmbeddedFileDatabaseIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*), sum(a) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void writtenEmbeddedServedByTheServerAndBack() throws Exception {
        Path work = Distribution.workDir("embedded-file");
        Path data = work.resolve("data");
        String url = "jdbc:rustydb:file:" + data.resolve("db");
        try (Connection c = EmbeddedJar.connect(url); Statement s = c.createStatement()) {
            s.execute("create table ef(a int primary key, b text not null)");
            s.execute("create index ef_b on ef(b)");
            assertEquals(100, s.executeUpdate("insert into ef select g, 'row ' || g from generate_series(1, 100) g"));
            try (Connection second = EmbeddedJar.connect(url)) {
                assertEquals(100, count(second, "ef"), "connections to one URL share one database");
            }
        }
        try (ServerProcess server = ServerProcess.start(work.resolve("server"), data)) {
            server.awaitReady(START_TIMEOUT);
            SQLException busy = assertThrows(SQLException.class, () -> EmbeddedJar.connect(url));
            assertEquals("55P03", busy.getSQLState());
            assertTrue(busy.getMessage().contains("in use"), busy.getMessage());
            try (Connection c = Sql.connect(server.port()); Statement s = c.createStatement()) {
                assertEquals(100, count(c, "ef"));
                try (ResultSet rs = s.executeQuery("select b from ef where b = 'row 42'")) {
                    assertTrue(rs.next(), "the embedded index answers through the server");
                }
                s.execute("insert into ef select g, 'row ' || g from generate_series(101, 110) g");
                s.execute("create table from_server(a int)");
            }
        }
        try (Connection c = EmbeddedJar.connect(url); Statement s = c.createStatement()) {
            assertEquals(110, count(c, "ef"));
            assertEquals(0, count(c, "from_server"));
        }
    }
}
