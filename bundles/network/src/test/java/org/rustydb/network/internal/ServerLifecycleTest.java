package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rustydb.network.internal.RawClient.types;

import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rustydb.network.internal.RawClient.Msg;

/** Starting, stopping and restarting the server, and the connection limits. */
class ServerLifecycleTest {

    private static PgServer started(FakeDatabase db, int port, int maxConnections) throws IOException {
        PgServer server = new PgServer(db, new ServerSettings("127.0.0.1", port, maxConnections, 1 << 20));
        server.start();
        return server;
    }

    @Test
    void stopClosesEveryClientPromptlyAndThePortRebindsAtOnce() throws Exception {
        FakeDatabase db = new FakeDatabase();
        PgServer server = started(db, 0, 10);
        int port = server.port();
        assertEquals("127.0.0.1:" + port, server.endpoint());
        assertEquals("postgresql", server.protocol());

        RawClient idle = RawClient.connected(port);
        RawClient busy = RawClient.connected(port);
        busy.query("select sleep");
        RawProtocolTest.waitFor(() -> db.sessions.size() == 2 && db.sessions.get(1).sleeping.getCount() == 0);
        // A client that never reads: its connection thread blocks writing rows.
        RawClient deaf = RawClient.connected(port);
        deaf.query("select many");
        waitUntilStalled(deaf.socket); // rows pile up unread until the server blocks writing
        Socket handshaking = new Socket("127.0.0.1", port); // never sends a startup packet
        Connection jdbc = jdbc(port);
        RawProtocolTest.waitFor(() -> server.connectionCount() == 5);

        long t0 = System.nanoTime();
        server.stop();
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(stopMillis < 3000, "stop took " + stopMillis + " ms");
        assertFalse(server.isRunning());

        List<Msg> idleMsgs = idle.readUntilClosed();
        assertEquals("E", types(idleMsgs));
        assertEquals("57P01", idleMsgs.get(0).sqlState());
        assertEquals("FATAL", idleMsgs.get(0).severity());
        List<Msg> busyMsgs = busy.readUntilClosed(); // cancelled, then cut off
        assertTrue(busyMsgs.isEmpty() || busyMsgs.get(0).type() == 'E', types(busyMsgs));
        handshaking.setSoTimeout(5000);
        drainToEof(handshaking);
        assertThrows(SQLException.class, () -> jdbc.createStatement().executeQuery("select 1"));
        RawProtocolTest.waitFor(() -> db.sessions.stream().allMatch(s -> s.closed));
        assertEquals(0, server.connectionCount());

        PgServer again = started(db, port, 10); // would fail with "Address already in use" without SO_REUSEADDR
        try (RawClient c = RawClient.connected(port)) {
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        } finally {
            again.stop();
            idle.close();
            busy.close();
            deaf.close();
            handshaking.close();
            jdbc.close();
        }
    }

    @Test
    void stopIsIdempotentAndBindFailureIsReported() throws IOException {
        FakeDatabase db = new FakeDatabase();
        PgServer server = started(db, 0, 1);
        try {
            PgServer clash = new PgServer(db, new ServerSettings("127.0.0.1", server.port(), 1, 1 << 20));
            IOException e = assertThrows(IOException.class, clash::start);
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + server.port()), e.getMessage());
            assertFalse(clash.isRunning());
            clash.stop();
        } finally {
            server.stop();
            server.stop();
        }
    }

    @Test
    void sessionsBeyondMaxConnectionsGet53300() throws IOException {
        FakeDatabase db = new FakeDatabase();
        PgServer server = started(db, 0, 2);
        try (RawClient a = RawClient.connected(server.port()); RawClient b = RawClient.connected(server.port());
             RawClient c = new RawClient(server.port())) {
            c.startup(java.util.Map.of("user", "rustydb"));
            List<Msg> msgs = c.readUntilClosed();
            assertEquals("E", types(msgs));
            assertEquals("53300", msgs.get(0).sqlState());
            assertEquals("FATAL", msgs.get(0).severity());
            assertEquals("sorry, too many clients already", msgs.get(0).fields().get('M'));
            for (RawClient admitted : List.of(a, b)) {
                admitted.query("select 1");
                assertEquals("TDCZ", types(admitted.readUntilReady()));
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void socketsBeyondTheHandshakeReserveAreTurnedAwayAtOnce() throws IOException {
        FakeDatabase db = new FakeDatabase();
        PgServer server = started(db, 0, 1);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 1 + PgServer.HANDSHAKE_RESERVE; i++) {
                silent.add(new Socket("127.0.0.1", server.port()));
            }
            RawProtocolTest.waitFor(() -> server.connectionCount() == 1 + PgServer.HANDSHAKE_RESERVE);
            try (RawClient extra = new RawClient(server.port())) {
                List<Msg> msgs = extra.readUntilClosed();
                assertEquals("E", types(msgs));
                assertEquals("53300", msgs.get(0).sqlState());
            }
            silent.remove(0).close();
            RawProtocolTest.waitFor(() -> server.connectionCount() == PgServer.HANDSHAKE_RESERVE);
            try (RawClient ok = RawClient.connected(server.port())) {
                ok.query("select 1");
                assertEquals("TDCZ", types(ok.readUntilReady()));
            }
        } finally {
            for (Socket s : silent) {
                s.close();
            }
            server.stop();
        }
    }

    @Test
    void silentConnectionsAreDroppedAfterTheStartupTimeout() throws IOException {
        PgServer server = new PgServer(new FakeDatabase(), new ServerSettings("127.0.0.1", 0, 5, 1 << 20, 300));
        server.start();
        try (RawClient c = new RawClient(server.port())) {
            long t0 = System.nanoTime();
            assertNull(c.read());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waited >= 200 && waited < 4000, "closed after " + waited + " ms");
            // an established session is not subject to the timeout
            try (RawClient session = RawClient.connected(server.port())) {
                Thread.sleep(600);
                session.query("select 1");
                assertEquals("TDCZ", types(session.readUntilReady()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop();
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings("127.0.0.1", 70000, 1, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings("127.0.0.1", 0, 0, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings("127.0.0.1", 0, 1, 100));
    }

    private static void waitUntilStalled(Socket s) throws IOException, InterruptedException {
        int before = -1;
        for (int i = 0; i < 100; i++) {
            Thread.sleep(50);
            int now = s.getInputStream().available();
            if (now > 0 && now == before) {
                return;
            }
            before = now;
        }
        throw new AssertionError("the server kept sending");
    }

    private static void drainToEof(Socket s) throws IOException {
        s.setSoTimeout(5000);
        byte[] buf = new byte[65536];
        try {
            while (s.getInputStream().read(buf) >= 0) {
                // discard
            }
        } catch (java.net.SocketException reset) {
            // a reset also means the server let go
        }
    }

    private static Connection jdbc(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "rustydb");
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("socketTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/rustydb", p);
    }
}
