package org.rustydb.network.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.network.internal.MessageReader.Message;
import org.rustydb.spi.security.AuthExchange;
import org.rustydb.spi.security.Authenticator;

/**
 * The authentication phase of the startup handshake: asks the {@link Authenticator} how the client
 * proves who it is and relays the protocol's messages (AuthenticationCleartextPassword,
 * AuthenticationMD5Password, AuthenticationSASL / SASLContinue / SASLFinal; the client answers
 * with 'p' messages) until the proof is accepted. AuthenticationOk is left to the caller.
 */
final class Authentication {
    private final MessageReader reader;
    private final MessageWriter writer;

    Authentication(MessageReader reader, MessageWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * @throws DbException  28000 or 28P01 when the client may not connect, 08P01 for a message out of place
     * @throws EOFException when the client hangs up meanwhile (psql does, to ask for a password)
     */
    void run(Authenticator authenticator, String user, String database, InetAddress client, boolean tls)
            throws IOException {
        AuthExchange exchange = authenticator.begin(user, database, client, tls);
        switch (exchange.method()) {
            case TRUST -> {
            }
            case PASSWORD -> {
                writer.authenticationCleartextPassword();
                exchange.checkPassword(passwordMessage());
            }
            case MD5 -> {
                writer.authenticationMd5Password(exchange.md5Salt());
                exchange.checkPassword(passwordMessage());
            }
            case SCRAM_SHA_256 -> {
                writer.authenticationSasl(exchange.saslMechanisms());
                Payload initial = response();
                String mechanism = initial.readCString();
                int length = initial.readInt32();
                byte[] clientFirst = length < 0 ? new byte[0] : initial.readBytes(length);
                initial.requireEnd();
                writer.authenticationSaslData(11, exchange.saslInitial(mechanism, clientFirst));
                Payload last = response();
                byte[] serverFinal = exchange.saslFinal(last.readBytes(last.remaining()));
                writer.authenticationSaslData(12, serverFinal);
            }
            default -> throw new IllegalStateException("unknown authentication method " + exchange.method());
        }
        exchange.authorize();
    }

    private String passwordMessage() throws IOException {
        Payload payload = response();
        String password = payload.readCString();
        payload.requireEnd();
        return password;
    }

    /** Sends what was written and reads the client's 'p' answer. */
    private Payload response() throws IOException {
        writer.flush();
        Message message = reader.readAuthenticationMessage();
        if (message == null) {
            throw new EOFException("the client hung up during authentication");
        }
        if (message.type() != 'p') {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION,
                    "expected password response, got message type %d", (int) message.type());
        }
        return message.payload();
    }
}
