package org.rustydb.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ScramTest {
    // RFC 7677 section 3
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    @Test
    void rfc7677TestVector() {
        ScramServer server = new ScramServer(Scram.create("pencil", SALT, 4096), SERVER_NONCE);
        assertEquals("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                server.serverFirst(CLIENT_FIRST));
        assertEquals("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", server.serverFinal(CLIENT_FINAL));
    }

    @Test
    void wrongPasswordFailsTheProof() {
        ScramServer server = new ScramServer(Scram.create("pencil2", SALT, 4096), SERVER_NONCE);
        server.serverFirst(CLIENT_FIRST);
        assertThrows(ScramServer.AuthenticationFailed.class, () -> server.serverFinal(CLIENT_FINAL));
    }

    @Test
    void mockExchangeRunsToItsEndAndFails() {
        ScramServer server = new ScramServer(null, SERVER_NONCE);
        assertTrue(server.serverFirst(CLIENT_FIRST).startsWith("r=rOprNGfwEbeRWgbNEkqO%hvYD"));
        assertThrows(ScramServer.AuthenticationFailed.class, () -> server.serverFinal(CLIENT_FINAL));
    }

    @Test
    void malformedMessagesAreRejected() {
        ScramServer server = new ScramServer(Scram.create("pencil", SALT, 4096), SERVER_NONCE);
        assertThrows(ScramServer.MalformedMessage.class, () -> server.serverFirst("p=tls-server-end-point,,n=,r=x"));
        assertThrows(ScramServer.MalformedMessage.class, () -> server.serverFinal(CLIENT_FINAL));
        server.serverFirst(CLIENT_FIRST);
        assertThrows(ScramServer.MalformedMessage.class,
                () -> server.serverFinal(CLIENT_FINAL.replace("r=rOpr", "r=XOpr")));
    }

    @Test
    void verifierRoundTripsInPostgresFormat() {
        Scram.Verifier v = Scram.create("pencil", SALT, 4096);
        String encoded = v.encode();
        assertTrue(encoded.startsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"), encoded);
        Scram.Verifier back = Scram.parse(encoded);
        assertEquals(encoded, back.encode());
        assertNull(Scram.parse("SCRAM-SHA-256$x:y$z"));
        assertNull(Scram.parse("md5abc"));
    }

    @Test
    void verifierMatchesWhatPostgresStores() {
        // StoredKey = H(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword, "Server Key")
        // for RFC 7677's password and salt, computed independently of this code
        Scram.Verifier v = Scram.create("pencil", SALT, 4096);
        assertEquals("WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=",
                Base64.getEncoder().encodeToString(v.storedKey()));
        assertEquals("wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
                Base64.getEncoder().encodeToString(v.serverKey()));
    }

    @Test
    void md5PasswordsAsPostgresComputesThem() {
        // SELECT 'md5' || md5('secret' || 'alice') on PostgreSQL 15
        assertEquals("md54a0a68b43b6cd5cf266fa02f196e2371", Md5Password.encrypt("secret", "alice"));
        assertTrue(Md5Password.isMd5(Md5Password.encrypt("secret", "alice")));
        String stored = Md5Password.encrypt("secret", "alice");
        byte[] salt = {1, 2, 3, 4};
        String expected = "md5" + Md5Password.md5Hex((stored.substring(3) + "\u0001\u0002\u0003\u0004").getBytes());
        assertEquals(expected, Md5Password.salted(stored, salt));
    }
}
