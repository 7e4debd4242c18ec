package org.rustydb.spi.security;

import java.net.InetAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides how a connecting client authenticates and checks its proof. Used by front ends once per
 * connection, before a session opens. Thread-safe.
 */
@ProviderType
public interface Authenticator {

    /**
     * Starts the authentication of one connection.
     *
     * @param user     the role the client asks for
     * @param database the database it asks for
     * @param client   the client's address
     * @param tls      true when the connection is encrypted
     * @throws org.rustydb.api.DbException 28000 when a host rule rejects the connection or none
     *                                     matches, with PostgreSQL's message
     */
    AuthExchange begin(String user, String database, InetAddress client, boolean tls);
}
