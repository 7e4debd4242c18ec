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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** Two files at a time: each runs in its own database and framework, so they do not meet. */
    private static final int PARALLEL = 2;

    @TestFactory
    Stream<DynamicTest> sqlLogicTestsThroughTheEmbeddedDriver() throws IOException {
        List<Path> files = testFiles();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<SltRunner.Report>> reports = files.stream().map(file -> pool.submit(() -> run(file))).toList();
        pool.shutdown();
        return java.util.stream.IntStream.range(0, files.size()).mapToObj(i -> {
            Path file = files.get(i);
            return DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                SltRunner.Report report = reports.get(i).get(10, TimeUnit.MINUTES);
                assertTrue(report.ran() > 0, file + " ran no records");
                assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.ran()
                        + " records of " + file.getFileName() + " failed through the embedded driver:\n"
                        + String.join("\n", report.failures()));
            });
        });
    }

    private static SltRunner.Report run(Path file) throws Exception {
        String url = "jdbc:rustydb:mem:slt-" + file.getFileName();
        // the first connection holds the database open for the runner's
        try (Connection holder = EmbeddedJar.connect(url); Statement s = holder.createStatement()) {
            // the files' expectations come from PostgreSQL, whose superuser postgres they name
            s.execute("create role postgres superuser");
            return SltRunner.run(file, new JdbcExecutor(EmbeddedJar.connect(url),
                    Set.of("rustydb", "postgresql", "embedded")));
        }
    }
}
