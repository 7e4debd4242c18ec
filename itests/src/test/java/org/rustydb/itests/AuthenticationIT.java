package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Logging in to the real server with pgjdbc and psql: SCRAM-SHA-256 and md5 roles, wrong passwords,
 * unknown roles, host rules (edited while the server runs), lockout, transactional role changes
 * and roles surviving a restart. The installation is a copy, so its etc/ can be edited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private Path workDir;
    private Path home;
    private Path data;
    private ServerProcess server;

    @BeforeAll
    void start() throws Exception {
        workDir = Distribution.workDir("authentication");
        home = Distribution.copyInstallation(workDir.resolve("home"));
        data = workDir.resolve("data");
        server = ServerProcess.start(home, workDir.resolve("first"), data);
        server.awaitReady(READY);
        try (Connection c = Sql.connect(server.port())) {
            Sql.execute(c, "create user alice password 'alice-pw'");
            Sql.execute(c, "create user bob password '" + md5("bob-pw" + "bob") + "'");
            Sql.execute(c, "create user mallory password 'mallory-pw'");
            Sql.execute(c, "create user carol password 'carol-pw'");
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String md5(String text) throws Exception {
        return "md5" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/rustydb?connectTimeout=10&socketTimeout=30", user, password);
    }

    private void assertLoginFails(String user, String password, String sqlState, String message) {
        SQLException e = assertThrows(SQLException.class, () -> connect(user, password).close());
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private void writeHba(String... lines) throws Exception {
        Path hba = home.resolve("etc/rustydb_hba.conf");
        String text = String.join("\n", lines) + "\nhost all all 127.0.0.1/32 scram-sha-256\n";
        Files.writeString(hba, text);
        // the file is read again when its size or time changes; make sure the time does
        Files.setLastModifiedTime(hba, FileTime.fromMillis(System.currentTimeMillis() + 2000));
    }

    @Test
    void scramAndMd5RolesLogInWithTheirPasswords() throws Exception {
        try (Connection c = connect("alice", "alice-pw")) {
            assertEquals(List.of(List.of("1")), Sql.query(c, "select 1"));
        }
        writeHba("host all bob 127.0.0.1/32 md5");
        try (Connection c = connect("bob", "bob-pw")) {
            assertEquals(List.of(List.of("1")), Sql.query(c, "select 1"));
        }
        assertLoginFails("bob", "wrong", "28P01", "password authentication failed for user \"bob\"");
    }

    @Test
    void wrongPasswordsAndUnknownRolesGetTheSameError() {
        assertLoginFails("alice", "wrong", "28P01", "password authentication failed for user \"alice\"");
        assertLoginFails("nobody", "x", "28P01", "password authentication failed for user \"nobody\"");
        assertLoginFails("rustydb", "", "08004", "password");
    }

    @Test
    void psqlLogsInWithTheRightPasswordOnly() throws Exception {
        assumeTrue(Psql.available(), "psql is not installed");
        Psql.Result ok = Psql.run(server.port(), "alice", "alice-pw", "select 40 + 2", workDir);
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertEquals("?column?\n42\n(1 row)\n", ok.stdout());
        Psql.Result wrong = Psql.run(server.port(), "alice", "nope", "select 1", workDir);
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.stderr().contains("FATAL:  password authentication failed for user \"alice\""),
                wrong.stderr());
    }

    @Test
    void aRejectRuleAddedWhileRunningTurnsTheRoleAway() throws Exception {
        try (Connection c = connect("mallory", "mallory-pw")) {
            Sql.query(c, "select 1");
        }
        writeHba("host all mallory 127.0.0.1/32 reject", "host all bob 127.0.0.1/32 md5");
        assertLoginFails("mallory", "mallory-pw", "28000", "pg_hba.conf rejects connection for host \"127.0.0.1\", "
                + "user \"mallory\", database \"rustydb\", SSL encryption"); // pgjdbc asks for TLS by default
        writeHba("host all bob 127.0.0.1/32 md5");
        connect("mallory", "mallory-pw").close();
    }

    @Test
    void repeatedFailuresLockTheRoleOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertLoginFails("carol", "wrong", "28P01", "password authentication failed for user \"carol\"");
        }
        // the right password now fails the same way; only the server log says why
        assertLoginFails("carol", "carol-pw", "28P01", "password authentication failed for user \"carol\"");
        Poll.until(Duration.ofSeconds(10), "the lockout in the server log", () -> Files.exists(server.logFile())
                && Files.readString(server.logFile()).contains("role carol locked out"));
        connect("alice", "alice-pw").close(); // others are not affected
    }

    @Test
    void aRolledBackCreateRoleLeavesNothing() throws Exception {
        try (Connection c = Sql.connect(server.port())) {
            c.setAutoCommit(false);
            Sql.execute(c, "create user ghost password 'ghost-pw'");
            c.rollback();
            c.setAutoCommit(true);
        }
        assertLoginFails("ghost", "ghost-pw", "28P01", "password authentication failed for user \"ghost\"");
        try (Connection c = Sql.connect(server.port())) {
            Sql.execute(c, "create role ghost");
            Sql.execute(c, "drop role ghost");
        }
    }

    @Test
    void aRoleGetsNoMoreSessionsThanItsConnectionLimit() throws Exception {
        try (Connection c = Sql.connect(server.port())) {
            Sql.execute(c, "create user erin password 'erin-pw' connection limit 1");
        }
        try (Connection first = connect("erin", "erin-pw")) {
            assertLoginFails("erin", "erin-pw", "53300", "too many connections for role \"erin\"");
        }
        // the first session's end frees its place, once the server has seen the client go
        Poll.until(Duration.ofSeconds(10), "a login after the first session ended", () -> {
            connect("erin", "erin-pw").close();
            return true;
        });
    }

    @Test
    void theCatalogListsTheRolesAndTheirMemberships() throws Exception {
        try (Connection c = Sql.connect(server.port())) {
            Sql.execute(c, "create role staff");
            Sql.execute(c, "grant staff to carol");
            assertEquals(List.of(List.of("carol", "t", "f"), List.of("rustydb", "t", "t"), List.of("staff", "f", "f")),
                    Sql.query(c, "select rolname, rolcanlogin, rolsuper from pg_roles"
                            + " where rolname in ('carol', 'rustydb', 'staff') order by 1"));
            assertEquals(List.of(List.of("staff", "carol")), Sql.query(c, "select r.rolname, m.rolname"
                    + " from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member"));
            Sql.execute(c, "revoke staff from carol");
            Sql.execute(c, "drop role staff");
        }
    }

    @Test
    void rolesSurviveARestart() throws Exception {
        try (Connection c = Sql.connect(server.port())) {
            Sql.execute(c, "create user dave password 'dave-pw'");
        }
        assertTrue(server.terminate(Duration.ofSeconds(10)), "bin/rustydb still running 10 s after SIGTERM");
        server = ServerProcess.start(home, workDir.resolve("second"), data);
        server.awaitReady(READY);
        connect("dave", "dave-pw").close();
        connect("alice", "alice-pw").close();
    }
}
