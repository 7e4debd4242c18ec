package org.rustydb.execution.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.ResultSink;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.execution.slt.TestDatabase;
import org.rustydb.spi.session.SessionInfo;

/** Settings as front ends and the shell see them, and what the sqllogictest files cannot check. */
class SessionSettingsTest {
    private final TestDatabase db = new TestDatabase();
    private final Session session = db.kernel().openSession("test",
            Map.of("application_name", "tester", "DateStyle", "German", "TimeZone", "Nowhere"));
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        session.close();
        executor.shutdownNow();
    }

    private List<Object[]> rows(String sql) {
        return TestDatabase.run(session, sql).get(0).rows();
    }

    private List<Notice> notices(String sql) {
        List<Notice> notices = new ArrayList<>();
        session.execute(sql, new ResultSink() {
            @Override
            public void accept(Result result) {
                while (result.next() != null) {
                    // read it all
                }
            }

            @Override
            public void notice(Notice notice) {
                notices.add(notice);
            }
        });
        return notices;
    }

    @Test
    void startupValuesAreTheResetValuesWhereValid() {
        assertEquals("tester", session.setting("application_name"));
        assertEquals("German, DMY", session.setting("datestyle"));
        assertEquals(session.setting("TimeZone"), db.kernel().openSession("x", Map.of()).setting("TimeZone"),
                "an invalid startup value gives the default");
        TestDatabase.run(session, "SET application_name = 'other'; SET DateStyle = ISO");
        assertEquals("ISO, DMY", session.setting("DateStyle"));
        TestDatabase.run(session, "RESET ALL");
        assertEquals("tester", session.setting("application_name"));
        assertEquals("German, DMY", session.setting("DateStyle"));
        assertNull(session.setting("no_such_setting"));
        assertEquals("on", session.setting("is_superuser"));
        assertEquals("test", session.setting("session_authorization"));
    }

    @Test
    void showAllListsNameSettingAndDescriptionByName() {
        TestDatabase.Outcome all = TestDatabase.run(session, "SHOW ALL").get(0);
        assertEquals(List.of("name", "setting", "description"),
                all.columns().stream().map(c -> c.name()).toList());
        List<String> names = all.rows().stream().map(r -> (String) r[0]).toList();
        assertTrue(names.containsAll(List.of("application_name", "DateStyle", "lock_timeout",
                "idle_in_transaction_session_timeout", "search_path", "TimeZone")), names.toString());
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
        Object[] searchPath = all.rows().stream().filter(r -> r[0].equals("search_path")).findFirst().orElseThrow();
        assertEquals("\"$user\", public", searchPath[1]);
        assertEquals("Sets the schema search order for names that are not schema-qualified.", searchPath[2]);
    }

    @Test
    void setLocalOutsideABlockWarns() {
        List<Notice> warned = notices("SET LOCAL lock_timeout = 5");
        assertEquals(1, warned.size());
        assertEquals(SqlState.NO_ACTIVE_SQL_TRANSACTION, warned.get(0).sqlState());
        assertEquals("SET LOCAL can only be used in transaction blocks", warned.get(0).message());
        assertEquals("0", session.setting("lock_timeout"));
        assertEquals(List.of(), notices("BEGIN; SET LOCAL lock_timeout = 5; COMMIT"));
    }

    @Test
    void longApplicationNamesAreCutWithANotice() {
        List<Notice> cut = notices("SET application_name = '" + "a".repeat(70) + "'");
        assertEquals(1, cut.size());
        assertEquals(SqlState.NAME_TOO_LONG, cut.get(0).sqlState());
        assertEquals("a".repeat(63), session.setting("application_name"));
        TestDatabase.run(session, "SET application_name = 'héllo'");
        assertEquals("h??llo", session.setting("application_name"), "as PostgreSQL shows other than ASCII");
    }

    @Test
    void lockTimeoutIsReadByTheEngine() {
        TestDatabase.run(session, "SET lock_timeout = '2s'");
        long[] seen = new long[1];
        db.kernel().extensions().addStatementHandler(new org.rustydb.spi.exec.StatementHandler() {
            @Override
            public String keyword() {
                return "PEEK";
            }

            @Override
            public void execute(org.rustydb.spi.exec.SessionContext s, String statement, ResultSink sink) {
                seen[0] = SessionSettings.lockTimeoutMillis(s);
                TransactionControl.deliver(sink, "PEEK");
            }
        });
        TestDatabase.run(session, "PEEK");
        assertEquals(2000, seen[0]);
    }

    @Test
    void pgSleepStopsAtCancelAndTheRegistrySeesItActive() throws Exception {
        Future<DbException> sleeping = executor.submit(() -> assertThrows(DbException.class,
                () -> TestDatabase.run(session, "SELECT pg_sleep(30)")));
        SessionInfo info = null;
        for (int i = 0; i < 500 && (info == null || info.state() != SessionInfo.State.ACTIVE); i++) {
            Thread.sleep(10);
            info = db.kernel().session(session.id()).orElseThrow();
        }
        assertEquals(SessionInfo.State.ACTIVE, info.state());
        assertEquals("SELECT pg_sleep(30)", info.query());
        assertEquals("tester", info.applicationName());
        long started = System.nanoTime();
        assertTrue(db.kernel().cancel(session.id()));
        DbException e = sleeping.get(10, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertEquals("canceling statement due to user request", e.getMessage());
        assertEquals(1, rows("SELECT 1").size(), "the session goes on");
    }

    @Test
    void backendFunctionsActOnOtherSessions() throws Exception {
        try (Session other = db.open()) {
            int pid = (int) other.id();
            assertEquals(List.of((Object) Boolean.TRUE), List.of(rows("SELECT pg_cancel_backend(" + pid + ")").get(0)));
            assertEquals(Boolean.TRUE, rows("SELECT pg_terminate_backend(" + pid + ")").get(0)[0]);
            DbException e = assertThrows(DbException.class, () -> TestDatabase.run(other, "SELECT 1"));
            assertEquals(SqlState.ADMIN_SHUTDOWN, e.sqlState());
            assertEquals(DbException.Severity.FATAL, e.severity());
        }
        assertEquals(Boolean.valueOf(true), rows("SELECT pg_backend_pid() = " + session.id()).get(0)[0]);
        DbException own = assertThrows(DbException.class,
                () -> TestDatabase.run(session, "SELECT pg_terminate_backend(pg_backend_pid())"));
        assertEquals(SqlState.ADMIN_SHUTDOWN, own.sqlState());
        assertEquals("\"timeout\" must not be negative", assertThrows(DbException.class,
                () -> TestDatabase.run(db.open(), "SELECT pg_terminate_backend(1, -1)")).getMessage());
    }
}
