package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM stops bin/rustydb cleanly through Felix's shutdown hook, even with a client connected. */
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
}
