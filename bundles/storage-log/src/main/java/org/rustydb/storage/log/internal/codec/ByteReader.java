package org.rustydb.storage.log.internal.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote from a byte range. Every read is bounds-checked: running
 * past the end or a malformed encoding throws {@link CorruptDataException}, never an index error
 * or a huge allocation.
 */
public final class ByteReader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    private void need(long n) {
        if (n < 0 || n > remaining()) {
            throw new CorruptDataException("unexpected end of data: need " + n + " bytes, " + remaining() + " left");
        }
    }

    /** Copies the next {@code length} bytes into {@code dst} at {@code offset}. */
    public void readBytes(byte[] dst, int offset, int length) {
        need(length);
        System.arraycopy(bytes, position, dst, offset, length);
        position += length;
    }

    /** Moves past the next {@code length} bytes. */
    public void skip(int length) {
        need(length);
        position += length;
    }

    public int readByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    public int readInt() {
        need(4);
        int v = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    public long readLong() {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptDataException("variable-length integer longer than 10 bytes");
    }

    /** A non-negative count or length that must fit in an int and in the bytes left. */
    public int readLength() {
        long n = readVarLong();
        if (n < 0 || n > remaining()) {
            throw new CorruptDataException("length " + n + " exceeds the " + remaining() + " bytes left");
        }
        return (int) n;
    }

    public long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public String readString() {
        int n = readLength();
        if (isAscii(position, n)) {
            // the common case, decoded without a strict decoder (which costs more than the copy)
            String s = new String(bytes, position, n, StandardCharsets.ISO_8859_1);
            position += n;
            return s;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, n))
                    .toString();
            position += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new CorruptDataException("malformed UTF-8 string");
        }
    }

    private boolean isAscii(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
