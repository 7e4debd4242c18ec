package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rustydb.execution.slt.JdbcExecutor;
import org.rustydb.execution.slt.SltRunner;

/**
 * The SQL engine's sqllogictest files through the embedded JDBC driver of the self-contained jar:
 * each file in a fresh in-memory database (the paged engine on a temporary directory), so the
 * standard bundles in the driver's own framework answer exactly as the server does over the wire.
 */
class EmbeddedSqlLogicIT {
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
    Stream<DynamicTest> sqlLogicTestsThroughTheEmbeddedDriver() throws IOException {
        return testFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String url = "jdbc:rustydb:mem:slt-" + file.getFileName();
            // the first connection holds the database open for the runner's
            try (Connection holder = EmbeddedJar.connect(url); Statement s = holder.createStatement()) {
                // the files' expectations come from PostgreSQL, whose superuser postgres they name
                s.execute("create role postgres superuser");
                SltRunner.Report report = SltRunner.run(file,
                        new JdbcExecutor(EmbeddedJar.connect(url), Set.of("rustydb", "postgresql", "embedded")));
                assertTrue(report.ran() > 0, file + " ran no records");
                assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.ran()
                        + " records of " + file.getFileName() + " failed through the embedded driver:\n"
                        + String.join("\n", report.failures()));
            }
        }));
    }
}
