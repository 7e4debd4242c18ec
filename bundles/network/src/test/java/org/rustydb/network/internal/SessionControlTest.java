package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rustydb.network.internal.RawClient.types;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.network.internal.RawClient.Msg;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.session.SessionRegistry;

/**
 * What the front end does for session settings and management: ParameterStatus when a reported
 * setting changes, the idle-in-transaction timeout, and terminating a connection on request.
 */
class SessionControlTest {
    private final FakeDatabase database = new FakeDatabase();
    private final AtomicReference<String> attachedAddress = new AtomicReference<>();
    private final AtomicReference<Runnable> disconnect = new AtomicReference<>();
    private PgServer server;

    /** Records what the front end attaches; nothing else is needed of it here. */
    private final SessionRegistry registry = new SessionRegistry() {
        @Override
        public List<SessionInfo> sessions() {
            return List.of();
        }

        @Override
        public Optional<SessionInfo> session(long id) {
            return Optional.empty();
        }

        @Override
        public boolean cancel(long id) {
            return false;
        }

        @Override
        public boolean terminate(long id) {
            return false;
        }

        @Override
        public boolean attachConnection(long id, String clientAddress, Runnable hook) {
            attachedAddress.set(clientAddress);
            disconnect.set(hook);
            return true;
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new PgServer(database, registry, new ServerSettings("127.0.0.1", 0, 20, 64 * 1024));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static List<String> parameterStatuses(List<Msg> msgs) {
        return msgs.stream().filter(m -> m.type() == 'S').map(m -> new String(m.body(), 0, m.body().length - 1,
                java.nio.charset.StandardCharsets.UTF_8).replace('\0', '=')).toList();
    }

    @Test
    void changedReportedSettingsAreSentBeforeReadyForQuery() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            c.query("set application_name = 'mine'");
            List<Msg> reply = c.readUntilReady();
            assertEquals("CSZ", types(reply));
            assertEquals(List.of("application_name=mine"), parameterStatuses(reply));

            c.query("set application_name = 'mine'; set timezone = 'europe/paris'; set lock_timeout = 5");
            reply = c.readUntilReady();
            assertEquals(List.of("TimeZone=europe/paris"), parameterStatuses(reply), "only what changed, and "
                    + "only reported settings");
            assertEquals("europe/paris", c.parameters.get("TimeZone"));
        }
    }

    @Test
    void startupReportsTheSessionsValues() throws IOException {
        database.sessions.clear();
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("user", "ann", "database", "rustydb"));
            c.readUntilReady();
            // the fake session knows none of them, so the values RustyDB starts with stand in
            assertEquals("ann", c.parameters.get("session_authorization"));
            assertEquals("ISO, MDY", c.parameters.get("DateStyle"));
            assertEquals(13, c.parameters.size());
            assertTrue(attachedAddress.get().startsWith("127.0.0.1:"), attachedAddress.get());
        }
    }

    @Test
    void idleInTransactionTimeoutEndsTheConnectionWith25P03() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            c.query("set idle_in_transaction_session_timeout = 200ms");
            c.readUntilReady();
            sleep(400); // idle outside a block: no timeout
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
            c.query("begin");
            assertEquals("CZ", types(c.readUntilReady()));
            long started = System.nanoTime();
            List<Msg> end = c.readUntilClosed();
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertEquals("E", types(end));
            assertEquals("FATAL", end.get(0).severity());
            assertEquals("25P03", end.get(0).sqlState());
            assertEquals("terminating connection due to idle-in-transaction timeout", end.get(0).fields().get('M'));
            assertTrue(waited >= 150 && waited < 4000, "waited " + waited + " ms");
        }
        assertTrue(database.sessions.get(0).closed, "the session is closed, rolling back its transaction");
    }

    @Test
    void idleInTransactionTimeoutZeroWaitsForever() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            c.query("begin");
            c.readUntilReady();
            sleep(300);
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void terminateTellsAnIdleClientAndClosesTheConnection() throws IOException {
        try (RawClient c = RawClient.connected(server.port())) {
            Runnable hook = disconnect.get();
            assertNotNull(hook, "the front end attached the connection");
            hook.run();
            List<Msg> end = c.readUntilClosed();
            assertEquals("E", types(end));
            assertEquals("FATAL", end.get(0).severity());
            assertEquals("57P01", end.get(0).sqlState());
            assertEquals("terminating connection due to administrator command", end.get(0).fields().get('M'));
        }
        for (int i = 0; i < 200 && !database.sessions.get(0).closed; i++) {
            sleep(10);
        }
        assertTrue(database.sessions.get(0).closed);
        try (RawClient other = RawClient.connected(server.port())) {
            other.query("select 1");
            assertEquals("TDCZ", types(other.readUntilReady()));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
