package org.rustydb.network.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The body of one frontend message, read front to back. Every read checks that the bytes are
 * there; strings must be NUL-terminated, valid UTF-8. Failures are ERROR-level DbExceptions with
 * PostgreSQL's messages; the caller decides whether they end the connection.
 */
final class Payload {
    private final byte[] data;
    private int position;

    Payload(byte[] data) {
        this.data = data;
    }

    /** The whole body (CopyData's bytes), not copied: the caller must not change it. */
    byte[] body() {
        return data;
    }

    int remaining() {
        return data.length - position;
    }

    /** The last byte of the body, or -1 when it is empty. */
    int lastByte() {
        return data.length == 0 ? -1 : data[data.length - 1] & 0xff;
    }

    int readInt32() {
        require(4);
        int v = ((data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return v;
    }

    short readInt16() {
        require(2);
        short v = (short) (((data[position] & 0xff) << 8) | (data[position + 1] & 0xff));
        position += 2;
        return v;
    }

    byte readByte() {
        require(1);
        return data[position++];
    }

    /** The next {@code n} bytes. */
    byte[] readBytes(int n) {
        if (n < 0) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid length in message");
        }
        require(n);
        byte[] out = java.util.Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** A NUL-terminated UTF-8 string. */
    String readCString() {
        int end = position;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end == data.length) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid string in message");
        }
        String s = decodeUtf8(data, position, end - position);
        position = end + 1;
        return s;
    }

    /** Fails unless the whole body was read: trailing bytes mean the client framed it wrongly. */
    void requireEnd() {
        if (position != data.length) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "invalid message format");
        }
    }

    private void require(int n) {
        if (remaining() < n) {
            throw DbException.of(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
        }
    }

    /** Strict UTF-8: malformed, overlong and surrogate sequences are 22021 as in PostgreSQL. */
    static String decodeUtf8(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int bad = Math.max(1, result.isMalformed() || result.isUnmappable() ? result.length() : 1);
            StringJoiner hex = new StringJoiner(" ");
            for (int i = at; i < Math.min(at + bad, offset + length); i++) {
                hex.add(String.format("0x%02x", bytes[i] & 0xff));
            }
            throw DbException.of(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": " + hex);
        }
        out.flip();
        return out.toString();
    }
}
