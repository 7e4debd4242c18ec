package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front end as libpq's psql sees it; skipped when psql is not installed. */
class PsqlTest {
    private PgServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(psqlOnPath(), "psql is not on PATH");
        server = new PgServer(new FakeDatabase(), new ServerSettings("127.0.0.1", 0, 10, 1 << 20));
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static boolean psqlOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "psql"))) {
                return true;
            }
        }
        return false;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run psql(String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("psql", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "rustydb", "-d", "rustydb", "-X", "-A", "-t"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        pb.environment().put("PGAPPNAME", "psql-test");
        pb.environment().remove("PGPASSWORD");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void selectsRowsAndNulls() throws Exception {
        Run r = psql("-c", "select rows");
        assertEquals(0, r.exit(), r.err());
        assertEquals("1|one|t|10000000000|1|x\n2||f|||\n3|naïve ☃||-5|-3|\n", r.out());
    }

    @Test
    void sendsApplicationName() throws Exception {
        Run r = psql("-c", "show application_name");
        assertEquals(0, r.exit(), r.err());
        assertEquals("psql-test\n", r.out());
    }

    @Test
    void reportsErrorsWithPosition() throws Exception {
        Run r = psql("-v", "VERBOSITY=verbose", "-c", "select error");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("ERROR:  42601: syntax error at or near \"error\""), r.err());
        assertTrue(r.err().contains("DETAIL:  some detail"), r.err());
        assertTrue(r.err().contains("HINT:  some hint"), r.err());
        assertTrue(r.err().contains("LINE 1: select error"), r.err());
    }

    @Test
    void showsNoticesBeforeTheResult() throws Exception {
        Run r = psql("-v", "VERBOSITY=verbose", "-c", "warn me");
        assertEquals(0, r.exit(), r.err());
        assertEquals("WARN\n", r.out());
        assertTrue(r.err().contains("WARNING:  01000: careful"), r.err());
        assertTrue(r.err().contains("DETAIL:  some detail"), r.err());
        assertTrue(r.err().contains("HINT:  some hint"), r.err());
    }

    @Test
    void runsSeveralCommandsOnOneConnection() throws Exception {
        Run r = psql("-c", "select error", "-c", "select 1", "-c", "begin", "-c", "create table t", "-c", "commit");
        assertEquals(0, r.exit(), r.err()); // psql goes on after an error unless ON_ERROR_STOP is set
        assertEquals("1\nBEGIN\nCREATE TABLE\nCOMMIT\n", r.out());
    }

    @Test
    void unknownDatabaseFailsToConnect() throws Exception {
        Run r = psql("-d", "nosuch", "-c", "select 1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("database \"nosuch\" does not exist"), r.err());
    }
}
