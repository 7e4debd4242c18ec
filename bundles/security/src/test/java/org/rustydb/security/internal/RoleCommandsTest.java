package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.security.RoleInfo;
import org.rustydb.spi.txn.Transaction;

/** Expected results and messages from PostgreSQL 15. */
class RoleCommandsTest {
    private final RoleFixture db = new RoleFixture();

    private DbException fails(String user, String sql, String state, String message) {
        DbException e = assertThrows(DbException.class, () -> db.run(user, sql));
        assertEquals(state, e.sqlState(), e.getMessage());
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void bootstrapCreatesOneSuperuserWithAScramPassword() {
        Role root = db.role("rustydb");
        assertTrue(root.superuser() && root.canLogin());
        assertEquals(RoleStore.BOOTSTRAP_OID, root.oid());
        assertTrue(root.password().startsWith("SCRAM-SHA-256$4096:"));
        assertNull(Bootstrap.run(db.transactions, db.store, "other")); // a second start changes nothing
        assertEquals(root, db.role("rustydb"));
    }

    @Test
    void createRoleAndUserWithPostgresDefaultsAndOptions() {
        assertEquals("CREATE ROLE", db.run("create role r1"));
        Role r1 = db.role("r1");
        assertFalse(r1.canLogin());
        assertTrue(r1.inherit());
        assertEquals(-1, r1.connectionLimit());
        assertEquals("CREATE ROLE", db.run("CREATE USER \"Mixed\" WITH PASSWORD 'pw' CREATEDB CONNECTION LIMIT 3 "
                + "VALID UNTIL '2030-01-02 03:04:05+00' NOINHERIT"));
        Role u = db.role("Mixed");
        assertTrue(u.canLogin() && u.createDb() && !u.inherit() && !u.superuser());
        assertEquals(3, u.connectionLimit());
        assertEquals(Instant.parse("2030-01-02T03:04:05Z"), u.validUntil());
        Scram.Verifier v = Scram.parse(u.password());
        assertEquals(v.encode(), Scram.create("pw", v.salt(), v.iterations()).encode());
        db.run("create role m1 password 'md5" + "0123456789abcdef0123456789abcdef'");
        assertEquals("md50123456789abcdef0123456789abcdef", db.role("m1").password());
        db.run("create role e1 password ''");
        assertNull(db.role("e1").password());
        assertEquals("empty string is not a valid password, clearing password", db.notices.get(0).message());
        db.run("create role c4 sysid 5");
        assertEquals("SYSID can no longer be specified", db.notices.get(1).message());
    }

    @Test
    void createErrors() {
        db.run("create role a1");
        fails("rustydb", "create role a1", "42710", "role \"a1\" already exists");
        fails("rustydb", "create role pg_x", "42939", "role name \"pg_x\" is reserved");
        fails("rustydb", "create role public", "42939", "role name \"public\" is reserved");
        fails("rustydb", "create role c2 login login", "42601", "conflicting or redundant options");
        fails("rustydb", "create role c3 nologin login", "42601", "conflicting or redundant options");
        fails("rustydb", "create role e1 with with", "42601", "syntax error at or near \"with\"");
        fails("rustydb", "create role", "42601", "syntax error at end of input");
        fails("rustydb", "create role x1 connection limit 'a'", "42601", "syntax error at or near \"'a'\"");
        fails("rustydb", "create role x1 connection limit -2", "22023", "invalid connection limit: -2");
        fails("rustydb", "create role e1 valid until 'xyz'", "22007",
                "invalid input syntax for type timestamp with time zone: \"xyz\"");
    }

    @Test
    void permissionsFollowPostgres() {
        db.run("create user u1 password 'x' createrole");
        db.run("create role s1 superuser");
        db.run("create user plain");
        fails("u1", "create role d1 superuser", "42501", "must be superuser to create superusers");
        assertEquals("CREATE ROLE", db.run("u1", "create role d1 createrole"));
        fails("u1", "alter role s1 nosuperuser", "42501",
                "must be superuser to alter superuser roles or change superuser attribute");
        fails("u1", "alter role s1 password 'x'", "42501",
                "must be superuser to alter superuser roles or change superuser attribute");
        fails("u1", "drop role s1", "42501", "must be superuser to drop superusers");
        fails("u1", "drop role u1", "55006", "current user cannot be dropped");
        fails("plain", "create role z", "42501", "permission denied to create role");
        fails("plain", "alter role plain createdb", "42501", "permission denied");
        assertEquals("ALTER ROLE", db.run("plain", "alter user current_user password 'mine'"));
        assertNotNull(db.role("plain").password());
        assertEquals("DROP ROLE", db.run("u1", "drop role d1"));
        fails("rustydb", "drop role rustydb", "55006", "current user cannot be dropped");
        db.run("create role s2 superuser login");
        fails("s2", "drop role rustydb", "2BP01",
                "cannot drop role rustydb because it is required by the database system");
    }

    @Test
    void alterRenameAndDrop() {
        db.run("create role a1 password 'md5" + "0123456789abcdef0123456789abcdef'");
        db.run("alter role a1 login valid until 'infinity' connection limit 10");
        Role a1 = db.role("a1");
        assertTrue(a1.canLogin());
        assertNull(a1.validUntil());
        assertEquals(10, a1.connectionLimit());
        assertEquals("ALTER ROLE", db.run("alter role a1 rename to a2"));
        assertNull(db.role("a1"));
        assertNull(db.role("a2").password());
        assertEquals("MD5 password cleared because of role rename", db.notices.get(0).message());
        fails("rustydb", "alter role rustydb rename to p2", "0A000", "session user cannot be renamed");
        fails("rustydb", "alter role nosuch login", "42704", "role \"nosuch\" does not exist");
        fails("rustydb", "drop role nosuch", "42704", "role \"nosuch\" does not exist");
        assertEquals("DROP ROLE", db.run("drop role if exists nosuch, a2"));
        assertEquals("role \"nosuch\" does not exist, skipping", db.notices.get(1).message());
        assertNull(db.role("a2"));
    }

    @Test
    void grantAndRevokeMembership() {
        db.run("create role a1");
        db.run("create user u1");
        assertEquals("GRANT ROLE", db.run("grant a1 to u1"));
        assertTrue(db.graph().isMember("u1", "a1"));
        db.run("grant a1 to u1");
        assertEquals("role \"u1\" is already a member of role \"a1\"", db.notices.get(0).message());
        fails("rustydb", "grant u1 to a1", "0LP01", "role \"u1\" is a member of role \"a1\"");
        fails("rustydb", "grant a1 to a1", "0LP01", "role \"a1\" is a member of role \"a1\"");
        fails("rustydb", "grant nosuch to a1", "42704", "role \"nosuch\" does not exist");
        fails("u1", "grant a1 to rustydb", "42501", "must have admin option on role \"a1\"");
        fails("rustydb", "grant select on t to u1", "0A000", "GRANT and REVOKE of privileges are not supported yet");
        assertEquals("REVOKE ROLE", db.run("revoke a1 from u1"));
        assertFalse(db.graph().isMember("u1", "a1"));
        db.run("revoke a1 from u1");
        assertEquals("role \"u1\" is not a member of role \"a1\"", db.notices.get(1).message());
        db.run("create role g1 in role a1 role u1");
        assertTrue(db.graph().isMember("u1", "a1")); // through g1
        db.run("drop role g1");
        assertFalse(db.graph().isMember("u1", "a1"));
    }

    @Test
    void catalogListsRolesWithoutPasswords() {
        db.run("create role a1");
        db.run("create user u1 password 'x' in role a1");
        Transaction txn = db.transactions.begin(IsolationLevel.READ_COMMITTED, true);
        List<RoleInfo> roles = new RoleDirectory(db.store, db.privileges).roles(txn);
        txn.rollback();
        assertEquals(List.of("a1", "rustydb", "u1"), roles.stream().map(RoleInfo::name).toList());
        RoleInfo u1 = roles.get(2);
        assertTrue(u1.canLogin() && u1.hasPassword());
        assertEquals(List.of("a1"), u1.memberOf());
    }

    @Test
    void aRolledBackCreateLeavesNothing() {
        Transaction txn = db.transactions.begin(IsolationLevel.READ_COMMITTED, false);
        new RoleCommands(db.store, txn, "rustydb", db.notices::add).run("create role gone");
        txn.rollback();
        assertNull(db.role("gone"));
    }
}
