package org.rustydb.network.internal;

import java.io.IOException;
import java.io.InputStream;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Reads frontend frames and validates them before buying memory for them: the type byte must be
 * one the protocol defines and the length must fit the limit. Bodies are read in chunks as they
 * arrive, so a client that announces a large frame and stops sending holds only what it sent.
 * Framing errors are FATAL 08P01: once a frame boundary is lost the stream cannot be trusted.
 */
final class MessageReader {
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    static final int MAX_STARTUP_PACKET = 10_000;

    /** A typed frontend message. */
    record Message(char type, Payload payload) {
    }

    private final InputStream in;
    private final int maxMessageSize;

    MessageReader(InputStream in, int maxMessageSize) {
        this.in = in;
        this.maxMessageSize = maxMessageSize;
    }

    /** The untyped startup-phase packet after its length word, or null at EOF before any byte. */
    Payload readStartupPacket() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | readInt24();
        if (length < 8 || length > MAX_STARTUP_PACKET) {
            throw fatal("invalid length of startup packet");
        }
        return new Payload(readBody(length - 4));
    }

    /**
     * Blocks until the next message starts arriving (or the client closes), without consuming
     * anything, so that the caller can bound the wait with a socket timeout.
     */
    void awaitInput() throws IOException {
        in.mark(1);
        if (in.read() >= 0) {
            in.reset();
        }
    }

    /**
     * Whether the next message has arrived and is a Sync, without consuming it or waiting for it:
     * a statement executed just before Sync is the whole implicit transaction.
     */
    boolean nextIsSync() throws IOException {
        if (in.available() < 5) {
            return false;
        }
        in.mark(1);
        try {
            return in.read() == 'S';
        } finally {
            in.reset();
        }
    }

    /** The next message, or null when the client closed the connection between messages. */
    Message readMessage() throws IOException {
        return readMessage(false);
    }

    /** As {@link #readMessage()} during authentication, where 'p' (a password or SASL response) is valid too. */
    Message readAuthenticationMessage() throws IOException {
        return readMessage(true);
    }

    private Message readMessage(boolean authenticating) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (!isFrontendType(type) && !(authenticating && type == 'p')) {
            throw fatal("invalid frontend message type " + type);
        }
        int b = in.read();
        if (b < 0) {
            throw fatal("unexpected EOF within message length word");
        }
        int length = (b << 24) | readInt24();
        if (length < 4) {
            throw fatal("invalid message length");
        }
        if (length > maxMessageSize) {
            throw fatal("message of " + Integer.toUnsignedString(length) + " bytes exceeds max_message_size ("
                    + maxMessageSize + " bytes)");
        }
        return new Message((char) type, new Payload(readBody(length - 4)));
    }

    private int readInt24() throws IOException {
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        if ((b1 | b2 | b3) < 0) {
            throw fatal("unexpected EOF within message length word");
        }
        return (b1 << 16) | (b2 << 8) | b3;
    }

    private byte[] readBody(int length) throws IOException {
        // readNBytes grows its buffer with the data actually received, not the announced length.
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw fatal("incomplete message from client");
        }
        return body;
    }

    /** The message types a v3 frontend may send after startup. */
    private static boolean isFrontendType(int type) {
        switch (type) {
            case 'Q': case 'P': case 'B': case 'E': case 'D': case 'C': case 'H': case 'S': case 'X':
            case 'F': case 'd': case 'c': case 'f':
                return true;
            default:
                return false;
        }
    }

    private static DbException fatal(String message) {
        return DbException.of(SqlState.PROTOCOL_VIOLATION, message).withSeverity(DbException.Severity.FATAL);
    }
}
