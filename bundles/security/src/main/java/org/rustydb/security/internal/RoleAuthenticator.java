package org.rustydb.security.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.security.AuthExchange;
import org.rustydb.spi.security.AuthMethod;
import org.rustydb.spi.security.Authenticator;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates clients against the stored roles as PostgreSQL does: the first matching host rule
 * picks the method; md5 falls back to SCRAM for a role whose password is a SCRAM verifier; every
 * failed proof is the same 28P01 to the client, while the server log says why (unknown role, no
 * password, expired, locked out, wrong password).
 */
public final class RoleAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RoleAuthenticator.class);

    private final TransactionManager transactions;
    private final RoleStore store;
    private final Supplier<HbaRules> hba;
    private final Lockout lockout;

    /** Open sessions by role name, for CONNECTION LIMIT. */
    private final java.util.function.ToIntFunction<String> sessionsOf;
    /** The databases' CONNECT privilege, or null when not checked. */
    private final PrivilegeDirectory privileges;

    public RoleAuthenticator(TransactionManager transactions, RoleStore store, Supplier<HbaRules> hba,
                             Lockout lockout, java.util.function.ToIntFunction<String> sessionsOf) {
        this(transactions, store, hba, lockout, sessionsOf, null);
    }

    public RoleAuthenticator(TransactionManager transactions, RoleStore store, Supplier<HbaRules> hba,
                             Lockout lockout, java.util.function.ToIntFunction<String> sessionsOf,
                             PrivilegeDirectory privileges) {
        this.transactions = transactions;
        this.store = store;
        this.hba = hba;
        this.lockout = lockout;
        this.sessionsOf = sessionsOf;
        this.privileges = privileges;
    }

    @Override
    public AuthExchange begin(String user, String database, InetAddress client, boolean tls) {
        RoleGraph graph;
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        try {
            graph = new RoleGraph(store.roles(txn), store.memberships(txn));
        } finally {
            txn.rollback();
        }
        String where = String.format("host \"%s\", user \"%s\", database \"%s\", %s", client.getHostAddress(), user,
                database, tls ? "SSL encryption" : "no encryption");
        HbaRule rule = hba.get().match(user, database, client, tls, graph::isMember).orElseThrow(
                () -> DbException.of(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no pg_hba.conf entry for %s",
                        where));
        if (rule.method() == null) {
            throw DbException.of(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "pg_hba.conf rejects connection for %s",
                    where);
        }
        return new Exchange(user, database, graph.role(user), rule, lockout.isLocked(user));
    }

    private final class Exchange implements AuthExchange {
        private final String user;
        private final Role role;
        private final AuthMethod method;
        private final String stored;
        private final String unusable;
        private final boolean locked;
        private byte[] md5Salt;
        private ScramServer scram;
        private boolean proven;

        private final String database;

        Exchange(String user, String database, Role role, HbaRule rule, boolean locked) {
            this.database = database;
            this.user = user;
            this.role = role;
            this.locked = locked;
            this.stored = role == null ? null : role.password();
            if (role == null) {
                unusable = "Role \"" + user + "\" does not exist.";
            } else if (stored == null) {
                unusable = "User \"" + user + "\" has no password assigned.";
            } else if (role.validUntil() != null && role.validUntil().isBefore(Instant.now())) {
                unusable = "User \"" + user + "\" has an expired password.";
            } else {
                unusable = null;
            }
            AuthMethod m = rule.method();
            if (m == AuthMethod.MD5 && Scram.isVerifier(stored)) {
                m = AuthMethod.SCRAM_SHA_256; // as PostgreSQL: md5 cannot check a SCRAM verifier
            }
            this.method = m;
            LOG.debug("authenticating {} by {} (host rule at line {})", user, method, rule.line());
        }

        @Override
        public AuthMethod method() {
            return method;
        }

        @Override
        public byte[] md5Salt() {
            if (md5Salt == null) {
                md5Salt = Scram.randomBytes(4);
            }
            return md5Salt.clone();
        }

        @Override
        public void checkPassword(String response) {
            boolean ok;
            String reason = unusable;
            if (method == AuthMethod.MD5) {
                if (reason == null && !Md5Password.isMd5(stored)) {
                    reason = "User \"" + user + "\" has a password that cannot be used with MD5 authentication.";
                }
                ok = reason == null && md5Salt != null && MessageDigest.isEqual(
                        Md5Password.salted(stored, md5Salt).getBytes(StandardCharsets.US_ASCII),
                        response.getBytes(StandardCharsets.UTF_8));
            } else if (method == AuthMethod.PASSWORD) {
                ok = reason == null && plainMatches(response);
            } else {
                throw protocol("unexpected password message for " + method);
            }
            finish(ok, reason);
        }

        private boolean plainMatches(String password) {
            if (Md5Password.isMd5(stored)) {
                return MessageDigest.isEqual(Md5Password.encrypt(password, user).getBytes(StandardCharsets.US_ASCII),
                        stored.getBytes(StandardCharsets.US_ASCII));
            }
            Scram.Verifier v = Scram.parse(stored);
            return v != null && MessageDigest.isEqual(
                    Scram.create(password, v.salt(), v.iterations()).storedKey(), v.storedKey());
        }

        @Override
        public List<String> saslMechanisms() {
            return List.of(Scram.MECHANISM);
        }

        @Override
        public byte[] saslInitial(String mechanism, byte[] clientFirst) {
            if (method != AuthMethod.SCRAM_SHA_256 || scram != null) {
                throw protocol("unexpected SASL initial response");
            }
            if (!Scram.MECHANISM.equals(mechanism)) {
                throw protocol("client selected an invalid SASL authentication mechanism");
            }
            Scram.Verifier verifier = unusable == null ? Scram.parse(stored) : null;
            scram = new ScramServer(verifier, ScramServer.newNonce());
            try {
                return scram.serverFirst(new String(clientFirst, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
            } catch (ScramServer.MalformedMessage e) {
                throw protocol(e.getMessage());
            }
        }

        @Override
        public byte[] saslFinal(byte[] clientFinal) {
            if (scram == null) {
                throw protocol("unexpected SASL response");
            }
            String reason = unusable;
            if (reason == null && Md5Password.isMd5(stored)) {
                reason = "User \"" + user + "\" does not have a valid SCRAM secret.";
            }
            try {
                String answer = scram.serverFinal(new String(clientFinal, StandardCharsets.UTF_8));
                finish(reason == null, reason);
                return answer.getBytes(StandardCharsets.UTF_8);
            } catch (ScramServer.AuthenticationFailed e) {
                finish(false, reason);
                throw new IllegalStateException("unreachable");
            } catch (ScramServer.MalformedMessage e) {
                throw protocol(e.getMessage());
            }
        }

        /** Ends a proof: success, or 28P01 with the reason logged and the failure counted. */
        private void finish(boolean ok, String reason) {
            if (ok && !locked) {
                lockout.succeeded(user);
                proven = true;
                return;
            }
            String why = locked ? "Role \"" + user + "\" is locked out after repeated failed logins."
                    : reason != null ? reason : "Password does not match for user \"" + user + "\".";
            if (lockout.failed(user)) {
                LOG.warn("role {} locked out after repeated failed logins", user);
            }
            LOG.info("password authentication failed for user \"{}\": {}", user, why);
            throw DbException.of(SqlState.INVALID_PASSWORD, "password authentication failed for user \"%s\"", user);
        }

        @Override
        public void authorize() {
            if (method != AuthMethod.TRUST && !proven) {
                throw DbException.of(SqlState.INVALID_PASSWORD, "password authentication failed for user \"%s\"",
                        user);
            }
            if (role == null) {
                throw DbException.of(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"%s\" does not exist", user);
            }
            if (!role.canLogin()) {
                throw DbException.of(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "role \"%s\" is not permitted to log in", user);
            }
            // as PostgreSQL: superusers are exempt, and the sessions already open count
            if (!role.superuser() && role.connectionLimit() >= 0
                    && sessionsOf.applyAsInt(user) >= role.connectionLimit()) {
                throw DbException.of(SqlState.TOO_MANY_CONNECTIONS, "too many connections for role \"%s\"", user);
            }
            if (privileges != null && !role.superuser() && database != null) {
                Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
                boolean connect;
                try {
                    connect = privileges.view(txn).has(user, org.rustydb.spi.security.ObjectRef.database(database),
                            org.rustydb.spi.security.Privilege.CONNECT.bit());
                } finally {
                    txn.rollback();
                }
                if (!connect) {
                    throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database \"%s\"",
                            database).withDetail("User does not have CONNECT privilege.");
                }
            }
        }

        private DbException protocol(String message) {
            return DbException.of(SqlState.PROTOCOL_VIOLATION, message);
        }
    }
}
