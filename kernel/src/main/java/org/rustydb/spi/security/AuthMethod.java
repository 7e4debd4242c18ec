package org.rustydb.spi.security;

/**
 * How a client proves who it is, as the first matching host rule says (pg_hba.conf's methods).
 * The front end sends the matching authentication request and relays the client's answers to the
 * {@link AuthExchange}.
 */
public enum AuthMethod {
    /** No proof: AuthenticationOk at once. */
    TRUST,
    /** The password in clear text (AuthenticationCleartextPassword). */
    PASSWORD,
    /** PostgreSQL's md5 challenge with {@link AuthExchange#md5Salt()} (AuthenticationMD5Password). */
    MD5,
    /** SASL with the mechanism SCRAM-SHA-256 (AuthenticationSASL, SASLContinue, SASLFinal). */
    SCRAM_SHA_256
}
