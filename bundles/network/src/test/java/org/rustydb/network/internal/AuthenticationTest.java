package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.security.AuthExchange;
import org.rustydb.spi.security.AuthMethod;
import org.rustydb.spi.security.Authenticator;

/** The authentication messages over the wire, with pgjdbc as the client and a scripted authenticator. */
class AuthenticationTest {
    private PgServer server;
    private final List<String> seen = new ArrayList<>();

    /** Cleartext for user "plain", md5 challenge for "md5", rejected otherwise; the password is "right". */
    private final Authenticator authenticator = (user, database, client, tls) -> {
        seen.add(user + "@" + database + " from " + client.getHostAddress() + (tls ? " tls" : ""));
        if (!user.equals("plain") && !user.equals("md5")) {
            throw DbException.of(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no pg_hba.conf entry for %s", user);
        }
        return new AuthExchange() {
            private final byte[] salt = {9, 8, 7, 6};

            @Override
            public AuthMethod method() {
                return user.equals("md5") ? AuthMethod.MD5 : AuthMethod.PASSWORD;
            }

            @Override
            public byte[] md5Salt() {
                return salt.clone();
            }

            @Override
            public void checkPassword(String response) {
                seen.add("response " + response);
                String expected = user.equals("md5") ? md5Response() : "right";
                if (!expected.equals(response)) {
                    throw DbException.of(SqlState.INVALID_PASSWORD, "password authentication failed for user \"%s\"",
                            user);
                }
            }

            private String md5Response() {
                try {
                    java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
                    String inner = java.util.HexFormat.of().formatHex(md.digest(("right" + user).getBytes()));
                    byte[] withSalt = new byte[inner.length() + 4];
                    System.arraycopy(inner.getBytes(), 0, withSalt, 0, inner.length());
                    System.arraycopy(salt, 0, withSalt, inner.length(), 4);
                    return "md5" + java.util.HexFormat.of().formatHex(md.digest(withSalt));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public List<String> saslMechanisms() {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] saslInitial(String mechanism, byte[] clientFirst) {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] saslFinal(byte[] clientFinal) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void authorize() {
                seen.add("authorized");
            }
        };
    };

    @BeforeEach
    void start() throws Exception {
        server = new PgServer(new FakeDatabase(), new ServerSettings("127.0.0.1", 0, 3, 1 << 20));
        server.setAuthenticator(authenticator);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/rustydb", p);
    }

    @Test
    void cleartextAndMd5PasswordsAreRelayedToTheAuthenticator() throws Exception {
        try (Connection c = connect("plain", "right")) {
            assertTrue(c.isValid(5));
        }
        assertEquals(List.of("plain@rustydb from " + InetAddress.getLoopbackAddress().getHostAddress(), "response right",
                "authorized"), seen);
        try (Connection c = connect("md5", "right")) {
            assertTrue(c.isValid(5));
        }
        assertEquals("authorized", seen.get(seen.size() - 1));
    }

    @Test
    void failuresReachTheClientAsFatalErrors() {
        SQLException wrong = assertThrows(SQLException.class, () -> connect("plain", "wrong"));
        assertEquals("28P01", wrong.getSQLState());
        SQLException rejected = assertThrows(SQLException.class, () -> connect("other", "right"));
        assertEquals("28000", rejected.getSQLState());
        assertTrue(rejected.getMessage().contains("no pg_hba.conf entry for other"), rejected.getMessage());
    }

    @Test
    void withoutAnAuthenticatorEveryClientIsTrusted() throws Exception {
        server.setAuthenticator(null);
        try (Connection c = connect("anyone", "")) {
            assertTrue(c.isValid(5));
        }
        assertTrue(seen.isEmpty());
    }

    @Test
    void whenRequiredClientsWaitForAnAuthenticator() {
        server.setAuthenticator(null);
        server.setAuthenticationRequired(true);
        SQLException e = assertThrows(SQLException.class, () -> connect("anyone", ""));
        assertEquals("57P03", e.getSQLState());
        assertEquals("FATAL: the database system is not available: missing authenticator", e.getMessage());
    }
}
