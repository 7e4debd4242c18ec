package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session management as an operator and clients see it, on the distribution's bundles in Felix:
 * rustydb:sessions lists pgjdbc connections with their application_name, rustydb:cancel stops a
 * running statement with 57014, rustydb:terminate ends a connection with FATAL 57P01, an idle
 * transaction block outliving idle_in_transaction_session_timeout ends with FATAL 25P03, and
 * search_path decides where unqualified names resolve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionManagementIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path root;

    private EmbeddedRustyDb db;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeAll
    void boot() throws Exception {
        db = EmbeddedRustyDb.start(root);
        db.awaitPort(TIMEOUT);
        Sql.awaitReady(db.port(), TIMEOUT);
        Poll.until(TIMEOUT, "rustydb:sessions in Gogo", () -> gogo("rustydb:sessions") != null);
    }

    @AfterAll
    void shutDown() throws Exception {
        executor.shutdownNow();
        if (db != null) {
            db.close();
        }
    }

    private Connection connect(String applicationName) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port()
                + "/rustydb?connectTimeout=10&socketTimeout=30&ApplicationName="
                + applicationName, "rustydb", Distribution.password());
    }

    private static int pid(Connection connection) throws SQLException {
        return Integer.parseInt(Sql.query(connection, "select pg_backend_pid()").get(0).get(0));
    }

    private Gogo.Output gogo(String commandLine) throws Exception {
        Gogo.Output output = Gogo.run(db.context(), commandLine);
        assertEquals("", output.err(), "stderr of " + commandLine);
        return output;
    }

    /** The cells of the rustydb:sessions row of a pid, stripped; null when it is not listed. */
    private List<String> sessionRow(int pid) throws Exception {
        for (String line : gogo("rustydb:sessions").lines()) {
            String[] cells = line.split("\\|", -1);
            if (cells.length == 9 && cells[0].strip().equals(Integer.toString(pid))) {
                return java.util.Arrays.stream(cells).map(String::strip).toList();
            }
        }
        return null;
    }

    /** TimeZone as the server last reported it with ParameterStatus. */
    private static String reportedZone(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.PGConnection.class).getParameterStatus("TimeZone");
    }

    @Test
    void reportedSettingsFollowEveryChangeAndUndo() throws Exception {
        try (Connection c = connect("reported")) {
            String initial = reportedZone(c);
            for (int i = 0; i < 3; i++) {
                Sql.query(c, "select 1"); // statements that change nothing report nothing
                assertEquals(initial, reportedZone(c));
            }
            Sql.execute(c, "set timezone = 'Europe/Paris'");
            assertEquals("Europe/Paris", reportedZone(c));

            c.setAutoCommit(false);
            Sql.execute(c, "set local timezone = 'Asia/Tokyo'");
            assertEquals("Asia/Tokyo", reportedZone(c));
            c.commit(); // SET LOCAL ends with its transaction
            assertEquals("Europe/Paris", reportedZone(c));

            Sql.execute(c, "set timezone = 'America/New_York'");
            assertEquals("America/New_York", reportedZone(c));
            c.rollback(); // a SET in a transaction that rolls back is undone
            assertEquals("Europe/Paris", reportedZone(c));

            Sql.execute(c, "set local timezone = 'Australia/Sydney'");
            assertEquals("Australia/Sydney", reportedZone(c));
            Sql.query(c, "select 1");
            assertEquals("Australia/Sydney", reportedZone(c));
            c.commit();
            assertEquals("Europe/Paris", reportedZone(c));
            c.setAutoCommit(true);
            Sql.execute(c, "reset timezone");
            assertEquals(initial, reportedZone(c));
        }
    }

    @Test
    void sessionsListsEachConnectionWithItsApplicationName() throws Exception {
        try (Connection one = connect("app-one"); Connection two = connect("app-two")) {
            int pidOne = pid(one);
            int pidTwo = pid(two);
            List<String> rowOne = sessionRow(pidOne);
            List<String> rowTwo = sessionRow(pidTwo);
            assertEquals(List.of("rustydb", "rustydb", "app-one", "idle", "select pg_backend_pid()"),
                    List.of(rowOne.get(1), rowOne.get(2), rowOne.get(4), rowOne.get(5), rowOne.get(8)),
                    "row: " + rowOne);
            assertTrue(rowOne.get(3).startsWith("127.0.0.1:"), "client address: " + rowOne);
            assertEquals("app-two", rowTwo.get(4), "row: " + rowTwo);

            // SET application_name shows at once, and so does a transaction block
            Sql.execute(two, "set application_name = 'renamed'");
            two.setAutoCommit(false);
            Sql.query(two, "select 1");
            rowTwo = sessionRow(pidTwo);
            assertEquals("renamed", rowTwo.get(4), "row: " + rowTwo);
            assertEquals("idle in transaction", rowTwo.get(5), "row: " + rowTwo);
            two.rollback();
        }
        Poll.until(TIMEOUT, "closed connections to leave rustydb:sessions",
                () -> gogo("rustydb:sessions").lines().stream().noneMatch(l -> l.contains("app-one")));
    }

    @Test
    void cancelStopsARunningStatementWith57014AndTheSessionGoesOn() throws Exception {
        try (Connection sleeper = connect("sleeper")) {
            int pid = pid(sleeper);
            Future<SQLException> sleeping = executor.submit(() -> assertThrows(SQLException.class,
                    () -> Sql.query(sleeper, "select pg_sleep(5)")));
            Poll.until(TIMEOUT, "the sleeper to be active", () -> {
                List<String> row = sessionRow(pid);
                return row != null && row.get(5).equals("active") && row.get(8).equals("select pg_sleep(5)");
            });
            long started = System.nanoTime();
            assertEquals(List.of("cancel requested for session " + pid), gogo("rustydb:cancel " + pid).lines());
            SQLException e = sleeping.get(10, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "cancelled well before 5 s");
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
            assertEquals(List.of(List.of("1")), Sql.query(sleeper, "select 1"));
        }
    }

    @Test
    void pgStatActivityShowsAnotherSessionsQueryAndPgCancelBackendStopsIt() throws Exception {
        try (Connection sleeper = connect("activity-sleeper"); Connection watcher = connect("activity-watcher")) {
            int pid = pid(sleeper);
            Future<SQLException> sleeping = executor.submit(() -> assertThrows(SQLException.class,
                    () -> Sql.query(sleeper, "select pg_sleep(5)")));
            String row = "select state, query, application_name, usename, datname, backend_type,"
                    + " client_addr is not null, client_port > 0, backend_start <= query_start,"
                    + " xact_start <= query_start from pg_stat_activity where pid = " + pid;
            Poll.until(TIMEOUT, "the sleeper's query in pg_stat_activity",
                    () -> Sql.query(watcher, row).get(0).subList(0, 2).equals(List.of("active", "select pg_sleep(5)")));
            assertEquals(List.of(List.of("active", "select pg_sleep(5)", "activity-sleeper", "rustydb", "rustydb",
                    "client backend", "t", "t", "t", "t")), Sql.query(watcher, row));
            assertEquals(List.of(List.of("t")), Sql.query(watcher, "select pg_cancel_backend(" + pid + ")"));
            SQLException e = sleeping.get(10, TimeUnit.SECONDS);
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
            Poll.until(TIMEOUT, "the sleeper to be idle", () -> Sql.query(watcher,
                    "select state, xact_start is null from pg_stat_activity where pid = " + pid)
                    .equals(List.of(List.of("idle", "t"))));
            assertEquals(List.of(List.of("f")), Sql.query(watcher, "select pg_cancel_backend(-5)"));
        }
    }

    @Test
    void anotherRoleSeesNoQueryTextAndMayNotCancelASuperuser() throws Exception {
        try (Connection admin = connect("activity-admin")) {
            Sql.execute(admin, "create user activity_plain password 'plain-pw'");
            int adminPid = pid(admin);
            try (Connection plain = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port()
                    + "/rustydb?connectTimeout=10&socketTimeout=30", "activity_plain", "plain-pw")) {
                int plainPid = pid(plain);
                assertEquals(List.of(java.util.Arrays.asList("rustydb", "activity-admin", "<insufficient privilege>", null,
                                null)),
                        Sql.query(plain, "select usename, application_name, query, state, backend_start"
                                + " from pg_stat_activity where pid = " + adminPid));
                assertEquals(List.of(List.of("active", "f")), Sql.query(plain, "select state, query = '<insufficient privilege>'"
                        + " from pg_stat_activity where pid = " + plainPid));
                SQLException e = assertThrows(SQLException.class,
                        () -> Sql.query(plain, "select pg_cancel_backend(" + adminPid + ")"));
                assertEquals("42501", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("must be a superuser to cancel superuser query"), e.getMessage());
                // a superuser sees everything of the other role's session
                assertEquals(List.of(List.of("idle", "select pg_cancel_backend(" + adminPid + ")")),
                        Sql.query(admin, "select state, query from pg_stat_activity where pid = " + plainPid));
            } finally {
                Poll.until(TIMEOUT, "the plain session to end", () -> Sql.query(admin,
                        "select count(*) from pg_stat_activity where usename = 'activity_plain'")
                        .equals(List.of(List.of("0"))));
                Sql.execute(admin, "drop user activity_plain");
            }
        }
    }

    @Test
    void terminateClosesTheConnectionWith57P01() throws Exception {
        try (Connection victim = connect("victim"); Connection other = connect("bystander")) {
            int pid = pid(victim);
            assertEquals(List.of("terminating session " + pid), gogo("rustydb:terminate " + pid).lines());
            Poll.until(TIMEOUT, "the terminated session to leave rustydb:sessions", () -> sessionRow(pid) == null);
            SQLException e = assertThrows(SQLException.class, () -> Sql.query(victim, "select 1"));
            assertEquals("57P01", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("terminating connection due to administrator command"), e.getMessage());
            assertEquals(List.of(List.of("1")), Sql.query(other, "select 1"), "other sessions go on");

            // a session's statement can end another session too
            try (Connection second = connect("second")) {
                int secondPid = pid(second);
                assertEquals(List.of(List.of("t")),
                        Sql.query(other, "select pg_terminate_backend(" + secondPid + ")"));
                SQLException ended = assertThrows(SQLException.class, () -> Sql.query(second, "select 1"));
                assertEquals("57P01", ended.getSQLState(), ended.getMessage());
            }
            assertTrue(gogo("rustydb:terminate 999999").lines().get(0).startsWith(
                    "ERROR: PID 999999 is not a RustyDB session (SQLSTATE 22023)"));
        }
    }

    @Test
    void anIdleTransactionBlockOutlivingItsTimeoutEndsWith25P03() throws Exception {
        try (Connection idle = connect("idler")) {
            int pid = pid(idle);
            Sql.execute(idle, "set idle_in_transaction_session_timeout = '500ms'");
            Thread.sleep(800); // idle outside a block: nothing happens
            idle.setAutoCommit(false);
            Sql.execute(idle, "select 1"); // opens the block
            Poll.until(TIMEOUT, "the idle session to be ended", () -> sessionRow(pid) == null);
            SQLException e = assertThrows(SQLException.class, () -> Sql.query(idle, "select 1"));
            assertEquals("25P03", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("terminating connection due to idle-in-transaction timeout"),
                    e.getMessage());
        }
    }

    @Test
    void searchPathDecidesWhereUnqualifiedNamesResolve() throws Exception {
        try (Connection c = connect("paths")) {
            Sql.execute(c, "create table sp_item(id int)");
            Sql.execute(c, "insert into sp_item values (1)");
            Sql.execute(c, "set search_path = nosuch");
            SQLException missing = assertThrows(SQLException.class, () -> Sql.query(c, "select id from sp_item"));
            assertEquals("42P01", missing.getSQLState());
            SQLException noSchema = assertThrows(SQLException.class, () -> Sql.execute(c, "create table sp_x(a int)"));
            assertEquals("3F000", noSchema.getSQLState());
            assertEquals("no schema has been selected to create in", noSchema.getMessage().lines().findFirst()
                    .orElseThrow().replace("ERROR: ", ""));
            assertEquals(List.of(List.of("1")), Sql.query(c, "select id from public.sp_item"));
            Sql.execute(c, "set search_path = nosuch, public");
            assertEquals(List.of(List.of("1")), Sql.query(c, "select id from sp_item"));
            assertEquals(List.of(List.of("nosuch, public")), Sql.query(c, "show search_path"));
        }
    }
}
