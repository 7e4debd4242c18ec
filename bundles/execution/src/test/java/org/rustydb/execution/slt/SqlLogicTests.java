package org.rustydb.execution.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every {@code .test} file under {@code src/test/resources/slt}; any failure fails the build. */
class SqlLogicTests {

    @TestFactory
    Stream<DynamicTest> sqlLogicTests() throws IOException, URISyntaxException {
        Path dir = Path.of(SqlLogicTests.class.getResource("/slt").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no .test files found in " + dir);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            SltRunner.Report report = SltRunner.run(file);
            assertTrue(report.ran() > 0, file + " ran no records");
            assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.ran()
                    + " records failed:\n" + String.join("\n", report.failures()));
        }));
    }
}
