package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rustydb.execution.slt.JdbcExecutor;
import org.rustydb.execution.slt.SltRunner;

/**
 * The SQL engine's sqllogictest files, run over the PostgreSQL protocol against the real server
 * process with pgjdbc: each file against a fresh server and data directory, so the whole stack
 * (protocol, kernel, engine, durable storage) answers exactly as the in-process runs do.
 */
class SqlLogicOverWireIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The .test files of the execution bundle, next to this module in the source tree. */
    private static List<Path> testFiles() throws IOException {
        Path dir = Path.of(System.getProperty("rustydb.slt.dir", "../bundles/execution/src/test/resources/slt"))
                .toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> tests = files.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().toList();
            assertFalse(tests.isEmpty(), "no .test files in " + dir);
            return tests;
        }
    }

    @TestFactory
    Stream<DynamicTest> sqlLogicTestsOverTheWire() throws IOException {
        Path runDir = Distribution.workDir("slt");
        return testFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path work = runDir.resolve(file.getFileName().toString().replace(".test", ""));
            try (ServerProcess server = ServerProcess.start(work)) {
                server.awaitReady(START_TIMEOUT);
                // the files' expectations come from PostgreSQL, whose superuser postgres they name (AUTHORIZATION)
                try (java.sql.Connection c = Sql.connectSimple(server.port())) {
                    Sql.execute(c, "create role postgres superuser");
                }
                SltRunner.Report report = SltRunner.run(file,
                        new JdbcExecutor(Sql.connectSimple(server.port()), Set.of("rustydb", "postgresql", "jdbc")));
                assertTrue(report.ran() > 0, file + " ran no records");
                assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.ran()
                        + " records of " + file.getFileName() + " failed over the wire:\n"
                        + String.join("\n", report.failures()));
            }
        }));
    }
}
