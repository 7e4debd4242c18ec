package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * kill -9 of an application using the embedded driver: every transaction whose commit returned is
 * there when the database is opened again. The application is a JVM of its own with the embedded
 * jar on a plain class path (DriverManager finds the driver), which also times a cold open.
 */
class EmbeddedCrashIT {
    private static final int ACKNOWLEDGED = 200;

    private static String testClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                return entry;
            }
        }
        throw new AssertionError("no test-classes on the class path");
    }

    @Test
    void committedTransactionsSurviveKill9() throws Exception {
        Path db = Distribution.workDir("embedded-crash").resolve("db");
        String url = "jdbc:rustydb:file:" + db;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", EmbeddedJar.path() + File.pathSeparator + testClasses(), EmbeddedCommitter.class.getName(), url);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        int last = 0;
        String firstQuery = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (last < ACKNOWLEDGED && (line = out.readLine()) != null) {
                if (line.startsWith("first query")) {
                    firstQuery = line;
                } else if (line.startsWith("committed ")) {
                    last = Integer.parseInt(line.substring("committed ".length()));
                }
            }
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
        assertNotNull(firstQuery, "the application never answered select 1");
        System.out.println("EmbeddedCrashIT: cold JVM, embedded file database: " + firstQuery);
        assertEquals(ACKNOWLEDGED, last, "the application died before " + ACKNOWLEDGED + " commits");
        try (Connection c = EmbeddedJar.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), min(id), max(id) from acked where id <= " + last)) {
            assertTrue(rs.next());
            assertEquals(last, rs.getInt(1), "every acknowledged commit survived");
            assertEquals(1, rs.getInt(2));
            assertEquals(last, rs.getInt(3));
        }
    }
}
