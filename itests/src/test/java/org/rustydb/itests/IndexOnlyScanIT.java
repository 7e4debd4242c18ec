package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Index-only scans on the paged engine over the wire: every row is fetched from the table until a
 * VACUUM marks the pages all-visible, a change makes its page fetch again, and after kill -9 the
 * visibility map starts clear (nothing is claimed visible that recovery did not check).
 */
class IndexOnlyScanIT {
    private static final String RANGE = "select id from t where id between 100 and 199";

    private ServerProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The Heap Fetches of the range's index-only scan, checking the plan and the row count on the way. */
    private static long heapFetches(Connection connection) throws Exception {
        List<List<String>> plan = Sql.query(connection, "explain analyze " + RANGE);
        assertTrue(plan.get(0).get(0).startsWith("Index Only Scan using t_pkey on t"), plan.toString());
        assertTrue(plan.get(0).get(0).contains("rows=100 loops=1"), plan.toString());
        for (List<String> line : plan) {
            String text = line.get(0).trim();
            if (text.startsWith("Heap Fetches: ")) {
                return Long.parseLong(text.substring("Heap Fetches: ".length()));
            }
        }
        throw new AssertionError("no Heap Fetches in " + plan);
    }

    @Test
    void vacuumLetsTheIndexAnswerAndACrashStartsOverFromTheTable() throws Exception {
        Path workDir = Distribution.workDir("index-only-scan");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create table t (id int primary key, pad text)");
            Sql.execute(connection, "insert into t select i, repeat('p', 100) from generate_series(1, 5000) as s(i)");
            Sql.execute(connection, "analyze t");
            assertEquals(100, heapFetches(connection), "nothing is known all-visible before a vacuum");
            Sql.execute(connection, "vacuum t");
            assertEquals(0, heapFetches(connection));
            // an update clears the bit of the pages it writes to: those rows are fetched again
            Sql.execute(connection, "update t set pad = 'changed' where id = 150");
            long afterUpdate = heapFetches(connection);
            assertTrue(afterUpdate > 0 && afterUpdate < 100, "heap fetches after an update: " + afterUpdate);
            assertEquals(List.of(List.of("100")), Sql.query(connection, "select count(*) from (" + RANGE + ") s"));
            Sql.execute(connection, "vacuum t");
            assertEquals(0, heapFetches(connection));
            server.sigkill(Duration.ofSeconds(10));
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            // every row is fetched; one more when the dead version's index entry that the last vacuum
            // removed comes back, as that vacuum's log was not yet forced when the process died
            long afterCrash = heapFetches(connection);
            assertTrue(afterCrash == 100 || afterCrash == 101, "the visibility map starts clear after a crash: "
                    + afterCrash);
            Sql.execute(connection, "vacuum t");
            assertEquals(0, heapFetches(connection));
            assertEquals(List.of(List.of("100")), Sql.query(connection, "select count(*) from (" + RANGE + ") s"));
        }
    }
}
