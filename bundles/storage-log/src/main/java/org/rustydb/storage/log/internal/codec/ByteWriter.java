package org.rustydb.storage.log.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/** A growable byte buffer with the primitive encodings the codecs use. Not thread-safe. */
public final class ByteWriter {
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

    private byte[] buffer;
    private int size;

    public ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public void reset() {
        size = 0;
    }

    private void ensure(int more) {
        if (more > MAX_SIZE - size) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "record too large to encode (over 2 GB)");
        }
        int needed = size + more;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * buffer.length)));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    public void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** {@code length} bytes of {@code src} from absolute {@code index} (src's position is not used). */
    public void writeBytes(java.nio.ByteBuffer src, int index, int length) {
        ensure(length);
        src.get(index, buffer, size, length);
        size += length;
    }

    /** Big-endian, fixed 4 bytes. */
    public void writeInt(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    /** Overwrites 4 bytes at an earlier position, e.g. a length known only afterwards. */
    public void putInt(int position, int v) {
        buffer[position] = (byte) (v >>> 24);
        buffer[position + 1] = (byte) (v >>> 16);
        buffer[position + 2] = (byte) (v >>> 8);
        buffer[position + 3] = (byte) v;
    }

    /** Big-endian, fixed 8 bytes. */
    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** Unsigned LEB128: 1 byte below 128, at most 10. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    /** A signed value as zigzag LEB128, so small negatives stay short. */
    public void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /**
     * UTF-8 with a length prefix. Strict: an unpaired surrogate cannot be stored faithfully, and
     * storing a replacement character instead would change the data silently.
     */
    private static boolean noReplacedChars(String s, byte[] utf8) {
        int i = 0;
        // eight bytes at a time: a word without a '?' byte needs no look at the string
        for (; i + 8 <= utf8.length; i += 8) {
            long x = (long) LONGS.get(utf8, i) ^ 0x3F3F3F3F3F3F3F3FL;
            if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0 && replacedIn(s, utf8, i, i + 8)) {
                return false;
            }
        }
        return !replacedIn(s, utf8, i, utf8.length);
    }

    private static boolean replacedIn(String s, byte[] utf8, int from, int to) {
        for (int i = from; i < to; i++) {
            if (utf8[i] == '?' && s.charAt(i) != '?') {
                return true;
            }
        }
        return false;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    public void writeString(String s) {
        int length = s.length();
        if (length > 0) {
            // most text is ASCII: the JDK's intrinsic encoder. One byte per char means every char is
            // ASCII, or an unpaired surrogate the encoder replaced with '?', which must be refused below
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length == length && noReplacedChars(s, utf8)) {
                writeVarLong(length);
                writeBytes(utf8, 0, length);
                return;
            }
        }
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw DbException.of(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                        "string contains an unpaired UTF-16 surrogate at position %d", i + 1);
            } else {
                bytes += 3;
            }
        }
        writeVarLong(bytes);
        ensure(bytes);
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buffer[size++] = (byte) c;
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | (c >> 6));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[size++] = (byte) (0xF0 | (cp >> 18));
                buffer[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buffer[size++] = (byte) (0xE0 | (c >> 12));
                buffer[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }
}
