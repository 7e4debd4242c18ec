package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The paged engine's shell commands as an operator runs them: rustydb:check and rustydb:storage,
 * published to Gogo by the operations bundle, and rustydb:features listing the engine's areas.
 * Commands go through Gogo's CommandProcessor, so the ShellCommand-to-Gogo bridge is tested too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageShellIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PAGED = "org.rustydb.storage.paged";
    private static final Pattern TABLE_LINE =
            Pattern.compile("(\\w+): (\\d+) live rows, (\\d+) index entries: (ok|\\d+ problems?)");

    @TempDir
    static Path root;

    private EmbeddedRustyDb db;

    @BeforeAll
    void boot() throws Exception {
        db = EmbeddedRustyDb.start(root);
        db.awaitPort(TIMEOUT);
        Sql.awaitReady(db.port(), TIMEOUT);
        // the bridge publishes the engine's commands asynchronously, as DS binds them
        Poll.until(TIMEOUT, "rustydb:check, rustydb:storage and rustydb:vacuum in Gogo",
                () -> gogo("rustydb:check") != null && gogo("rustydb:storage") != null
                        && gogo("rustydb:vacuum") != null);
    }

    @AfterAll
    void shutDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void checkPrintsALinePerTableAndEndsWithCheckPassed() throws Exception {
        try (Connection connection = Sql.connect(db.port())) {
            Sql.execute(connection, "create table shelf(id int primary key, name text)");
            Sql.execute(connection, "insert into shelf values (1, 'one'), (2, 'two'), (3, 'three')");
            Sql.execute(connection, "delete from shelf where id = 2");
            Sql.execute(connection, "create table plain(a int)");
            Sql.execute(connection, "insert into plain values (1), (2)");
        }
        List<String> lines = gogo("rustydb:check").lines();
        Map<String, String> tables = tableLines(lines);
        // the deleted row is no longer live; its index entry stays until a vacuum removes it
        assertEquals("shelf: 2 live rows, 3 index entries: ok", tables.get("shelf"), "output:\n" + lines);
        assertEquals("plain: 2 live rows, 0 index entries: ok", tables.get("plain"), "output:\n" + lines);
        for (String line : tables.values()) {
            assertTrue(line.endsWith(": ok"), "every table checks out: " + lines);
        }
        assertEquals("check passed: " + tables.size() + (tables.size() == 1 ? " table" : " tables"),
                lines.get(lines.size() - 1), "output:\n" + lines);
        assertEquals(tables.size() + 1, lines.size(), "a line per table, then the verdict:\n" + lines);

        // arguments name the tables to check
        assertEquals(List.of("shelf: 2 live rows, 3 index entries: ok", "check passed: 1 table"),
                gogo("rustydb:check shelf").lines());
    }

    /**
     * VACUUM VERBOSE over the wire reports with INFO notices as PostgreSQL does; rustydb:vacuum
     * shows the table's live and dead rows and when it was vacuumed, and vacuums named tables.
     */
    @Test
    void vacuumOverTheWireAndInTheShell() throws Exception {
        try (Connection connection = Sql.connect(db.port())) {
            Sql.execute(connection, "create table sweep(id int primary key, v text)");
            Sql.execute(connection, "insert into sweep values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
            Sql.execute(connection, "update sweep set v = v || '!'");
            Sql.execute(connection, "delete from sweep where id > 2");
            Map<String, String> before = vacuumLine("public.sweep");
            assertEquals("2", before.get("live"), before.toString());
            assertEquals("6", before.get("dead"), "4 old versions, 2 deleted: " + before);
            assertEquals("never", before.get("last vacuum"), before.toString());

            List<String> infos = new ArrayList<>();
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("vacuum (verbose) sweep");
                for (java.sql.SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                    infos.add(((org.postgresql.util.PSQLWarning) w).getServerErrorMessage().getSeverity() + ": "
                            + w.getMessage());
                }
            }
            assertEquals(2, infos.size(), infos.toString());
            assertEquals("INFO: vacuuming \"rustydb.public.sweep\"", infos.get(0));
            assertTrue(infos.get(1).startsWith("INFO: finished vacuuming \"rustydb.public.sweep\"\npages: ")
                    && infos.get(1).contains("\ntuples: 6 removed, 2 remain, 0 are dead but not yet removable\n")
                    // the update kept the key: its new versions are heap-only, with no entries of
                    // their own; the deleted rows' entries go
                    && infos.get(1).endsWith("index entries: 2 removed"), infos.get(1));
            SQLException inBlock = assertThrows(SQLException.class, () -> {
                connection.setAutoCommit(false);
                try {
                    Sql.execute(connection, "vacuum sweep");
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            });
            assertEquals("25001", inBlock.getSQLState());
        }
        Map<String, String> after = vacuumLine("public.sweep");
        assertEquals("0", after.get("dead"), after.toString());
        assertTrue(after.get("last vacuum").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), after.toString());
        assertEquals("1", after.get("vacuums"), after.toString());
        assertEquals(List.of("sweep: 2 live rows, 2 index entries: ok", "check passed: 1 table"),
                gogo("rustydb:check sweep").lines());
        assertEquals(List.of("sweep: removed 0 row versions (0 dead but not yet removable), 0 index entries; "
                + "2 remain in 1 pages, 0 pages freed"), gogo("rustydb:vacuum sweep").lines());
    }

    /** The columns of one table's line of rustydb:vacuum, by header. */
    private Map<String, String> vacuumLine(String table) throws Exception {
        List<String> lines = gogo("rustydb:vacuum").lines();
        assertTrue(lines.get(0).startsWith("table "), "output:\n" + lines);
        assertTrue(lines.get(lines.size() - 1).startsWith("autovacuum: "), "output:\n" + lines);
        for (String line : lines) {
            if (line.startsWith(table + " ")) {
                Matcher m = Pattern.compile("(\\S+) +(\\d+) +(\\d+) +(\\d+) +(never|\\S+ \\S+) +(never|\\S+ \\S+) +(\\d+) +(\\d+)")
                        .matcher(line);
                assertTrue(m.matches(), line);
                return Map.of("pages", m.group(2), "live", m.group(3), "dead", m.group(4), "last vacuum", m.group(5),
                        "last autovacuum", m.group(6), "vacuums", m.group(7), "autovacuums", m.group(8));
            }
        }
        throw new AssertionError("no line for " + table + " in:\n" + lines);
    }

    @Test
    void storagePrintsBufferPoolAndWriteAheadLogCounters() throws Exception {
        StorageStats before = StorageStats.parse(gogo("rustydb:storage").lines());
        assertEquals(EmbeddedRustyDb.storeDir(root).toAbsolutePath().toString(), before.dataDirectory);
        // EmbeddedRustyDb configures bufferPoolMegabytes=32: 4096 pages of 8 KiB
        assertEquals(4096, before.poolPages, "buffer pool size");
        assertTrue(before.redoFrom <= before.durable && before.durable <= before.end,
                "redo pointer <= durable <= end of log: " + before);

        try (Connection connection = Sql.connect(db.port())) {
            Sql.execute(connection, "create table counted(id int primary key, v text)");
            Sql.execute(connection, "insert into counted values (1, 'a'), (2, 'b')");
            assertEquals(List.of(List.of("b")), Sql.query(connection, "select v from counted where id = 2"));
        }
        StorageStats after = StorageStats.parse(gogo("rustydb:storage").lines());
        assertTrue(after.end > before.end, "the log grew with the inserts: " + before + " -> " + after);
        assertTrue(after.edits > before.edits, "page edits were logged: " + before + " -> " + after);
        assertTrue(after.forces > before.forces, "the commits forced the log: " + before + " -> " + after);
        assertTrue(after.durable > before.end, "the commits made their records durable: " + before + " -> " + after);
        assertTrue(after.hits + after.misses > before.hits + before.misses,
                "the statements pinned pages: " + before + " -> " + after);
        assertTrue(after.evictions >= before.evictions, "evictions never go down: " + before + " -> " + after);
    }

    @Test
    void featuresListsThePagedEngineAreas() throws Exception {
        Bundle paged = db.bundle(PAGED);
        Map<String, List<String>> rows = pagedEngineRows(gogo("rustydb:features").lines());
        String version = paged.getVersion().toString();
        Map<String, List<String>> expected = new TreeMap<>();
        // number, bundle, state, version, as in feature-areas.txt and bundle-areas.properties
        expected.put("storage", List.of("3", PAGED, "ACTIVE", version));
        expected.put("buffer", List.of("4", PAGED, "ACTIVE", version));
        expected.put("memory", List.of("5", PAGED, "ACTIVE", version));
        expected.put("io", List.of("6", PAGED, "ACTIVE", version));
        expected.put("catalog", List.of("8", PAGED, "ACTIVE", version));
        expected.put("index", List.of("10", PAGED, "ACTIVE", version));
        assertEquals(expected, rows);
    }

    /**
     * A page damaged while the engine's bundle is stopped: rustydb:check reports the block and
     * file and fails with XX001; once the bytes are back it passes again. While the bundle is
     * stopped its commands are gone from the shell and rustydb:features shows it RESOLVED.
     */
    @Test
    void checkReportsADamagedPage() throws Exception {
        Path store = EmbeddedRustyDb.storeDir(root);
        int heap;
        try (Connection connection = Sql.connect(db.port())) {
            Set<Integer> before = PageFiles.fileIds(store);
            Sql.execute(connection, "create table torn(id int primary key, note text)");
            heap = PageFiles.heapOfNewTable(before, PageFiles.fileIds(store));
            for (int first = 1; first <= 500; first += 100) {
                StringBuilder sql = new StringBuilder("insert into torn values ");
                for (int id = first; id < first + 100; id++) {
                    sql.append(id == first ? "" : ", ").append('(').append(id).append(", '")
                            .append("x".repeat(100)).append("')");
                }
                Sql.execute(connection, sql.toString());
            }
        }
        Bundle paged = db.bundle(PAGED);
        byte[] original;
        int block;
        try {
            paged.stop(); // checkpoints and closes the files
            Exception gone = assertThrows(Exception.class, () -> gogo("rustydb:check"));
            assertTrue(String.valueOf(gone.getMessage()).contains("rustydb:check"),
                    "Gogo no longer knows rustydb:check: " + gone);
            assertEquals(List.of("3", PAGED, "RESOLVED", paged.getVersion().toString()),
                    pagedEngineRows(gogo("rustydb:features").lines()).get("storage"));

            int pages = PageFiles.pageCount(store, heap);
            assertTrue(pages >= 6, "500 rows of ~100 bytes fill several pages of base/" + heap + ": " + pages);
            block = pages / 2;
            original = PageFiles.damage(store, heap, block);
        } finally {
            paged.start();
        }

        List<String> lines = Poll.until(TIMEOUT, "rustydb:check torn after restarting " + PAGED,
                () -> gogo("rustydb:check torn").lines());
        String invalidPage = "invalid page in block " + block + " of relation file base/" + heap;
        assertEquals(3, lines.size(), "output:\n" + lines);
        Matcher table = TABLE_LINE.matcher(lines.get(0));
        assertTrue(table.matches() && table.group(1).equals("torn") && table.group(4).equals("1 problem"),
                "output:\n" + lines);
        assertEquals("  heap base/" + heap + ": " + invalidPage, lines.get(1));
        assertEquals("ERROR: check found problems in 1 of 1 table (SQLSTATE XX001)", lines.get(2));
        // the whole check fails the same way, whatever other tables exist
        List<String> all = gogo("rustydb:check").lines();
        assertTrue(all.contains(lines.get(1)), "output:\n" + all);
        assertTrue(all.get(all.size() - 1).matches("ERROR: check found problems in 1 of \\d+ tables? \\(SQLSTATE XX001\\)"),
                "output:\n" + all);
        assertFalse(all.stream().anyMatch(l -> l.startsWith("check passed")), "output:\n" + all);

        try {
            paged.stop();
            PageFiles.restore(store, heap, block, original);
        } finally {
            paged.start();
        }
        List<String> repaired = Poll.until(TIMEOUT, "rustydb:check torn after restoring the page",
                () -> gogo("rustydb:check torn").lines());
        assertEquals(List.of("torn: 500 live rows, 500 index entries: ok", "check passed: 1 table"), repaired);
        Sql.awaitReady(db.port(), TIMEOUT);
    }

    private Gogo.Output gogo(String commandLine) throws Exception {
        Gogo.Output output = Gogo.run(db.context(), commandLine);
        assertEquals("", output.err(), "stderr of " + commandLine);
        return output;
    }

    /** The lines of rustydb:check that report a table, by table name. */
    private static Map<String, String> tableLines(List<String> lines) {
        Map<String, String> tables = new TreeMap<>();
        for (String line : lines) {
            Matcher m = TABLE_LINE.matcher(line);
            if (m.matches()) {
                assertEquals(null, tables.put(m.group(1), line), "one line per table: " + lines);
            }
        }
        return tables;
    }

    /** The rows of rustydb:features naming the paged engine: area to [number, bundle, state, version]. */
    private static Map<String, List<String>> pagedEngineRows(List<String> lines) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String line : lines) {
            String[] cells = line.split("\\|", -1);
            if (cells.length != 5 || !cells[2].strip().equals(PAGED)) {
                continue;
            }
            List<String> row = new ArrayList<>();
            for (String cell : cells) {
                row.add(cell.strip());
            }
            String area = row.remove(1);
            assertEquals(null, rows.put(area, row), "one row per area: " + lines);
        }
        return rows;
    }

    /** The numbers of one rustydb:storage report. */
    private record StorageStats(String dataDirectory, long poolPages, long hits, long misses, long evictions,
            long end, long durable, long redoFrom, long edits, long forces) {
        static StorageStats parse(List<String> lines) {
            String text = String.join("\n", lines);
            Matcher pool = find(text, "(?m)^buffer pool +(\\d+) pages \\(\\d+ MiB\\), \\d+ dirty$");
            Matcher log = find(text, "(?m)^write-ahead log +end (\\d+), durable (\\d+), redo from (\\d+)$");
            Matcher edits = find(text, "(?m)^  page edits +(\\d+) \\(\\d+ full-page images\\)$");
            return new StorageStats(find(text, "(?m)^data directory +(.+)$").group(1).strip(),
                    Long.parseLong(pool.group(1)),
                    number(text, "(?m)^  hits +(\\d+) \\([\\d.,]+%\\)$"),
                    number(text, "(?m)^  misses +(\\d+)$"),
                    number(text, "(?m)^  evictions +(\\d+)$"),
                    Long.parseLong(log.group(1)), Long.parseLong(log.group(2)), Long.parseLong(log.group(3)),
                    Long.parseLong(edits.group(1)),
                    number(text, "(?m)^  forces +(\\d+)$"));
        }

        private static long number(String text, String regex) {
            return Long.parseLong(find(text, regex).group(1));
        }

        private static Matcher find(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            assertTrue(m.find(), "rustydb:storage prints a line matching " + regex + ":\n" + text);
            return m;
        }
    }
}
