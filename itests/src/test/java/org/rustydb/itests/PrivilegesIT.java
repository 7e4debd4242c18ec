package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.util.PSQLException;

/**
 * Privileges over the wire, with PostgreSQL 15's messages: a non-superuser is denied (42501) until
 * GRANT, again after REVOKE (kept plans too), through roles it inherits, per column, per schema
 * (USAGE, CREATE) and per sequence; owners alone drop and alter; DROP ROLE refuses a role that owns
 * objects or holds privileges; a rolled-back GRANT leaves nothing, a table dropped and created
 * again has none of the old grants, a rename keeps them, and they survive kill -9.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivilegesIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private Path workDir;
    private Path data;
    private ServerProcess server;

    @BeforeAll
    void start() throws Exception {
        workDir = Distribution.workDir("privileges");
        data = workDir.resolve("data");
        server = ServerProcess.start(workDir.resolve("first"), data);
        server.awaitReady(READY);
        admin("create user alice password 'alice-pw'", "create user bob password 'bob-pw'",
                "create user carol password 'carol-pw'");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = Sql.connect(server.port())) {
            for (String s : statements) {
                Sql.execute(c, s);
            }
        }
    }

    private List<List<String>> adminQuery(String sql) throws SQLException {
        try (Connection c = Sql.connect(server.port())) {
            return Sql.query(c, sql);
        }
    }

    private Connection as(String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/rustydb?connectTimeout=10&socketTimeout=30", user, user + "-pw");
    }

    private static void assertDenied(Connection c, String sql, String message) {
        PSQLException e = assertThrows(PSQLException.class, () -> Sql.execute(c, sql), sql);
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertEquals(message, e.getServerErrorMessage().getMessage());
    }

    @Test
    void aRoleIsDeniedUntilGrantedAndAgainAfterRevoke() throws Exception {
        admin("create table accounts (id int primary key, balance int)", "insert into accounts values (1, 10)");
        try (Connection alice = as("alice")) {
            assertDenied(alice, "select * from accounts", "permission denied for table accounts");
            admin("grant select on accounts to alice");
            assertEquals(List.of(List.of("1", "10")), Sql.query(alice, "select * from accounts"));
            assertDenied(alice, "insert into accounts values (2, 20)", "permission denied for table accounts");
            assertDenied(alice, "update accounts set balance = 0 where id = 1", "permission denied for table accounts");
            assertDenied(alice, "delete from accounts", "permission denied for table accounts");
            assertDenied(alice, "truncate accounts", "permission denied for table accounts");
            // a prepared statement run often enough to keep its plan is checked again at each execution
            try (PreparedStatement ps = alice.prepareStatement("select balance from accounts where id = ?")) {
                for (int i = 0; i < 8; i++) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                    }
                }
                admin("revoke select on accounts from alice");
                ps.setInt(1, 1);
                SQLException e = assertThrows(SQLException.class, ps::executeQuery);
                assertEquals("42501", e.getSQLState());
            }
            assertDenied(alice, "select * from accounts", "permission denied for table accounts");
            admin("grant insert, update on accounts to alice");
            Sql.execute(alice, "insert into accounts values (3, 30)");
            Sql.execute(alice, "update accounts set balance = 0"); // no WHERE: nothing read
            // LOCK TABLE: ACCESS SHARE needs SELECT, ROW EXCLUSIVE one of INSERT, UPDATE, DELETE, TRUNCATE
            alice.setAutoCommit(false);
            assertDenied(alice, "lock table accounts in access share mode", "permission denied for table accounts");
            alice.rollback();
            Sql.execute(alice, "lock table accounts in row exclusive mode");
            alice.commit();
            alice.setAutoCommit(true);
        }
        assertEquals(List.of(List.of("{rustydb=arwdDxt/rustydb,alice=aw/rustydb}")),
                adminQuery("select relacl::text from pg_class where relname = 'accounts'"));
        assertEquals(List.of(List.of("f", "t")), adminQuery("select has_table_privilege('alice', 'accounts', 'select'),"
                + " has_table_privilege('alice', 'accounts', 'insert')"));
    }

    @Test
    void explainAndCopyNeedWhatTheirQueryNeeds() throws Exception {
        admin("create table vault_rows (n int)", "insert into vault_rows values (1)");
        try (Connection alice = as("alice")) {
            assertDenied(alice, "explain select * from vault_rows", "permission denied for table vault_rows");
            org.postgresql.copy.CopyManager copy = alice.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            for (String sql : List.of("copy vault_rows to stdout", "copy (select n from vault_rows) to stdout",
                    "copy vault_rows from stdin")) {
                PSQLException e = assertThrows(PSQLException.class, () -> {
                    if (sql.endsWith("stdin")) {
                        copy.copyIn(sql, new java.io.StringReader("2\n"));
                    } else {
                        copy.copyOut(sql, new java.io.StringWriter());
                    }
                }, sql);
                assertEquals("42501", e.getSQLState(), sql);
            }
            admin("grant select on vault_rows to alice");
            java.io.StringWriter out = new java.io.StringWriter();
            copy.copyOut("copy (select n from vault_rows) to stdout", out);
            assertEquals("1\n", out.toString());
        }
    }

    @Test
    void grantOptionsPassPrivilegesOnAndRevokeCascades() throws Exception {
        admin("create table notes (n int)", "grant select on notes to alice with grant option");
        try (Connection alice = as("alice"); Connection bob = as("bob")) {
            Sql.execute(alice, "grant select on notes to bob");
            assertEquals(List.of(), Sql.query(bob, "select * from notes"));
            Sql.execute(bob, "grant select on notes to alice"); // without the option: a warning, nothing granted
            PSQLException e = assertThrows(PSQLException.class, () -> admin("revoke select on notes from alice"));
            assertEquals("2BP01", e.getSQLState());
            assertEquals("dependent privileges exist", e.getServerErrorMessage().getMessage());
            assertEquals(List.of(List.of("{rustydb=arwdDxt/rustydb,alice=r*/rustydb,bob=r/alice}")),
                    adminQuery("select relacl::text from pg_class where relname = 'notes'"));
            admin("revoke select on notes from alice cascade");
            assertDenied(bob, "select * from notes", "permission denied for table notes");
        }
        assertEquals(List.of(List.of("{rustydb=arwdDxt/rustydb}")),
                adminQuery("select relacl::text from pg_class where relname = 'notes'"));
    }

    @Test
    void privilegesComeThroughRolesGrantedToTheUser() throws Exception {
        admin("create table reports (n int)", "create role readers", "grant select on reports to readers");
        try (Connection bob = as("bob")) {
            assertDenied(bob, "select * from reports", "permission denied for table reports");
            admin("grant readers to bob");
            assertEquals(List.of(), Sql.query(bob, "select * from reports"));
            admin("revoke readers from bob");
            assertDenied(bob, "select * from reports", "permission denied for table reports");
        }
    }

    @Test
    void columnPrivilegesCoverTheColumnsGranted() throws Exception {
        admin("create table people (id int, name text, salary int)", "insert into people values (1, 'ann', 100)",
                "grant select (id, name) on people to alice", "grant update (name) on people to alice");
        try (Connection alice = as("alice")) {
            assertEquals(List.of(List.of("1", "ann")), Sql.query(alice, "select id, name from people"));
            assertEquals(List.of(List.of("1")), Sql.query(alice, "select count(*) from people"));
            assertDenied(alice, "select salary from people", "permission denied for table people");
            assertDenied(alice, "select * from people", "permission denied for table people");
            Sql.execute(alice, "update people set name = 'bea'");
            Sql.execute(alice, "update people set name = upper(name) where id = 1 returning id, name");
            assertDenied(alice, "update people set salary = 0", "permission denied for table people");
            assertDenied(alice, "update people set name = 'x' where salary > 0", "permission denied for table people");
        }
        assertEquals(List.of(List.of("id", "{alice=r/rustydb}"), List.of("name", "{alice=rw/rustydb}"),
                        Arrays.asList("salary", null)),
                adminQuery("select attname, attacl::text from pg_attribute where attrelid = 'people'::regclass"
                        + " and attnum > 0 order by attnum"));
        assertEquals(List.of(List.of("t", "f")), adminQuery("select has_column_privilege('alice', 'people', 'name',"
                + " 'select'), has_column_privilege('alice', 'people', 'salary', 'select')"));
    }

    @Test
    void schemasNeedUsageToBeReadAndCreateToBeWritten() throws Exception {
        admin("create schema vault", "create table vault.gold (n int)");
        try (Connection alice = as("alice")) {
            assertDenied(alice, "select * from vault.gold", "permission denied for schema vault");
            admin("grant usage on schema vault to alice");
            assertDenied(alice, "select * from vault.gold", "permission denied for table gold");
            admin("grant select on vault.gold to alice");
            assertEquals(List.of(), Sql.query(alice, "select * from vault.gold"));
            // PostgreSQL 15: public is open for use, but only its owner creates in it
            assertDenied(alice, "create table public.mine (n int)", "permission denied for schema public");
            assertDenied(alice, "create table vault.mine (n int)", "permission denied for schema vault");
            admin("grant create on schema vault to alice");
            Sql.execute(alice, "create table vault.mine (n int)");
            Sql.execute(alice, "insert into vault.mine values (1)");
            Sql.execute(alice, "drop table vault.mine");
        }
        assertEquals(List.of(List.of("{rustydb=UC/rustydb,alice=UC/rustydb}")),
                adminQuery("select nspacl::text from pg_namespace where nspname = 'vault'"));
        assertEquals(List.of(List.of("pg_database_owner", "{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}")),
                adminQuery("select nspowner::regrole::text, nspacl::text from pg_namespace where nspname = 'public'"));
        assertEquals(List.of(List.of("t", "alice")), adminQuery("select 'alice'::regrole = (select oid from pg_roles"
                + " where rolname = 'alice'), 'alice'::regrole::oid::regrole::text"));
    }

    @Test
    void temporaryTablesNeedTheDatabasesTemporaryPrivilege() throws Exception {
        admin("create user tina password 'tina-pw'");
        try (Connection tina = as("tina")) {
            Sql.execute(tina, "create temp table scratch (n int)");
            admin("revoke temporary on database rustydb from public");
            try {
                assertDenied(tina, "create temp table scratch2 (n int)",
                        "permission denied to create temporary tables in database \"rustydb\"");
            } finally {
                admin("grant temporary on database rustydb to public");
            }
            Sql.execute(tina, "create temp table scratch2 (n int)");
        }
    }

    @Test
    void loginNeedsTheDatabasesConnectPrivilege() throws Exception {
        admin("create user uma password 'uma-pw'", "create user vic password 'vic-pw'");
        admin("revoke connect on database rustydb from public", "grant connect on database rustydb to vic");
        try {
            SQLException e = assertThrows(SQLException.class, () -> as("uma").close());
            assertEquals("42501", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("permission denied for database \"rustydb\""), e.getMessage());
            as("vic").close();
        } finally {
            admin("grant connect on database rustydb to public");
        }
        as("uma").close();
    }

    @Test
    void sequenceFunctionsNeedSequencePrivileges() throws Exception {
        admin("create sequence tickets");
        try (Connection alice = as("alice")) {
            assertDenied(alice, "select nextval('tickets')", "permission denied for sequence tickets");
            admin("grant usage on sequence tickets to alice");
            assertEquals(List.of(List.of("1")), Sql.query(alice, "select nextval('tickets')"));
            assertEquals(List.of(List.of("1")), Sql.query(alice, "select currval('tickets')"));
            assertDenied(alice, "select setval('tickets', 10)", "permission denied for sequence tickets");
            admin("grant update on sequence tickets to alice");
            assertEquals(List.of(List.of("10")), Sql.query(alice, "select setval('tickets', 10)"));
        }
    }

    @Test
    void serialColumnsNeedTheirSequenceAndIdentityColumnsDoNot() throws Exception {
        admin("create table numbered (id serial, n int)",
                "create table counted (id int generated always as identity, n int)",
                "grant insert on numbered, counted to bob");
        try (Connection bob = as("bob")) {
            Sql.execute(bob, "insert into counted (n) values (1)");
            assertDenied(bob, "insert into numbered (n) values (1)", "permission denied for sequence numbered_id_seq");
            admin("grant usage on sequence numbered_id_seq to bob");
            Sql.execute(bob, "insert into numbered (n) values (1)");
        }
    }

    @Test
    void aForeignKeyNeedsReferencesAndIsCheckedWithTheOwnersRights() throws Exception {
        admin("create table parents (id int primary key)", "insert into parents values (1)", "create schema nursery",
                "grant usage, create on schema nursery to bob");
        try (Connection bob = as("bob")) {
            assertDenied(bob, "create table nursery.children (p int references public.parents (id))",
                    "permission denied for table parents");
            admin("grant references on parents to bob");
            Sql.execute(bob, "create table nursery.children (p int references public.parents (id))");
            Sql.execute(bob, "insert into nursery.children values (1)"); // bob cannot read parents, the check can
            PSQLException e = assertThrows(PSQLException.class,
                    () -> Sql.execute(bob, "insert into nursery.children values (2)"));
            assertEquals("23503", e.getSQLState());
            assertDenied(bob, "select * from parents", "permission denied for table parents");
        }
    }

    @Test
    void onlyTheOwnerDropsAndAlters() throws Exception {
        admin("create schema workshop", "grant usage, create on schema workshop to alice, bob");
        try (Connection alice = as("alice"); Connection bob = as("bob")) {
            Sql.execute(alice, "create table workshop.bench (n int)");
            assertEquals(List.of(List.of("alice")),
                    adminQuery("select tableowner from pg_tables where tablename = 'bench'"));
            assertDenied(bob, "drop table workshop.bench", "must be owner of table bench");
            assertDenied(bob, "alter table workshop.bench add column m int", "must be owner of table bench");
            assertDenied(bob, "create index on workshop.bench (n)", "must be owner of table bench");
            Sql.execute(alice, "create index bench_n on workshop.bench (n)");
            assertDenied(bob, "drop index workshop.bench_n", "must be owner of index bench_n");
            assertDenied(alice, "alter table workshop.bench owner to bob", "must be member of role \"bob\"");
            admin("alter table workshop.bench owner to bob");
            assertDenied(alice, "drop table workshop.bench", "must be owner of table bench");
            Sql.execute(bob, "drop table workshop.bench");
        }
    }

    @Test
    void viewsAndSequencesChangeOwnerAndReassignOwnedMovesEverything() throws Exception {
        admin("create user dora password 'dora-pw'", "create user ed password 'ed-pw'",
                "create table ledger (n int)", "create view ledger_view as select n from ledger",
                "create sequence ledger_ids", "alter view ledger_view owner to dora",
                "alter sequence ledger_ids owner to dora", "alter table ledger owner to dora");
        assertEquals(List.of(List.of("dora", "dora", "dora")), adminQuery("select"
                + " (select viewowner from pg_views where viewname = 'ledger_view'),"
                + " (select sequenceowner from pg_sequences where sequencename = 'ledger_ids'),"
                + " (select tableowner from pg_tables where tablename = 'ledger')"));
        try (Connection ed = as("ed")) {
            assertDenied(ed, "alter view ledger_view owner to ed", "must be owner of view ledger_view");
        }
        admin("reassign owned by dora to ed");
        assertEquals(List.of(List.of("ed", "ed", "ed")), adminQuery("select"
                + " (select viewowner from pg_views where viewname = 'ledger_view'),"
                + " (select sequenceowner from pg_sequences where sequencename = 'ledger_ids'),"
                + " (select tableowner from pg_tables where tablename = 'ledger')"));
        admin("drop role dora");
        try (Connection ed = as("ed")) {
            Sql.execute(ed, "select nextval('ledger_ids')");
            Sql.execute(ed, "drop view ledger_view");
            Sql.execute(ed, "drop table ledger");
        }
    }

    @Test
    void aRoleThatOwnsObjectsOrHoldsPrivilegesCannotBeDropped() throws Exception {
        admin("create table shared (n int)", "grant select on shared to carol", "create schema carols",
                "alter schema carols owner to carol");
        PSQLException e = assertThrows(PSQLException.class, () -> admin("drop role carol"));
        assertEquals("2BP01", e.getSQLState());
        assertEquals("role \"carol\" cannot be dropped because some objects depend on it",
                e.getServerErrorMessage().getMessage());
        String detail = e.getServerErrorMessage().getDetail();
        assertTrue(detail.contains("privileges for table shared"), detail);
        assertTrue(detail.contains("owner of schema carols"), detail);
        admin("revoke select on shared from carol", "drop schema carols");
        admin("drop role carol");
    }

    @Test
    void aRolledBackGrantLeavesNothing() throws Exception {
        admin("create table drafts (n int)");
        try (Connection c = Sql.connect(server.port())) {
            c.setAutoCommit(false);
            Sql.execute(c, "grant select on drafts to bob");
            c.rollback();
        }
        try (Connection bob = as("bob")) {
            assertDenied(bob, "select * from drafts", "permission denied for table drafts");
        }
        assertEquals(List.of(Arrays.asList((String) null)),
                adminQuery("select relacl::text from pg_class where relname = 'drafts'"));
    }

    @Test
    void aTableDroppedAndCreatedAgainHasNoOldGrantsAndARenameKeepsThem() throws Exception {
        admin("create table ephemeral (n int)", "grant select on ephemeral to bob", "drop table ephemeral",
                "create table ephemeral (n int)", "create table moving (n int)", "grant select on moving to bob",
                "alter table moving rename to moved");
        try (Connection bob = as("bob")) {
            assertDenied(bob, "select * from ephemeral", "permission denied for table ephemeral");
            assertEquals(List.of(), Sql.query(bob, "select * from moved"));
        }
    }

    @Test
    void aViewReadsWithItsOwnersPrivileges() throws Exception {
        admin("create table secrets (k int, v text)", "insert into secrets values (1, 'x')",
                "create view public_keys as select k from secrets");
        try (Connection alice = as("alice")) {
            assertDenied(alice, "select * from public_keys", "permission denied for view public_keys");
            admin("grant select on public_keys to alice");
            assertEquals(List.of(List.of("1")), Sql.query(alice, "select * from public_keys"));
            assertDenied(alice, "select * from secrets", "permission denied for table secrets");
        }
    }

    @Test
    void grantsSurviveKill9() throws Exception {
        admin("create table durable (n int)", "insert into durable values (7)", "grant select on durable to bob");
        server.sigkill(Duration.ofSeconds(10));
        server = ServerProcess.start(workDir.resolve("second-" + System.nanoTime()), data);
        server.awaitReady(READY);
        try (Connection bob = as("bob")) {
            assertEquals(List.of(List.of("7")), Sql.query(bob, "select * from durable"));
            assertDenied(bob, "insert into durable values (8)", "permission denied for table durable");
        }
    }

    @Test
    void setRoleChecksAsTheChosenRoleUntilResetOrTheTransactionEnds() throws Exception {
        admin("create user fern noinherit password 'fern-pw'", "create role auditors", "grant auditors to fern",
                "create table audit_log (n int)", "insert into audit_log values (1)",
                "grant select on audit_log to auditors", "create schema audit authorization auditors");
        try (Connection fern = as("fern")) {
            // NOINHERIT: the membership gives nothing until SET ROLE
            assertDenied(fern, "select * from audit_log", "permission denied for table audit_log");
            Sql.execute(fern, "set role auditors");
            assertEquals(List.of(List.of("1")), Sql.query(fern, "select * from audit_log"));
            assertEquals(List.of(List.of("auditors", "fern", "auditors")),
                    Sql.query(fern, "select current_user, session_user, current_setting('role')"));
            Sql.execute(fern, "create table audit.entries (n int)");
            assertEquals(List.of(List.of("auditors")),
                    adminQuery("select tableowner from pg_tables where tablename = 'entries'"));
            assertDenied(fern, "set role bob", "permission denied to set role \"bob\"");
            PSQLException e = assertThrows(PSQLException.class, () -> Sql.execute(fern, "set role nobody"));
            assertEquals("22023", e.getSQLState());
            assertEquals("role \"nobody\" does not exist", e.getServerErrorMessage().getMessage());
            Sql.execute(fern, "reset role");
            assertDenied(fern, "select * from audit_log", "permission denied for table audit_log");
            assertDenied(fern, "set session authorization bob", "permission denied to set session authorization \"bob\"");
            fern.setAutoCommit(false);
            Sql.execute(fern, "set local role auditors");
            assertEquals(List.of(List.of("1")), Sql.query(fern, "select * from audit_log"));
            fern.commit();
            assertEquals(List.of(List.of("fern")), Sql.query(fern, "select current_user"));
            Sql.execute(fern, "savepoint s");
            Sql.execute(fern, "set role auditors");
            Sql.execute(fern, "rollback to savepoint s");
            assertEquals(List.of(List.of("fern")), Sql.query(fern, "select current_user"));
            Sql.execute(fern, "set role auditors");
            fern.rollback();
            assertEquals(List.of(List.of("fern")), Sql.query(fern, "select current_user"));
            fern.setAutoCommit(true);
        }
        try (Connection c = Sql.connect(server.port())) {
            // a superuser may become anyone; the new session user starts without a role
            Sql.execute(c, "set role auditors");
            Sql.execute(c, "set session authorization fern");
            assertEquals(List.of(List.of("fern", "fern", "none")),
                    Sql.query(c, "select current_user, session_user, current_setting('role')"));
            assertDenied(c, "select * from audit_log", "permission denied for table audit_log");
            Sql.execute(c, "reset session authorization");
            assertEquals(List.of(List.of("rustydb", "rustydb")), Sql.query(c, "select current_user, session_user"));
        }
        admin("drop table audit.entries", "drop schema audit", "drop table audit_log", "drop role fern",
                "drop role auditors");
    }

    @Test
    void mergeNeedsThePrivilegesOfWhatItReadsAndWrites() throws Exception {
        admin("create table stock (id int, qty int, note text)", "create table deliveries (id int, qty int)",
                "insert into stock values (1, 1, 'x')", "insert into deliveries values (1, 5), (2, 6)",
                "grant select on deliveries to bob", "grant select (id) on stock to bob",
                "grant update (qty) on stock to bob", "grant insert (id, qty) on stock to bob");
        try (Connection bob = as("bob")) {
            Sql.execute(bob, "merge into stock t using deliveries d on t.id = d.id"
                    + " when matched then update set qty = d.qty when not matched then insert values (d.id, d.qty)");
            assertDenied(bob, "merge into stock t using deliveries d on t.id = d.id"
                    + " when matched then update set qty = t.qty + d.qty", "permission denied for table stock");
            assertDenied(bob, "merge into stock t using deliveries d on t.id = d.id"
                    + " when matched then update set note = 'y'", "permission denied for table stock");
            assertDenied(bob, "merge into stock t using deliveries d on t.id = d.id"
                    + " when not matched then insert (id, note) values (d.id, 'n')", "permission denied for table stock");
            assertDenied(bob, "merge into stock t using deliveries d on t.id = d.id when matched then delete",
                    "permission denied for table stock");
            admin("grant delete on stock to bob");
            Sql.execute(bob, "merge into stock t using deliveries d on t.id = d.id when matched then delete");
        }
        assertEquals(List.of(), adminQuery("select * from stock"));
    }

    @Test
    void aSequenceMovedToAnotherSchemaKeepsItsOwnerAndGrants() throws Exception {
        admin("create schema counters", "grant usage on schema counters to bob", "create sequence counter_tickets",
                "grant usage on sequence counter_tickets to bob", "alter sequence counter_tickets set schema counters");
        assertEquals(List.of(List.of("{rustydb=rwU/rustydb,bob=U/rustydb}")),
                adminQuery("select relacl::text from pg_class where relname = 'counter_tickets'"));
        try (Connection bob = as("bob")) {
            assertEquals(List.of(List.of("1")), Sql.query(bob, "select nextval('counters.counter_tickets')"));
            assertDenied(bob, "alter sequence counters.counter_tickets set schema public",
                    "must be owner of sequence counter_tickets");
        }
    }

    @Test
    void aFunctionRevokedFromPublicCannotBeCalledByOthers() throws Exception {
        admin("create table mirrored (a text default reverse('abc'), b text)", "grant all on mirrored to alice",
                "insert into mirrored values ('x', 'y')", "create view mirror_view as select reverse(a) as r from mirrored",
                "grant select on mirror_view to alice", "revoke execute on function reverse(text) from public");
        try (Connection alice = as("alice")) {
            for (String sql : List.of("select reverse('abc')", "select * from mirrored where reverse(a) = 'x'",
                    "insert into mirrored (b) values ('z')", "select * from mirror_view")) {
                // a view's calls are checked as the caller's, as PostgreSQL does
                assertDenied(alice, sql, "permission denied for function reverse");
            }
            org.postgresql.copy.CopyManager copy = alice.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy.copyIn("copy mirrored (b) from stdin", new java.io.StringReader("w\n")));
            assertEquals("permission denied for function reverse", e.getServerErrorMessage().getMessage());
            assertEquals(List.of(List.of("f")), Sql.query(alice, "select has_function_privilege('reverse(text)', 'execute')"));
            admin("grant execute on function reverse(text) to alice");
            assertEquals(List.of(List.of("cba")), Sql.query(alice, "select reverse('abc')"));
            Sql.execute(alice, "insert into mirrored (b) values ('z')");
        } finally {
            admin("grant execute on function reverse(text) to public", "revoke execute on function reverse(text) from alice");
        }
        assertEquals(List.of(List.of("{rustydb=X/rustydb,=X/rustydb}")),
                adminQuery("select distinct proacl::text from pg_proc where proname = 'reverse'"));
    }

    @Test
    void dropOwnedDropsWhatTheRoleOwnsAndRevokesWhatItWasGranted() throws Exception {
        admin("create role leaver", "create role heir", "create role bystander",
                "create schema leavers authorization leaver", "create table leavers.desk (n int)",
                "alter table leavers.desk owner to leaver", "create table drawer (n int)",
                "alter table drawer owner to leaver", "create view drawer_view as select n from drawer",
                "alter view drawer_view owner to leaver", "create sequence leaver_ids",
                "alter sequence leaver_ids owner to leaver", "create table archive (n int)",
                "grant select on archive to leaver with grant option", "set role leaver",
                "grant select on archive to heir", "reset role",
                "create view onlooker as select n from drawer", "alter view onlooker owner to bystander");
        PSQLException e = assertThrows(PSQLException.class, () -> admin("drop owned by leaver"));
        assertEquals("2BP01", e.getSQLState());
        assertEquals("cannot drop desired object(s) because other objects depend on them",
                e.getServerErrorMessage().getMessage());
        assertEquals("view onlooker depends on table drawer", e.getServerErrorMessage().getDetail());
        try (Connection heir = Sql.connect(server.port())) {
            Sql.execute(heir, "set role heir");
            assertDenied(heir, "drop owned by leaver", "permission denied to drop objects");
        }
        admin("drop owned by leaver cascade");
        assertEquals(List.of(List.of("0", "0", "{rustydb=arwdDxt/rustydb}")), adminQuery("select"
                + " (select count(*) from pg_class where relname in ('desk', 'drawer', 'drawer_view', 'leaver_ids',"
                + " 'onlooker')), (select count(*) from pg_namespace where nspname = 'leavers'),"
                + " (select relacl::text from pg_class where relname = 'archive')"));
        admin("drop role leaver", "drop role heir", "drop role bystander");
    }

    @Test
    void defaultPrivilegesGoToObjectsCreatedLater() throws Exception {
        admin("create role planner", "create schema plans authorization planner", "grant usage on schema plans to bob",
                "alter default privileges for role planner grant select on tables to bob",
                "alter default privileges for role planner in schema plans grant insert on tables to bob",
                "alter default privileges for role planner revoke all on sequences from planner");
        try (Connection c = Sql.connect(server.port())) {
            Sql.execute(c, "set role planner");
            Sql.execute(c, "create table plans.steps (n int)");
            Sql.execute(c, "create sequence plans.step_ids");
        }
        assertEquals(List.of(List.of("steps", "{planner=arwdDxt/planner,bob=ar/planner}"), List.of("step_ids", "{}")),
                adminQuery("select relname, relacl::text from pg_class where relname in ('steps', 'step_ids')"
                        + " order by relname desc"));
        try (Connection bob = as("bob"); Connection alice = as("alice")) {
            Sql.execute(bob, "insert into plans.steps values (1)");
            assertEquals(List.of(List.of("1")), Sql.query(bob, "select n from plans.steps"));
            assertDenied(alice, "alter default privileges for role planner grant select on tables to alice",
                    "must be member of role \"planner\"");
        }
        assertEquals(List.of(List.of("r", "", "{planner=arwdDxt/planner,bob=r/planner}"), List.of("r", "plans",
                "{bob=a/planner}"), List.of("S", "", "{}")), adminQuery("select defaclobjtype,"
                + " coalesce(nspname, ''), defaclacl::text from pg_default_acl d left join pg_namespace n"
                + " on n.oid = d.defaclnamespace"
                + " where defaclrole = (select oid from pg_roles where rolname = 'planner')"
                + " order by defaclobjtype desc, nspname nulls first"));
        PSQLException e = assertThrows(PSQLException.class, () -> admin("drop role bob"));
        assertTrue(e.getServerErrorMessage().getDetail().contains(
                "privileges for default privileges on new relations belonging to role planner"), e.getMessage());
        admin("drop owned by planner cascade", "drop role planner");
        assertEquals(List.of(List.of("0")), adminQuery("select count(*) from pg_default_acl"));
    }
}
