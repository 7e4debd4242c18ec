package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A page of one table damaged on disk while bin/rustydb is stopped: after a restart, statements
 * that read that page fail with XX001 naming the block and the file, as PostgreSQL reports a
 * checksum failure, while the session, the other tables and the server keep working.
 */
class StorageCorruptionIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** About 100 bytes each: a few dozen 8 KiB pages per table. */
    private static final int ROWS = 2000;
    private static final int ROWS_PER_INSERT = 200;

    private Path workDir;
    private ServerProcess server;

    @RegisterExtension
    final TestWatcher printServerOutput = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (server != null) {
                System.err.println("bin/rustydb output (" + workDir + "):\n" + server.output());
            }
        }
    };

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDamagedPageFailsOnlyTheStatementsThatReadIt() throws Exception {
        workDir = Distribution.workDir("corruption");
        Path data = workDir.resolve("data");
        Path store = data.resolve("db"); // etc/org.rustydb.storage.paged.cfg: ${rustydb.data.dir}/db
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(START_TIMEOUT);
        int heap;
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create table healthy(id int primary key, note text)");
            fill(connection, "healthy");
            Set<Integer> before = PageFiles.fileIds(store);
            Sql.execute(connection, "create table damaged(id int primary key, note text)");
            heap = PageFiles.heapOfNewTable(before, PageFiles.fileIds(store));
            fill(connection, "damaged");
        }
        // a clean stop checkpoints: recovery then has nothing to replay over the damaged page
        assertTrue(server.terminate(Duration.ofSeconds(20)), "bin/rustydb still running 20 s after SIGTERM");
        assertEquals(143, server.process().exitValue(), "exit code; output:\n" + server.output());

        int pages = PageFiles.pageCount(store, heap);
        assertTrue(pages >= 8, ROWS + " rows of ~100 bytes should fill several pages of base/" + heap
                + ", found " + pages);
        int block = pages / 2; // neither the first page nor the one inserts were filling last
        PageFiles.damage(store, heap, block);

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(START_TIMEOUT);
        String invalidPage = "invalid page in block " + block + " of relation file base/" + heap;
        try (Connection connection = Sql.connect(server.port())) {
            // twice: a page that failed its checksum must not stay in the buffer pool as if valid
            for (int attempt = 0; attempt < 2; attempt++) {
                ServerErrorMessage error = serverError(() -> Sql.query(connection, "select * from damaged"));
                assertEquals("XX001", error.getSQLState(), "SQLSTATE of " + error);
                assertEquals(invalidPage, error.getMessage());
                assertEquals("ERROR", error.getSeverity());
                assertFalse(connection.isClosed());
            }
            // the index and the pages it leads to are intact: a key lookup on the first page works
            assertEquals(List.of(List.of(note(1))), Sql.query(connection, "select note from damaged where id = 1"));

            // the same session reads and writes the other table
            assertEquals(expectedRows(), Sql.query(connection, "select id, note from healthy order by id"));
            Sql.execute(connection, "insert into healthy values (" + (ROWS + 1) + ", 'after the damage')");
            assertEquals(List.of(List.of("after the damage")),
                    Sql.query(connection, "select note from healthy where id = " + (ROWS + 1)));
            assertEquals(ROWS + 1, Sql.query(connection, "select id from healthy").size());

            // the consistency check names the damaged heap, and nothing in the healthy table
            ServerErrorMessage check = serverError(() -> Sql.query(connection, "select rustydb_check()"));
            assertEquals("XX001", check.getSQLState(), "SQLSTATE of " + check);
            assertEquals("consistency check failed", check.getMessage());
            String detail = check.getDetail();
            assertNotNull(detail, "rustydb_check() lists the problems as DETAIL");
            assertTrue(detail.contains("damaged: heap base/" + heap + ": " + invalidPage), "detail: " + detail);
            for (String line : detail.split("\n")) {
                assertTrue(line.startsWith("damaged: "), "only damaged has problems; detail: " + detail);
            }
        }
        assertTrue(server.process().isAlive(), "the server exited after reporting the damaged page");
        // and serves new sessions as before
        try (Connection connection = Sql.connect(server.port())) {
            assertEquals(List.of(List.of("1")), Sql.query(connection, "select 1"));
            assertEquals(ROWS + 1, Sql.query(connection, "select id from healthy").size());
        }
    }

    private static void fill(Connection connection, String table) throws SQLException {
        for (int first = 1; first <= ROWS; first += ROWS_PER_INSERT) {
            StringBuilder sql = new StringBuilder("insert into ").append(table).append(" values ");
            for (int id = first; id < first + ROWS_PER_INSERT; id++) {
                sql.append(id == first ? "" : ", ").append('(').append(id).append(", '").append(note(id)).append("')");
            }
            Sql.execute(connection, sql.toString());
        }
    }

    private static String note(int id) {
        return String.format("row %05d ", id) + "x".repeat(90);
    }

    private static List<List<String>> expectedRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int id = 1; id <= ROWS; id++) {
            rows.add(List.of(Integer.toString(id), note(id)));
        }
        return rows;
    }

    /** The server's error report of a statement that must fail. */
    private static ServerErrorMessage serverError(org.junit.jupiter.api.function.Executable statement) {
        PSQLException e = assertThrows(PSQLException.class, statement);
        ServerErrorMessage message = e.getServerErrorMessage();
        assertNotNull(message, "an ErrorResponse from the server, not a client-side failure: " + e);
        return message;
    }
}
