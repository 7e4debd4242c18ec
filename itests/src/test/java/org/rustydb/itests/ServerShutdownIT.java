package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM stops bin/rustydb cleanly through Felix's shutdown hook, even with a client connected,
 * and a restart on the same data directory finds the committed data.
 */
class ServerShutdownIT {
    private ServerProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sigtermStopsTheServerCleanly() throws Exception {
        Path workDir = Distribution.workDir("shutdown");
        server = ServerProcess.start(workDir);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            assertEquals(List.of(List.of("1")), Sql.query(connection, "select 1"));

            boolean exited = server.terminate(Duration.ofSeconds(10));
            String output = server.output();
            assertTrue(exited, "bin/rustydb still running 10 s after SIGTERM; output:\n" + output);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited because of the signal
            assertEquals(143, server.process().exitValue(), "exit code; output:\n" + output);

            String log = Files.readString(server.logFile());
            for (String text : List.of(output, log)) {
                assertTrue(text.contains("kernel stopped"), "the framework stopped the kernel:\n" + text);
                for (String bad : List.of("ERROR", "WARN", "Exception")) {
                    assertTrue(!text.contains(bad), "no " + bad + " in the server output or log:\n" + text);
                }
            }
        }
    }

    /**
     * A server stopped with SIGTERM and started again on the same data directory (through
     * etc/org.rustydb.storage.paged.cfg: ${rustydb.data.dir}/db) has every committed change,
     * and nothing rolled back or left uncommitted by a client connected at the stop.
     */
    @Test
    void committedDataSurvivesARestart() throws Exception {
        Path workDir = Distribution.workDir("restart");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port()); Connection open = Sql.connect(server.port())) {
            Sql.execute(connection, "create table kept(a int primary key, b text)");
            Sql.execute(connection, "insert into kept values (1, 'one'), (2, 'two'), (3, null)");
            Sql.execute(connection, "update kept set b = 'TWO' where a = 2");
            Sql.execute(connection, "delete from kept where a = 1");
            Sql.execute(connection, "begin");
            Sql.execute(connection, "insert into kept values (4, 'rolled back')");
            Sql.execute(connection, "rollback");
            Sql.execute(connection, "create table gone(a int)");
            Sql.execute(connection, "drop table gone");
            Sql.execute(open, "begin");
            Sql.execute(open, "insert into kept values (5, 'never committed')");

            assertTrue(server.terminate(Duration.ofSeconds(10)), "bin/rustydb still running 10 s after SIGTERM");
            assertEquals(143, server.process().exitValue(), "exit code; output:\n" + server.output());
        }
        assertTrue(Files.isDirectory(data.resolve("db")), "no data directory " + data.resolve("db"));
        try (Stream<Path> files = Files.list(data.resolve("db"))) {
            assertTrue(files.findAny().isPresent(), "the engine wrote nothing to " + data.resolve("db"));
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            assertEquals(List.of(List.of("2", "TWO"), Arrays.asList("3", null)),
                    Sql.query(connection, "select a, b from kept order by a"));
            SQLException dropped = assertThrows(SQLException.class, () -> Sql.query(connection, "select a from gone"));
            assertEquals("42P01", dropped.getSQLState(), "a dropped table stays dropped: " + dropped);
            Sql.execute(connection, "insert into kept values (6, 'six')");
            assertEquals(List.of(List.of("six")), Sql.query(connection, "select b from kept where a = 6"));
        }
        String output = server.output();
        for (String bad : List.of("ERROR", "Exception")) {
            assertFalse(output.contains(bad), "no " + bad + " when starting on a stopped server's directory:\n"
                    + output);
        }
    }
}
