package org.rustydb.execution.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic format's parts that this project's own files do not use: SQLite's corpus relies on them. */
class SltRunnerTest {
    @TempDir
    Path dir;

    private SltRunner.Report run(String text, SltRunner.Options options) throws IOException {
        Path file = dir.resolve("t.test");
        // CRLF, as most files of SQLite's corpus
        Files.writeString(file, text.replace("\n", "\r\n"));
        return SltRunner.run(file, options);
    }

    @Test
    void canonicalValuesFollowTheColumnTypes() throws IOException {
        String text = """
                query I nosort
                SELECT true
                ----
                1

                query R nosort
                SELECT 2
                ----
                2.000

                query TT nosort
                SELECT '', NULL
                ----
                (empty)
                NULL

                query I nosort
                SELECT true
                ----
                t
                """;
        SltRunner.Report sqlite = run(text, SltRunner.Options.sqlite(Set.of()));
        assertEquals(List.of(17), sqlite.failedLines(), String.join("\n", sqlite.failures()));
        assertEquals(3, sqlite.passed());
        SltRunner.Report postgresql = run(text, SltRunner.Options.POSTGRESQL);
        assertEquals(List.of(1, 6), postgresql.failedLines(), String.join("\n", postgresql.failures()));
    }

    @Test
    void hashThresholdLabelsSkipLinesAndHalt() throws IOException {
        SltRunner.Report report = run("""
                hash-threshold 2

                statement ok
                CREATE TABLE t(a int)

                statement ok
                INSERT INTO t VALUES (1), (2), (3)

                query I rowsort label-all
                SELECT a FROM t
                ----
                3 values hashing to c0710d6b4f15dfa88f600b0e6b624077

                query I rowsort
                SELECT a FROM t
                ----
                1
                2
                3

                query I rowsort label-all
                SELECT a FROM t WHERE a > 1
                ----
                2 values hashing to bd882381d46c0cb1cf70ae4338336a36

                statement ok
                SELECT nosuch FROM t

                query I nosort
                SELECT a FROM t WHERE a = 2
                ----
                2

                onlyif postgresql
                halt

                statement ok
                SELECT nosuch FROM t
                """, SltRunner.Options.sqlite(Set.of(26)));
        // line 14: over the threshold, so it compares as a hash; line 21: label-all gave another hash at line 9
        assertEquals(List.of(14, 21), report.failedLines(), String.join("\n", report.failures()));
        assertEquals(7, report.records());
        assertEquals(6, report.ran());
    }
}
