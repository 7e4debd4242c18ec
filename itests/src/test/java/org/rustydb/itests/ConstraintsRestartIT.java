package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CHECK and FOREIGN KEY constraints are part of the table definitions the paged engine keeps: a
 * server restarted on the same data directory enforces them as before, over the wire.
 */
class ConstraintsRestartIT {
    private ServerProcess server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void assertFails(Connection connection, String sql, String sqlState, String message) {
        SQLException e = assertThrows(SQLException.class, () -> Sql.execute(connection, sql));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void constraintsAreEnforcedAfterARestart() throws Exception {
        Path workDir = Distribution.workDir("constraints-restart");
        Path data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create table p (id int primary key, n int check (n > 0))");
            Sql.execute(connection, "create table c (a int references p on delete cascade deferrable, "
                    + "b int constraint c_b_small check (b < 10))");
            Sql.execute(connection, "create table q (id int primary key)");
            Sql.execute(connection, "create table r (a int references q)");
            Sql.execute(connection, "insert into p values (1, 1), (2, 2)");
            Sql.execute(connection, "insert into c values (1, 1), (2, 2)");
            Sql.execute(connection, "drop table q cascade");
            assertTrue(server.terminate(Duration.ofSeconds(10)), "bin/rustydb still running 10 s after SIGTERM");
        }

        server = ServerProcess.start(workDir.resolve("second"), data);
        server.awaitReady(Duration.ofSeconds(60));
        try (Connection connection = Sql.connect(server.port())) {
            assertFails(connection, "insert into p values (3, 0)", "23514",
                    "new row for relation \"p\" violates check constraint \"p_n_check\"");
            assertFails(connection, "update c set b = 10", "23514",
                    "new row for relation \"c\" violates check constraint \"c_b_small\"");
            assertFails(connection, "insert into c values (3, 3)", "23503",
                    "insert or update on table \"c\" violates foreign key constraint \"c_a_fkey\"");
            assertFails(connection, "drop table p", "2BP01", "cannot drop table p because other objects depend on it");
            Sql.execute(connection, "begin");
            Sql.execute(connection, "set constraints c_a_fkey deferred");
            Sql.execute(connection, "insert into c values (3, 3)");
            Sql.execute(connection, "insert into p values (3, 3)");
            Sql.execute(connection, "commit");
            Sql.execute(connection, "delete from p where id = 1");
            assertEquals(List.of(List.of("2"), List.of("3")), Sql.query(connection, "select a from c order by a"));
            // the foreign key that DROP ... CASCADE removed stays removed
            Sql.execute(connection, "insert into r values (99)");
        }
    }
}
