package org.rustydb.client.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseUrlTest {
    @TempDir
    Path dir;

    @Test
    void fileUrlsOfOneDirectoryShareAKey() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        DatabaseUrl a = DatabaseUrl.parse("jdbc:rustydb:file:" + dir.resolve("db"), null);
        DatabaseUrl b = DatabaseUrl.parse("jdbc:rustydb:file:" + dir.resolve("x/../db") + "?fsync=false", null);
        assertEquals(a.key(), b.key());
        assertTrue(a.fsync());
        assertFalse(b.fsync());
        assertEquals("rustydb", a.user());
        assertEquals(dir.resolve("db").toRealPath(), a.directory());
    }

    @Test
    void memoryUrls() throws SQLException {
        DatabaseUrl named = DatabaseUrl.parse("jdbc:rustydb:mem:app?user=alice", null);
        assertTrue(named.memory());
        assertFalse(named.fsync());
        assertEquals("alice", named.user());
        assertEquals(named.key(), DatabaseUrl.parse("jdbc:rustydb:mem:app", null).key());
        assertNotEquals(DatabaseUrl.parse("jdbc:rustydb:mem:", null).key(),
                DatabaseUrl.parse("jdbc:rustydb:mem:", null).key(), "an unnamed database is private");
    }

    @Test
    void propertiesAndUrlOptions() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "bob");
        p.setProperty("password", "secret");
        p.setProperty("unrelated", "ignored");
        DatabaseUrl url = DatabaseUrl.parse("jdbc:rustydb:mem:x?bufferPoolMegabytes=8", p);
        assertEquals("bob", url.user());
        assertEquals("secret", url.password());
        assertEquals(8, url.bufferPoolMegabytes());
        assertEquals(0, url.port());
        assertEquals(5433, DatabaseUrl.parse("jdbc:rustydb:mem:x?port=5433", null).port());
        assertEquals("bob", DatabaseUrl.parse("jdbc:rustydb:mem:x?user=bob", new Properties()).user());
    }

    @Test
    void badUrlsAreRefusedClearly() {
        assertEquals("08001", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:other:x", null)).getSQLState());
        assertEquals("08001", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:mem:x?fsnyc=true", null)).getSQLState());
        assertEquals("22023", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:mem:x?fsync=true", null)).getSQLState());
        assertEquals("22023", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:file:/tmp/x?fsync=maybe", null)).getSQLState());
        assertEquals("22023", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:mem:x?bufferPoolMegabytes=0", null)).getSQLState());
        assertEquals("22023", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:mem:x?port=70000", null)).getSQLState());
        assertEquals("08001", assertThrows(SQLException.class,
                () -> DatabaseUrl.parse("jdbc:rustydb:file:", null)).getSQLState());
    }

    @Test
    void theDriverAnswersOnlyItsUrls() throws SQLException {
        org.rustydb.client.Driver driver = new org.rustydb.client.Driver();
        assertTrue(driver.acceptsURL("jdbc:rustydb:mem:x"));
        assertFalse(driver.acceptsURL("jdbc:postgresql://localhost/x"));
        assertEquals(null, driver.connect("jdbc:postgresql://localhost/x", new Properties()));
        assertEquals(5, driver.getPropertyInfo("jdbc:rustydb:mem:x", new Properties()).length);
    }
}
