package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Memory databases of the embedded jar: their lifetime, their isolation, and the security bundle's part in them. */
class EmbeddedDriverIT {
    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, "public", table, null)) {
            return rs.next();
        }
    }

    @Test
    void aMemoryDatabaseLivesWhileAConnectionHoldsIt() throws Exception {
        try (Connection first = EmbeddedJar.connect("jdbc:rustydb:mem:lifetime"); Statement s = first.createStatement()) {
            s.execute("create table kept(a int)");
            try (Connection second = EmbeddedJar.connect("jdbc:rustydb:mem:lifetime");
                 Connection other = EmbeddedJar.connect("jdbc:rustydb:mem:another")) {
                assertTrue(exists(second, "kept"), "one URL, one database");
                assertFalse(exists(other, "kept"), "another name, another database");
            }
            assertTrue(exists(first, "kept"), "closing one connection leaves the database to the other");
        }
        try (Connection again = EmbeddedJar.connect("jdbc:rustydb:mem:lifetime")) {
            assertFalse(exists(again, "kept"), "the last close dropped the database");
        }
    }

    @Test
    void rolesAndPrivilegesAreThoseOfTheServer() throws Exception {
        try (Connection admin = EmbeddedJar.connect("jdbc:rustydb:mem:roles"); Statement s = admin.createStatement()) {
            s.execute("create table secret(a int)");
            s.execute("create role alice login");
            List<String> grantees = new ArrayList<>();
            try (ResultSet rs = admin.getMetaData().getTablePrivileges(null, "public", "secret")) {
                while (rs.next()) {
                    grantees.add(rs.getString("GRANTEE") + " " + rs.getString("PRIVILEGE"));
                }
            }
            assertTrue(grantees.contains("rustydb SELECT"), grantees.toString());
            Properties alice = new Properties();
            alice.setProperty("user", "alice");
            try (Connection c = EmbeddedJar.connect("jdbc:rustydb:mem:roles", alice); Statement as = c.createStatement()) {
                SQLException denied = assertThrows(SQLException.class, () -> as.executeQuery("select * from secret"));
                assertEquals("42501", denied.getSQLState());
                assertEquals("permission denied for table secret", denied.getMessage());
            }
            Properties nobody = new Properties();
            nobody.setProperty("user", "nobody");
            SQLException missing = assertThrows(SQLException.class,
                    () -> EmbeddedJar.connect("jdbc:rustydb:mem:roles", nobody));
            assertEquals("28000", missing.getSQLState());
            assertEquals("role \"nobody\" does not exist", missing.getMessage());
            s.execute("create role bob nologin");
            Properties bob = new Properties();
            bob.setProperty("user", "bob");
            assertEquals("role \"bob\" is not permitted to log in", assertThrows(SQLException.class,
                    () -> EmbeddedJar.connect("jdbc:rustydb:mem:roles", bob)).getMessage());
        }
    }

    @Test
    void aDirectoryTheEngineCannotOpenFailsAtOnceWithItsError() throws Exception {
        java.nio.file.Path db = Distribution.workDir("embedded-corrupt").resolve("db");
        java.nio.file.Files.createDirectories(db);
        java.nio.file.Files.writeString(db.resolve("control"), "not a control file");
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> EmbeddedJar.connect("jdbc:rustydb:file:" + db));
        assertEquals("XX001", e.getSQLState());
        assertTrue(e.getMessage().contains("is not a RustyDB control file"), e.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "reported, not waited out");
    }

    @Test
    void anEmbeddedDatabaseIsServedOverTheWireWhenAskedForAPort() throws Exception {
        int port = Distribution.freePort();
        try (Connection c = EmbeddedJar.connect("jdbc:rustydb:mem:served?port=" + port);
             Statement s = c.createStatement()) {
            s.execute("create table shared(a int)");
            s.execute("insert into shared values (42)");
            // pgjdbc logs in with the superuser's password (RUSTYDB_PASSWORD, as the server's)
            try (Connection wire = Sql.connect(port)) {
                assertEquals(List.of(List.of("42")), Sql.query(wire, "select a from shared"));
                Sql.execute(wire, "insert into shared values (43)");
            }
            try (ResultSet rs = s.executeQuery("select count(*) from shared")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void warningsAndErrorsComeFromTheEngine() throws Exception {
        try (Connection c = EmbeddedJar.connect("jdbc:rustydb:mem:"); Statement s = c.createStatement()) {
            s.execute("drop table if exists nothing");
            assertNotNull(s.getWarnings());
            assertEquals("table \"nothing\" does not exist, skipping", s.getWarnings().getMessage());
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.execute("select * from nothing"))
                    .getSQLState());
        }
    }
    /**
     * A batch's rows are stored together: a duplicate key deep in a batch of several storage
     * batches is named by its entry, and in auto-commit nothing of the batch stays.
     */
    @Test
    void aBatchStoredTogetherNamesTheEntryTheEngineRefused() throws Exception {
        try (Connection c = EmbeddedJar.connect("jdbc:rustydb:mem:batches"); Statement s = c.createStatement()) {
            s.execute("create table parent(id int primary key)");
            s.execute("insert into parent values (1), (2)");
            s.execute("create table child(id bigint primary key, p int references parent, note text)");
            try (java.sql.PreparedStatement p = c.prepareStatement("insert into child values (?, ?, ?)")) {
                for (int i = 0; i < 2_000; i++) {
                    p.setLong(1, i == 1_500 ? 10 : i);
                    p.setInt(2, 1 + i % 2);
                    p.setString(3, "note " + i);
                    p.addBatch();
                }
                java.sql.BatchUpdateException e = assertThrows(java.sql.BatchUpdateException.class, p::executeBatch);
                assertEquals("23505", e.getSQLState());
                assertEquals(1_500, e.getUpdateCounts().length);
                for (int i = 0; i < 1_000; i++) {
                    p.setLong(1, i);
                    p.setInt(2, i == 700 ? 3 : 1);
                    p.setString(3, null);
                    p.addBatch();
                }
                e = assertThrows(java.sql.BatchUpdateException.class, p::executeBatch);
                assertEquals("23503", e.getSQLState());
                assertEquals(0, e.getUpdateCounts().length); // checked at the end of the statement
                for (int i = 0; i < 1_000; i++) {
                    p.setLong(1, i);
                    p.setInt(2, 2);
                    p.setString(3, "kept");
                    p.addBatch();
                }
                assertEquals(1_000, p.executeBatch().length);
            }
            try (ResultSet rs = s.executeQuery("select count(*), min(note), max(note) from child where p = 2")) {
                assertTrue(rs.next());
                assertEquals(1_000, rs.getInt(1));
                assertEquals("kept", rs.getString(2));
                assertEquals("kept", rs.getString(3));
            }
        }
    }
}
