package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Planner statistics are kept by the paged engine with the catalog: what ANALYZE committed is
 * there after kill -9 and after a clean restart, and the background analyze keeps them current.
 */
class StatisticsRestartIT {
    private ServerProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String scanEstimate(Connection connection) throws Exception {
        return Sql.query(connection, "explain select * from t").get(0).get(0);
    }

    @Test
    void statisticsSurviveACrashAndARestartAndFollowTheData() throws Exception {
        Path workDir = Distribution.workDir("statistics-restart");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create table t (id int primary key, grp text, at timestamptz, amount numeric)");
            Sql.execute(connection, "insert into t select i, 'g' || (i % 10), timestamptz '2024-01-01' + i * "
                    + "interval '1 hour', i / 7.0 from generate_series(1, 5000) as s(i)");
            Sql.execute(connection, "analyze t");
            assertEquals("Seq Scan on t  (rows=5000)", scanEstimate(connection));
            // an ANALYZE rolled back leaves the committed statistics
            Sql.execute(connection, "begin");
            Sql.execute(connection, "delete from t where id > 100");
            Sql.execute(connection, "analyze t");
            Sql.execute(connection, "rollback");
            assertEquals("Seq Scan on t  (rows=5000)", scanEstimate(connection));
            server.sigkill(Duration.ofSeconds(10));
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            assertEquals("Seq Scan on t  (rows=5000)", scanEstimate(connection));
            // the most common values came back with their types: an equality on one is estimated from it
            assertEquals("Seq Scan on t  (rows=500)",
                    Sql.query(connection, "explain select * from t where grp = 'g3'").get(0).get(0));
            // 1000 new rows pass 50 + 10% of 5000: analyzed again without being asked
            Sql.execute(connection, "insert into t select i, 'h', null::timestamptz, null::numeric "
                    + "from generate_series(5001, 6000) as s(i)");
            String estimate = scanEstimate(connection);
            for (long end = System.nanoTime() + 30_000_000_000L; !estimate.contains("6000") && System.nanoTime() < end;) {
                Thread.sleep(100);
                estimate = scanEstimate(connection);
            }
            assertEquals("Seq Scan on t  (rows=6000)", estimate);
            assertTrue(server.terminate(Duration.ofSeconds(10)), "bin/rustydb still running 10 s after SIGTERM");
        }

        server = ServerProcess.start(workDir.resolve("third"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            assertEquals("Seq Scan on t  (rows=6000)", scanEstimate(connection));
        }
    }
}
