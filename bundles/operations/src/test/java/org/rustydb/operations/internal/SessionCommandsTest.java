package org.rustydb.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.session.SessionRegistry;

class SessionCommandsTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00.250Z");

    /** A registry of fixed sessions that records what was asked of it. */
    private static final class FakeRegistry implements SessionRegistry {
        final List<SessionInfo> sessions = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public List<SessionInfo> sessions() {
            return sessions;
        }

        @Override
        public Optional<SessionInfo> session(long id) {
            return sessions.stream().filter(s -> s.id() == id).findFirst();
        }

        @Override
        public boolean cancel(long id) {
            calls.add("cancel " + id);
            return session(id).isPresent();
        }

        @Override
        public boolean terminate(long id) {
            calls.add("terminate " + id);
            return session(id).isPresent();
        }

        @Override
        public boolean attachConnection(long id, String clientAddress, Runnable disconnect) {
            return false;
        }
    }

    private final FakeRegistry registry = new FakeRegistry();

    private String run(String command, String... arguments) {
        Output out = new Output();
        SessionCommands.all(() -> registry).stream().filter(c -> c.name().equals(command)).findFirst()
                .orElseThrow().execute(List.of(arguments), out.stream);
        return out.text();
    }

    @Test
    void sessionsListsWhatEachSessionDoes() {
        registry.sessions.add(new SessionInfo(3, "rustydb", "rustydb", "127.0.0.1:50432", "psql",
                SessionInfo.State.ACTIVE, "select pg_sleep(5)", START, START.plusSeconds(61)));
        registry.sessions.add(new SessionInfo(12, "ann", "rustydb", null, "",
                SessionInfo.State.IDLE_IN_TRANSACTION, "  begin;\n  insert into t\n values (1)", START, START));
        registry.sessions.add(new SessionInfo(13, "bob", "rustydb", null, "", SessionInfo.State.IDLE, "",
                START, null));
        assertEquals(List.of(
                " pid |  user   | database |     client      | application |        state        |    backend start     "
                        + "|     query start      |              query              ",
                "-----+---------+----------+-----------------+-------------+---------------------+----------------------"
                        + "+----------------------+---------------------------------",
                "   3 | rustydb | rustydb  | 127.0.0.1:50432 | psql        | active              | 2026-01-01T10:00:00Z "
                        + "| 2026-01-01T10:01:01Z | select pg_sleep(5)",
                "  12 | ann     | rustydb  |                 |             | idle in transaction | 2026-01-01T10:00:00Z "
                        + "| 2026-01-01T10:00:00Z | begin; insert into t values (1)",
                "  13 | bob     | rustydb  |                 |             | idle                | 2026-01-01T10:00:00Z "
                        + "|                      | ",
                "(3 rows)"), run("sessions").lines().toList());
    }

    @Test
    void longQueriesAreCut() {
        assertEquals("x".repeat(57) + "...", SessionCommands.oneLine("x".repeat(80)));
        assertEquals("x".repeat(60), SessionCommands.oneLine("x".repeat(60)));
    }

    @Test
    void cancelAndTerminateActOnTheSessionOfThePid() {
        registry.sessions.add(new SessionInfo(7, "ann", "rustydb", null, "", SessionInfo.State.ACTIVE, "select 1",
                START, START));
        assertEquals("cancel requested for session 7\n", run("cancel", "7"));
        assertEquals("terminating session 7\n", run("terminate", " 7 "));
        assertEquals(List.of("cancel 7", "terminate 7"), registry.calls);
    }

    @Test
    void badArgumentsAndUnknownSessionsFail() {
        assertEquals("22023", assertThrows(DbException.class, () -> run("cancel")).sqlState());
        assertEquals("22023", assertThrows(DbException.class, () -> run("terminate", "1", "2")).sqlState());
        DbException notANumber = assertThrows(DbException.class, () -> run("cancel", "abc"));
        assertEquals("22P02", notANumber.sqlState());
        assertEquals("invalid input syntax for type integer: \"abc\"", notANumber.getMessage());
        DbException unknown = assertThrows(DbException.class, () -> run("terminate", "99"));
        assertEquals("PID 99 is not a RustyDB session", unknown.getMessage());
        assertEquals("22023", assertThrows(DbException.class, () -> run("sessions", "x")).sqlState());
    }

    @Test
    void withoutRegistryTheCommandsSay57P03() {
        Output out = new Output();
        DbException e = assertThrows(DbException.class,
                () -> new SessionCommands.Sessions(() -> null).execute(List.of(), out.stream));
        assertEquals("57P03", e.sqlState());
    }
}
