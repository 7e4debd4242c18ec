package org.rustydb.execution.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.Session;

/**
 * Runs a sqllogictest file against a fresh {@link TestDatabase}. Supports {@code statement ok},
 * {@code statement error [SQLSTATE [message]]} (the SQLSTATE and the exact message are an
 * extension), {@code query <types> [nosort|rowsort|valuesort]} with one value per line or
 * {@code N values hashing to <md5>}, {@code hash-threshold}, {@code halt}, and
 * {@code skipif}/{@code onlyif} (this engine answers to {@code rustydb} and {@code postgresql}, a real
 * PostgreSQL in {@link PgCheck} to {@code postgresql} only, so {@code onlyif rustydb} marks what
 * PostgreSQL does differently, such as features not supported yet; runs through pgjdbc also answer
 * to {@code jdbc}, so {@code skipif jdbc} marks what the driver itself changes or refuses).
 * Values print as PostgreSQL's text output: booleans t/f, NULL as {@code NULL}, the empty string
 * as {@code (empty)}; with {@link Options#sqlite} they print in sqllogictest's canonical form for
 * the query's column types instead, as SQLite's own corpus expects. {@code hash-threshold N} makes
 * results of more than N values compare as their hash, and queries with the same label must give
 * the same values.
 */
public final class SltRunner {
    private static final Pattern HASH = Pattern.compile("\\d+ values hashing to [0-9a-f]{32}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** A number as PostgreSQL prints integers, numerics and floats. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private final String name;
    private final List<String> lines;
    private final Options options;
    private final List<String> failures = new ArrayList<>();
    private final List<Integer> failedLines = new ArrayList<>();
    private final Map<String, String> labelHashes = new HashMap<>();
    private int index;
    private int records;
    private int ran;
    private int hashThreshold;

    private SltRunner(String name, List<String> lines, Options options) {
        this.name = name;
        this.lines = lines;
        this.options = options;
    }

    /**
     * How a file runs.
     *
     * @param canonicalValues values print in sqllogictest's canonical form for their column type:
     *        {@code I} as an integer (a fraction truncated, booleans 1/0), {@code R} with three
     *        decimals, {@code T} as is with bytes outside printable ASCII as {@code @}
     * @param skipLines the first lines of records not to run (records known to be wrong for this
     *        dialect); they count as records but not as ran
     */
    public record Options(boolean canonicalValues, Set<Integer> skipLines) {
        /** This project's own files: PostgreSQL's text output, nothing skipped. */
        public static final Options POSTGRESQL = new Options(false, Set.of());

        public Options {
            skipLines = Set.copyOf(skipLines);
        }

        /** SQLite's sqllogictest corpus, without the records at {@code skipLines}. */
        public static Options sqlite(Set<Integer> skipLines) {
            return new Options(true, skipLines);
        }
    }

    /**
     * The outcome of a file: how many records it has, how many ran and what failed (one message per
     * failure, and the first line of each failed record).
     */
    public record Report(String file, int records, int ran, List<String> failures, List<Integer> failedLines) {
        /** Records that ran and did not fail. */
        public int passed() {
            return ran - failedLines.size();
        }
    }

    /** A statement's result as text: the command tag, and for a query its rows of formatted values. */
    public record Outcome(String tag, int columns, List<List<String>> rows) {
    }

    /** A failed statement, as the database reported it. */
    public static final class SqlError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        public SqlError(String sqlState, String message) {
            super(message);
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }

    /** Runs SQL somewhere: this engine, or a reference PostgreSQL. */
    public interface Executor extends AutoCloseable {
        /** The names skipif/onlyif match for this database. */
        Set<String> names();

        /** The outcome of the last statement of {@code sql}. */
        Outcome execute(String sql) throws SqlError;

        @Override
        void close();
    }

    /** Runs a file against a fresh database of this engine. */
    public static Report run(Path file) throws IOException {
        return run(file, Options.POSTGRESQL);
    }

    /** Runs a file against a fresh database of this engine, with {@code options}. */
    public static Report run(Path file, Options options) throws IOException {
        return run(file, new EngineExecutor(new TestDatabase().open()), options);
    }

    public static Report run(Path file, Executor executor) throws IOException {
        return run(file, executor, Options.POSTGRESQL);
    }

    /** Runs a file through {@code executor}, which it closes. Lines may end in LF or CRLF. */
    public static Report run(Path file, Executor executor, Options options) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        SltRunner test = new SltRunner(file.getFileName().toString(), lines, options);
        try (executor) {
            test.runAll(executor);
        }
        return new Report(test.name, test.records, test.ran, List.copyOf(test.failures), List.copyOf(test.failedLines));
    }

    /** Runs SQL through a session of this engine. */
    static final class EngineExecutor implements Executor {
        private final Session session;

        EngineExecutor(Session session) {
            this.session = session;
        }

        /** This engine aims at PostgreSQL's behaviour, so records for PostgreSQL apply to it too. */
        @Override
        public Set<String> names() {
            return Set.of("rustydb", "postgresql");
        }

        @Override
        public Outcome execute(String sql) throws SqlError {
            List<TestDatabase.Outcome> outcomes;
            try {
                outcomes = TestDatabase.run(session, sql);
            } catch (DbException e) {
                throw new SqlError(e.sqlState(), e.getMessage());
            }
            if (outcomes.isEmpty()) {
                return new Outcome("", 0, List.of());
            }
            TestDatabase.Outcome last = outcomes.get(outcomes.size() - 1);
            List<List<String>> rows = new ArrayList<>();
            java.time.ZoneId zone = org.rustydb.api.ValueText.zoneOf(session.setting("TimeZone"));
            for (Object[] row : last.rows()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    values.add(format(row[i], last.columns().get(i).type(), zone));
                }
                rows.add(values);
            }
            return new Outcome(last.tag(), last.columns().size(), rows);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    private void runAll(Executor session) {
        boolean skip = false;
        while (index < lines.size()) {
            String line = lines.get(index).strip();
            int recordLine = index + 1;
            index++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "skipif" -> skip |= session.names().contains(words[1]);
                case "onlyif" -> skip |= !session.names().contains(words[1]);
                case "halt" -> {
                    if (!skip) {
                        return;
                    }
                    skip = false;
                }
                case "hash-threshold" -> hashThreshold = Integer.parseInt(words[1]);
                case "statement" -> {
                    records++;
                    String sql = readSql(false);
                    if (!skip && !options.skipLines().contains(recordLine)) {
                        ran++;
                        int before = failures.size();
                        statement(session, line, sql, recordLine);
                        noteFailure(before, recordLine);
                    }
                    skip = false;
                }
                case "query" -> {
                    records++;
                    String sql = readSql(true);
                    List<String> expected = readExpected();
                    if (!skip && !options.skipLines().contains(recordLine)) {
                        ran++;
                        int before = failures.size();
                        query(session, words, sql, expected, recordLine);
                        noteFailure(before, recordLine);
                    }
                    skip = false;
                }
                default -> failures.add(name + ":" + recordLine + ": unknown record: " + line);
            }
        }
    }

    private void noteFailure(int failuresBefore, int recordLine) {
        if (failures.size() > failuresBefore) {
            failedLines.add(recordLine);
        }
    }

    /** Lines up to a blank line (or ---- for a query). */
    private String readSql(boolean query) {
        StringBuilder sql = new StringBuilder();
        while (index < lines.size() && !lines.get(index).isBlank()) {
            if (query && lines.get(index).equals("----")) {
                break;
            }
            sql.append(sql.length() == 0 ? "" : "\n").append(lines.get(index));
            index++;
        }
        return sql.toString();
    }

    private List<String> readExpected() {
        List<String> expected = new ArrayList<>();
        if (index < lines.size() && lines.get(index).equals("----")) {
            index++;
            while (index < lines.size() && !lines.get(index).isEmpty()) {
                expected.add(lines.get(index));
                index++;
            }
        }
        return expected;
    }

    private void statement(Executor session, String header, String sql, int line) {
        String[] parts = header.split("\\s+", 4);
        boolean expectError = parts.length > 1 && parts[1].equals("error");
        try {
            session.execute(sql);
            if (expectError) {
                failures.add(name + ":" + line + ": expected an error but the statement succeeded: " + sql);
            }
        } catch (SqlError e) {
            if (!expectError) {
                failures.add(name + ":" + line + ": unexpected error " + e.sqlState() + " " + e.getMessage() + ": " + sql);
                return;
            }
            if (parts.length > 2 && !parts[2].equals(e.sqlState())) {
                failures.add(name + ":" + line + ": expected SQLSTATE " + parts[2] + " but got " + e.sqlState() + " "
                        + e.getMessage() + ": " + sql);
            } else if (parts.length > 3 && !parts[3].equals(e.getMessage())) {
                failures.add(name + ":" + line + ": expected message [" + parts[3] + "] but got [" + e.getMessage()
                        + "]: " + sql);
            }
        } catch (RuntimeException e) {
            failures.add(name + ":" + line + ": crashed with " + e + ": " + sql);
        }
    }

    private void query(Executor session, String[] header, String sql, List<String> expected, int line) {
        String types = header.length > 1 ? header[1] : "";
        String sort = header.length > 2 ? header[2] : "nosort";
        Outcome outcome;
        try {
            outcome = session.execute(sql);
        } catch (SqlError e) {
            failures.add(name + ":" + line + ": query failed with " + e.sqlState() + " " + e.getMessage() + ": " + sql);
            return;
        } catch (RuntimeException e) {
            failures.add(name + ":" + line + ": query crashed with " + e + ": " + sql);
            return;
        }
        if (outcome.columns() == 0 && !outcome.tag().startsWith("SELECT")) {
            failures.add(name + ":" + line + ": not a query: " + sql);
            return;
        }
        if (outcome.columns() != types.length()) {
            failures.add(name + ":" + line + ": expected " + types.length() + " columns, got "
                    + outcome.columns() + ": " + sql);
            return;
        }
        List<List<String>> rows = new ArrayList<>(outcome.rows());
        if (options.canonicalValues()) {
            rows.replaceAll(row -> canonical(types, row));
        }
        if (sort.equals("rowsort")) {
            rows.sort((a, b) -> String.join("\n", a).compareTo(String.join("\n", b)));
        }
        List<String> actual = new ArrayList<>();
        rows.forEach(actual::addAll);
        if (sort.equals("valuesort")) {
            actual.sort(null);
        }
        String hash = actual.size() + " values hashing to " + md5(actual);
        if (header.length > 3 && !labelHashes.computeIfAbsent(header[3], l -> hash).equals(hash)) {
            failures.add(name + ":" + line + ": " + header[3] + " gave " + hash + " but " + labelHashes.get(header[3])
                    + " before: " + sql);
            return;
        }
        boolean expectedHash = expected.size() == 1 && HASH.matcher(expected.get(0)).matches();
        if (expectedHash || (hashThreshold > 0 && actual.size() > hashThreshold)) {
            if (!List.of(hash).equals(expected)) {
                failures.add(name + ":" + line + ": expected " + String.join(" ", expected) + " but got " + hash + ": "
                        + sql);
            }
            return;
        }
        if (!actual.equals(expected)) {
            failures.add(name + ":" + line + ": wrong result for: " + sql + "\n  expected: " + expected
                    + "\n  actual:   " + actual);
        }
    }

    /** PostgreSQL's text output of a value of the column type, in sqllogictest's conventions. */
    static String format(Object value, org.rustydb.api.SqlType type, java.time.ZoneId zone) {
        if (value == null) {
            return "NULL";
        }
        String s = org.rustydb.api.ValueText.format(value, type, zone);
        return s.isEmpty() ? "(empty)" : s;
    }

    /** PostgreSQL's text output of a value, in sqllogictest's conventions. */
    static String format(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        String s = value.toString();
        return s.isEmpty() ? "(empty)" : s;
    }

    /** A row's values in sqllogictest's canonical form for the column types (I, R, T). */
    static List<String> canonical(String types, List<String> row) {
        List<String> values = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            values.add(canonical(types.charAt(i), row.get(i)));
        }
        return values;
    }

    private static String canonical(char type, String value) {
        if (value.equals("NULL") || value.equals("(empty)")) {
            return value;
        }
        switch (type) {
            case 'I' -> {
                if (value.equals("t") || value.equals("f")) {
                    return value.equals("t") ? "1" : "0";
                }
                Double d = number(value);
                // an integer as is (beyond a double's precision too); a fraction truncated like SQLite's int64 cast
                return d == null || INTEGER.matcher(value).matches() ? value : Long.toString(d.longValue());
            }
            case 'R' -> {
                Double d = number(value);
                return d == null ? value : String.format(Locale.ROOT, "%.3f", d);
            }
            default -> {
                StringBuilder text = new StringBuilder();
                for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                    text.append(b >= ' ' && b <= '~' ? (char) b : '@');
                }
                return text.toString();
            }
        }
    }

    private static Double number(String value) {
        return NUMBER.matcher(value).matches() ? Double.valueOf(value) : null;
    }

    private static String md5(List<String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
