package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/** The COPY sub-protocol as pgjdbc's CopyManager drives it. */
class CopyProtocolTest {
    private FakeDatabase database;
    private PgServer server;

    @BeforeEach
    void start() throws IOException {
        database = new FakeDatabase();
        server = new PgServer(database, new ServerSettings("127.0.0.1", 0, 3, 1 << 20));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "rustydb");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "20");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/rustydb", p);
    }

    @Test
    void copiesInAndOutInManyMessages() throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            data.append(i).append("\tvalue ").append(i).append('\n');
        }
        try (Connection c = connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertEquals(100_000, copy.copyIn("copy from stdin", new StringReader(data.toString()), 1000));
            assertEquals(data.toString(), database.sessions.get(0).copied);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(100_000, copy.copyOut("copy to stdout", out));
            assertEquals(data.toString(), out.toString(StandardCharsets.UTF_8));
            try (ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertTrue(rs.next()); // the connection is usable after both copies
            }
        }
    }

    @Test
    void anErrorMidStreamIsReportedAndTheRestDropped() throws Exception {
        try (Connection c = connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder data = new StringBuilder("good\nbad\n");
            for (int i = 0; i < 20_000; i++) {
                data.append("more data after the error ").append(i).append('\n');
            }
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy.copyIn("copy from stdin", new StringReader(data.toString())));
            assertEquals("22P04", e.getSQLState());
            assertEquals("COPY t, line 2", e.getServerErrorMessage().getWhere());
            try (ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void copyFailFailsTheStatementWith57014() throws Exception {
        try (Connection c = connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CopyIn in = copy.copyIn("copy from stdin");
            byte[] row = "1\tx\n".getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(row, 0, row.length);
            // pgjdbc expects exactly one error in answer to its CopyFail, and throws otherwise
            in.cancelCopy();
            assertEquals("", database.sessions.get(0).copied);
            try (ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void copyInsideATransactionBlock() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false); // pgjdbc begins the block through the extended protocol first
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertEquals(2, copy.copyIn("copy from stdin", new StringReader("a\nb\n")));
            c.commit();
            assertEquals("a\nb\n", database.sessions.get(0).copied);
        }
    }
}
