package org.rustydb.spi.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The authentication of one connection, driven by its front end according to {@link #method()}.
 * Every failed proof fails with {@code DbException} 28P01 {@code password authentication failed
 * for user "x"}, whatever the reason (unknown role, no password, wrong password, locked role), so
 * a client learns nothing more; the server logs the reason. Not thread-safe: one per connection.
 */
@ProviderType
public interface AuthExchange {

    AuthMethod method();

    /** The 4 random bytes of the MD5 challenge; only for {@link AuthMethod#MD5}. */
    byte[] md5Salt();

    /**
     * Checks the client's PasswordMessage: the password itself for {@link AuthMethod#PASSWORD},
     * {@code "md5" + md5hex(md5hex(password + user) + salt)} for {@link AuthMethod#MD5}.
     */
    void checkPassword(String response);

    /** The SASL mechanisms to offer in AuthenticationSASL; for {@link AuthMethod#SCRAM_SHA_256}. */
    java.util.List<String> saslMechanisms();

    /**
     * The client's SASLInitialResponse: the chosen mechanism and its client-first-message.
     *
     * @return the server-first-message for SASLContinue
     */
    byte[] saslInitial(String mechanism, byte[] clientFirst);

    /**
     * The client's SASLResponse with its client-final-message; checks its proof.
     *
     * @return the server-final-message for SASLFinal
     */
    byte[] saslFinal(byte[] clientFinal);

    /**
     * Called once the proof was accepted (or none was needed): the role must exist and may log in
     * (28000 otherwise, as PostgreSQL's {@code role "x" does not exist} / {@code role "x" is not
     * permitted to log in}).
     */
    void authorize();
}
