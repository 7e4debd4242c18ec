package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.spi.security.AuthExchange;
import org.rustydb.spi.security.AuthMethod;

class RoleAuthenticatorTest {
    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();
    private final RoleFixture db = new RoleFixture();
    private final AtomicLong now = new AtomicLong();
    private final HbaRules rules = HbaRules.parse("""
            host all nobody all reject
            host all md5user,nologin all md5
            host all plainuser all password
            host all trusted all trust
            host all all 127.0.0.1/32 scram-sha-256
            """);
    private final java.util.Map<String, Integer> openSessions = new java.util.HashMap<>();
    private final RoleAuthenticator authenticator = new RoleAuthenticator(db.transactions, db.store, () -> rules,
            new Lockout(3, 60_000, 60_000, now::get), user -> openSessions.getOrDefault(user, 0));

    /** The client side of SCRAM-SHA-256, as RFC 5802 describes it. */
    private static void scramLogin(AuthExchange exchange, String password) {
        String clientFirstBare = "n=,r=clientnonce123";
        String serverFirst = new String(exchange.saslInitial("SCRAM-SHA-256",
                ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        String[] parts = serverFirst.split(",");
        String nonce = parts[0].substring(2);
        byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
        int iterations = Integer.parseInt(parts[2].substring(2));
        byte[] salted = Scram.saltedPassword(password, salt, iterations);
        byte[] clientKey = Scram.hmac(salted, "Client Key");
        String withoutProof = "c=biws,r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = Scram.hmac(Scram.sha256(clientKey), authMessage);
        byte[] proof = new byte[32];
        for (int i = 0; i < 32; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        String serverFinal = new String(exchange.saslFinal((withoutProof + ",p="
                + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        byte[] expected = Scram.hmac(Scram.hmac(salted, "Server Key"), authMessage);
        assertArrayEquals(expected, Base64.getDecoder().decode(serverFinal.substring(2)));
        exchange.authorize();
    }

    private static void assertFails(String state, String message, Runnable r) {
        DbException e = assertThrows(DbException.class, r::run);
        assertEquals(state, e.sqlState());
        assertEquals(message, e.getMessage());
    }

    @Test
    void scramWithTheRightPasswordSucceeds() {
        AuthExchange exchange = authenticator.begin("rustydb", "rustydb", LOCAL, false);
        assertEquals(AuthMethod.SCRAM_SHA_256, exchange.method());
        scramLogin(exchange, "secret");
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        String failed = "password authentication failed for user \"%s\"";
        assertFails("28P01", String.format(failed, "rustydb"),
                () -> scramLogin(authenticator.begin("rustydb", "rustydb", LOCAL, false), "wrong"));
        assertFails("28P01", String.format(failed, "ghost"),
                () -> scramLogin(authenticator.begin("ghost", "rustydb", LOCAL, false), "secret"));
        db.run("create role nopw login");
        assertFails("28P01", String.format(failed, "nopw"),
                () -> scramLogin(authenticator.begin("nopw", "rustydb", LOCAL, false), ""));
        db.run("create user old password 'pw' valid until '2000-01-01'");
        assertFails("28P01", String.format(failed, "old"),
                () -> scramLogin(authenticator.begin("old", "rustydb", LOCAL, false), "pw"));
    }

    @Test
    void lockoutAfterRepeatedFailuresHidesEvenTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThrows(DbException.class,
                    () -> scramLogin(authenticator.begin("rustydb", "rustydb", LOCAL, false), "wrong"));
        }
        assertFails("28P01", "password authentication failed for user \"rustydb\"",
                () -> scramLogin(authenticator.begin("rustydb", "rustydb", LOCAL, false), "secret"));
        now.addAndGet(60_000);
        scramLogin(authenticator.begin("rustydb", "rustydb", LOCAL, false), "secret");
    }

    @Test
    void md5RolesUseTheChallengeAndScramRolesFallBackToScram() {
        db.run("create user md5user password '" + Md5Password.encrypt("pw", "md5user") + "'");
        AuthExchange exchange = authenticator.begin("md5user", "rustydb", LOCAL, false);
        assertEquals(AuthMethod.MD5, exchange.method());
        exchange.checkPassword(Md5Password.salted(Md5Password.encrypt("pw", "md5user"), exchange.md5Salt()));
        exchange.authorize();
        AuthExchange wrong = authenticator.begin("md5user", "rustydb", LOCAL, false);
        assertFails("28P01", "password authentication failed for user \"md5user\"", () -> wrong.checkPassword(
                Md5Password.salted(Md5Password.encrypt("bad", "md5user"), wrong.md5Salt())));

        db.run("alter role md5user password 'pw'");
        AuthExchange scram = authenticator.begin("md5user", "rustydb", LOCAL, false);
        assertEquals(AuthMethod.SCRAM_SHA_256, scram.method());
        scramLogin(scram, "pw");
    }

    @Test
    void cleartextPasswordChecksEitherKindOfStoredPassword() {
        db.run("create user plainuser password 'pw'");
        AuthExchange exchange = authenticator.begin("plainuser", "rustydb", LOCAL, false);
        assertEquals(AuthMethod.PASSWORD, exchange.method());
        exchange.checkPassword("pw");
        exchange.authorize();
        AuthExchange wrong = authenticator.begin("plainuser", "rustydb", LOCAL, false);
        assertThrows(DbException.class, () -> wrong.checkPassword("nope"));
    }

    @Test
    void hostRulesRejectOrFindNoEntry() throws Exception {
        InetAddress remote = InetAddress.getByName("10.0.0.1");
        assertFails("28000", "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"nobody\", "
                + "database \"rustydb\", no encryption", () -> authenticator.begin("nobody", "rustydb", LOCAL, false));
        assertFails("28000", "no pg_hba.conf entry for host \"10.0.0.1\", user \"rustydb\", "
                + "database \"rustydb\", SSL encryption",
                () -> authenticator.begin("rustydb", "rustydb", remote, true));
    }

    @Test
    void trustStillNeedsALoginRole() {
        assertFails("28000", "role \"trusted\" does not exist",
                () -> authenticator.begin("trusted", "rustydb", LOCAL, false).authorize());
        db.run("create role trusted");
        assertFails("28000", "role \"trusted\" is not permitted to log in",
                () -> authenticator.begin("trusted", "rustydb", LOCAL, false).authorize());
        db.run("alter role trusted login");
        authenticator.begin("trusted", "rustydb", LOCAL, false).authorize();
    }

    @Test
    void connectionLimitCountsTheOpenSessionsOfTheRoleButNotOfSuperusers() {
        db.run("create role trusted login connection limit 2");
        openSessions.put("trusted", 1);
        authenticator.begin("trusted", "rustydb", LOCAL, false).authorize();
        openSessions.put("trusted", 2);
        assertFails("53300", "too many connections for role \"trusted\"",
                () -> authenticator.begin("trusted", "rustydb", LOCAL, false).authorize());
        db.run("alter role trusted connection limit -1");
        authenticator.begin("trusted", "rustydb", LOCAL, false).authorize();
        db.run("alter role trusted superuser connection limit 0");
        authenticator.begin("trusted", "rustydb", LOCAL, false).authorize();
    }
}
