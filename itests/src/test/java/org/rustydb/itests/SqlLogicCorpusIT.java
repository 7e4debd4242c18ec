package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.rustydb.execution.slt.SltRunner;

/**
 * SQLite's sqllogictest corpus ({@code src/test/sqllogictest}, see its SOURCE.txt) over pgjdbc, one
 * connection per file, as database {@code postgresql} for skipif/onlyif, with values in
 * sqllogictest's canonical form. Prints records, passed and failed per file and in total.
 * <ul>
 * <li>Against the distribution (the default) it skips the records PostgreSQL itself fails
 * ({@code postgresql-skips.tsv}, with reasons) and fails when a file passes fewer records than
 * {@code rustydb-baseline.tsv} records: the SQL engine grows, the baseline only rises.</li>
 * <li>Against PostgreSQL ({@code -Ditest.reference.port=N}) it runs every record and checks that
 * PostgreSQL's results are still those of {@code postgresql-results.tsv} and that it fails exactly
 * the records of the skip list.</li>
 * <li>Against any other server ({@code -Dslt.corpus.url=jdbc:postgresql://...}) it only prints.</li>
 * </ul>
 * {@code -Dslt.corpus.record=true} rewrites the results file of the database it ran against
 * (baseline or PostgreSQL results) instead of checking it. Every failure message goes to
 * {@code target/itest/slt-corpus-<database>-failures.txt}.
 */
class SqlLogicCorpusIT extends AgainstDistributionOrReference {
    private static final Path CORPUS = Path.of(System.getProperty("slt.corpus.dir", "src/test/sqllogictest"));
    private static final Path RESULTS = Path.of(System.getProperty("slt.corpus.results", "src/test/resources/slt-corpus"));
    private static final String URL = System.getProperty("slt.corpus.url", "");
    private static final boolean RECORD = Boolean.getBoolean("slt.corpus.record");
    private static final Set<String> NAMES = Set.of("postgresql");

    private static final String REFERENCE_DATABASE = "slt_corpus";

    private final boolean reference = !Sql.REFERENCE_PORT.isEmpty();

    @Test
    void sqliteCorpus() throws Exception {
        CorpusResults.Skips skips = CorpusResults.readSkips(RESULTS.resolve("postgresql-skips.tsv"));
        List<CorpusResults.FileResult> results = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        if (reference) {
            // its own database: the reference server's others belong to other tests
            try (Connection admin = Sql.connectReference()) {
                Sql.execute(admin, "DROP DATABASE IF EXISTS " + REFERENCE_DATABASE);
                Sql.execute(admin, "CREATE DATABASE " + REFERENCE_DATABASE);
            }
        }
        long start = System.nanoTime();
        for (Path file : corpusFiles()) {
            String name = CORPUS.relativize(file).toString().replace('\\', '/');
            if (reference) {
                assertPublicSchemaEmpty(name);
            }
            long fileStart = System.nanoTime();
            // PostgreSQL runs every record, so that its own failures show (and must match the skip list)
            SltRunner.Report report = SltRunner.run(file, new CorpusSession(this::connectToTarget, NAMES),
                    SltRunner.Options.sqlite(reference ? Set.of() : skips.lines(name)));
            results.add(new CorpusResults.FileResult(name, report.records(), report.ran(), report.passed(),
                    report.failedLines(), (System.nanoTime() - fileStart) / 1_000_000));
            System.out.printf("slt corpus %s: %d passed, %d failed%n", name, report.passed(), report.failedLines().size());
            report.failures().forEach(f -> failures.append(name).append(": ").append(f.replace("\n", " ")).append('\n'));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String database = !URL.isEmpty() ? "other" : reference ? "postgresql" : "rustydb";
        Path log = Files.createDirectories(Path.of(System.getProperty("rustydb.itest.dir", "target/itest")))
                .resolve("slt-corpus-" + database + "-failures.txt");
        Files.writeString(log, failures);

        Path recorded = RESULTS.resolve(reference ? "postgresql-results.tsv" : "rustydb-baseline.tsv");
        Map<String, CorpusResults.FileResult> before = Files.exists(recorded) ? CorpusResults.read(recorded) : Map.of();
        System.out.println(CorpusResults.table(database, results, URL.isEmpty() ? before : Map.of(), millis));
        System.out.println("failure messages: " + log.toAbsolutePath().normalize());
        if (!URL.isEmpty()) {
            return;
        }
        if (RECORD) {
            CorpusResults.write(recorded, results, reference
                    ? "PostgreSQL 15's results on the corpus: every record, no skip list"
                    : "RustyDB's baseline: records passed per file, the skip list applied; the test fails below it");
            System.out.println("recorded " + recorded.toAbsolutePath().normalize());
        }
        if (reference) {
            checkSkipList(results, skips);
            if (!RECORD) {
                checkPostgresqlResults(results, before);
            }
        } else if (!RECORD) {
            checkBaseline(results, before);
        }
    }

    private static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            List<Path> tests = files.filter(p -> p.toString().endsWith(".test")).sorted().toList();
            assertFalse(tests.isEmpty(), "no .test files under " + CORPUS.toAbsolutePath());
            return tests;
        }
    }

    private Connection connectToTarget() throws SQLException {
        if (!URL.isEmpty()) {
            return DriverManager.getConnection(URL);
        }
        if (reference) {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Sql.REFERENCE_PORT + "/"
                    + REFERENCE_DATABASE + "?socketTimeout=30", "postgres", "");
        }
        return connect();
    }

    /**
     * Files must not meet each other's tables: checked against PostgreSQL, whose catalog shows them
     * (RustyDB has none yet), so that dropping what a file created is known to be enough.
     */
    private void assertPublicSchemaEmpty(String file) throws SQLException {
        try (Connection c = connectToTarget()) {
            List<List<String>> left = Sql.query(c,
                    "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1");
            assertTrue(left.isEmpty(), "before " + file + ", schema public still holds " + left);
        }
    }

    /** PostgreSQL fails exactly the records that the skip list skips for RustyDB. */
    private static void checkSkipList(List<CorpusResults.FileResult> results, CorpusResults.Skips skips) {
        List<String> problems = new ArrayList<>();
        for (CorpusResults.FileResult r : results) {
            Set<Integer> failed = new TreeSet<>(r.failedLines());
            Set<Integer> listed = new TreeSet<>(skips.lines(r.file()));
            if (!failed.equals(listed)) {
                Set<Integer> missing = new TreeSet<>(failed);
                missing.removeAll(listed);
                Set<Integer> stale = new TreeSet<>(listed);
                stale.removeAll(failed);
                problems.add(r.file() + ": PostgreSQL fails records not in the skip list " + missing
                        + "; listed records that pass " + stale);
            }
        }
        assertTrue(problems.isEmpty(), "postgresql-skips.tsv does not match PostgreSQL:\n" + String.join("\n", problems));
    }

    private static void checkPostgresqlResults(List<CorpusResults.FileResult> results,
            Map<String, CorpusResults.FileResult> recorded) {
        for (CorpusResults.FileResult r : results) {
            CorpusResults.FileResult then = recorded.get(r.file());
            String counts = r.records() + "/" + r.ran() + "/" + r.passed();
            assertEquals(then == null ? null : then.records() + "/" + then.ran() + "/" + then.passed(), counts,
                    r.file() + ": records/ran/passed differ from postgresql-results.tsv");
        }
    }

    /** The ratchet: no file passes fewer records than its baseline. */
    private static void checkBaseline(List<CorpusResults.FileResult> results,
            Map<String, CorpusResults.FileResult> baseline) {
        List<String> regressions = new ArrayList<>();
        boolean rose = false;
        for (CorpusResults.FileResult r : results) {
            CorpusResults.FileResult then = baseline.get(r.file());
            if (then == null) {
                regressions.add(r.file() + ": no baseline");
            } else if (r.passed() < then.passed()) {
                regressions.add(r.file() + ": " + r.passed() + " records pass, the baseline is " + then.passed());
            } else {
                rose |= r.passed() > then.passed();
            }
        }
        assertTrue(regressions.isEmpty(), String.join("\n", regressions) + "\n(details in the failure messages; "
                + "to accept new numbers, record the baseline as README.md says)");
        if (rose) {
            System.out.println("more records pass than the baseline records: raise it as README.md says");
        }
    }
}
