package org.rustydb.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checked-in files of {@link SqlLogicCorpusIT}: per-file results (tab-separated {@code file
 * records ran passed failed}) and the skip list ({@code file line reason}); {@code #} starts a comment.
 */
final class CorpusResults {
    private CorpusResults() {
    }

    /** One file's run: records in the file, records run, passed, the first lines of failed records. */
    record FileResult(String file, int records, int ran, int passed, List<Integer> failedLines, long millis) {
        int failed() {
            return ran - passed;
        }
    }

    /** Records not to run, by file, each with the reason PostgreSQL fails it. */
    record Skips(Map<String, Set<Integer>> byFile) {
        Set<Integer> lines(String file) {
            return byFile.getOrDefault(file, Set.of());
        }
    }

    static Skips readSkips(Path tsv) throws IOException {
        Map<String, Set<Integer>> byFile = new HashMap<>();
        for (String[] f : rows(tsv, 3)) {
            if (f.length < 3 || f[2].isBlank()) {
                throw new IllegalArgumentException(tsv + ": a skip needs file, line and reason: " + String.join(" ", f));
            }
            byFile.computeIfAbsent(f[0], k -> new HashSet<>()).add(Integer.parseInt(f[1]));
        }
        return new Skips(byFile);
    }

    static Map<String, FileResult> read(Path tsv) throws IOException {
        Map<String, FileResult> results = new LinkedHashMap<>();
        for (String[] f : rows(tsv, 0)) {
            results.put(f[0], new FileResult(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), List.of(), 0));
        }
        return results;
    }

    static void write(Path tsv, List<FileResult> results, String what) throws IOException {
        StringBuilder out = new StringBuilder("# ").append(what).append(" (written by SqlLogicCorpusIT, see README.md)\n")
                .append("# file\trecords\tran\tpassed\tfailed\n");
        for (FileResult r : results) {
            out.append(r.file()).append('\t').append(r.records()).append('\t').append(r.ran()).append('\t')
                    .append(r.passed()).append('\t').append(r.failed()).append('\n');
        }
        Files.writeString(tsv, out);
    }

    private static List<String[]> rows(Path tsv, int fields) throws IOException {
        return Files.readAllLines(tsv).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", fields))
                .toList();
    }

    /** The summary: one line per file and the totals, with the recorded passes next to them when known. */
    static String table(String database, List<FileResult> results, Map<String, FileResult> recorded, long millis) {
        String format = "%-38s %8s %8s %8s %8s %9s %8s%n";
        StringBuilder out = new StringBuilder(String.format("%nsqllogictest corpus against %s%n", database));
        out.append(String.format(format, "file", "records", "ran", "passed", "failed", "recorded", "seconds"));
        int records = 0;
        int ran = 0;
        int passed = 0;
        int before = 0;
        for (FileResult r : results) {
            FileResult then = recorded.get(r.file());
            out.append(String.format(format, r.file(), r.records(), r.ran(), r.passed(), r.failed(),
                    then == null ? "-" : Integer.toString(then.passed()), String.format("%.1f", r.millis() / 1000.0)));
            records += r.records();
            ran += r.ran();
            passed += r.passed();
            before += then == null ? 0 : then.passed();
        }
        out.append(String.format(format, "total", records, ran, passed, ran - passed,
                recorded.isEmpty() ? "-" : Integer.toString(before), String.format("%.1f", millis / 1000.0)));
        out.append(String.format("%d passed, %d failed%n", passed, ran - passed));
        return out.toString();
    }
}
