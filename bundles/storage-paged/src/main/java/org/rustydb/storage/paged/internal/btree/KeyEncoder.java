package org.rustydb.storage.paged.internal.btree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/**
 * Order-preserving ("memcomparable") encoding of index keys: the unsigned lexicographic order of
 * the encoded bytes equals the SQL order of the values, column by column, so the B+tree compares
 * keys without knowing their types.
 *
 * <p>Each column starts with a tag byte; NULL's tag is above every value tag, so NULL sorts after
 * all values (PostgreSQL's default ASC NULLS LAST, and a backward scan gives DESC NULLS FIRST).
 * <pre>
 *  boolean  0x10, then 0x00 (false) or 0x01 (true)
 *  integer  0x20, then the value as 8 bytes big-endian with the sign bit flipped: every integer
 *           width encodes alike, so smallint 5 and bigint 5 compare equal
 *  string   0x30, then the UTF-8 bytes with 0x00 escaped as 0x00 0xFF, then 0x00 0x00: a string
 *           sorts before its extensions, and the terminator ends the column unambiguously.
 *           UTF-8 byte order is code point order, the C collation RustyDB compares strings in.
 *           A lone surrogate (not valid text, but a Java String may hold one) is written as its
 *           3-byte form so that decoding gives back the same String.
 *  numeric  0x24, then 0x01 (negative), 0x02 (zero) or 0x03 (positive); for non-zero values the
 *           decimal exponent (4 bytes, sign bit flipped) and the significant digits as bytes 1..10,
 *           then 0x00; all of it inverted for negative values. Equal numbers of different scales
 *           (1.5, 1.50) encode alike, as they compare equal
 *  float    0x28, then the double's bits made order-preserving (sign bit flipped for positive values,
 *           all bits for negative ones); -0 encodes as 0, NaN above infinity as in PostgreSQL
 *  bytea    0x38, then the bytes escaped and terminated as a string's
 *  date     0x40, then the epoch day as 8 bytes, sign bit flipped
 *  time     0x41, then the nanosecond of the day as 8 bytes
 *  timestamp 0x42 (without time zone) or 0x43 (with), then the epoch second as 8 bytes, sign bit
 *           flipped, and the nanosecond as 4 bytes
 *  uuid     0x50, then the 16 bytes
 *  NULL     0xFF
 * </pre>
 * Every column encoding is self-delimiting, so the encoding of leading columns is a byte prefix
 * of the whole key: {@link #prefixUpperBound} turns that into a range scan on a key prefix.
 */
public final class KeyEncoder {
    static final int TAG_BOOLEAN = 0x10;
    static final int TAG_INTEGER = 0x20;
    static final int TAG_STRING = 0x30;
    static final int TAG_DECIMAL = 0x24;
    static final int TAG_FLOAT = 0x28;
    static final int TAG_BYTES = 0x38;
    static final int TAG_DATE = 0x40;
    static final int TAG_TIME = 0x41;
    static final int TAG_TIMESTAMP = 0x42;
    static final int TAG_INSTANT = 0x43;
    static final int TAG_UUID = 0x50;
    static final int TAG_NULL = 0xFF;

    private KeyEncoder() {
    }

    /** Encodes the values of a (multi-column) key; each is null, Boolean, Short, Integer, Long or String. */
    public static byte[] encode(Object... values) {
        return encode(Arrays.asList(values));
    }

    /** Encodes the values of a (multi-column) key; see {@link #encode(Object...)}. */
    public static byte[] encode(List<?> values) {
        Out out = new Out();
        for (Object v : values) {
            encodeValue(out, v);
        }
        return out.toArray();
    }

    private static void encodeValue(Out out, Object v) {
        if (v == null) {
            out.add(TAG_NULL);
        } else if (v instanceof Boolean b) {
            out.add(TAG_BOOLEAN);
            out.add(b ? 1 : 0);
        } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            out.add(TAG_INTEGER);
            long flipped = ((Number) v).longValue() ^ Long.MIN_VALUE;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.add((int) (flipped >>> shift));
            }
        } else if (v instanceof String s) {
            out.add(TAG_STRING);
            encodeString(out, s);
            out.add(0);
            out.add(0);
        } else {
            KeyValues.encode(out, v);
        }
    }

    static void encodeString(Out out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            if (cp == 0) {
                out.add(0);
                out.add(0xFF);
            } else if (cp < 0x80) {
                out.add(cp);
            } else if (cp < 0x800) {
                out.add(0xC0 | (cp >>> 6));
                out.add(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.add(0xE0 | (cp >>> 12));
                out.add(0x80 | ((cp >>> 6) & 0x3F));
                out.add(0x80 | (cp & 0x3F));
            } else {
                out.add(0xF0 | (cp >>> 18));
                out.add(0x80 | ((cp >>> 12) & 0x3F));
                out.add(0x80 | ((cp >>> 6) & 0x3F));
                out.add(0x80 | (cp & 0x3F));
            }
        }
    }

    /**
     * Decodes a key without knowing the column types (for debugging and checks): integers come
     * back as Long. Malformed bytes give XX001 (an index key is only ever read from a page).
     */
    public static Object[] decode(byte[] key) {
        List<Object> values = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < key.length) {
            values.add(decodeValue(key, pos));
        }
        return values.toArray();
    }

    /** Decodes a key of the given column types, integers narrowed to the type's Java class. */
    public static Object[] decode(byte[] key, SqlType... types) {
        Object[] values = new Object[types.length];
        int[] pos = {0};
        for (int i = 0; i < types.length; i++) {
            if (pos[0] >= key.length) {
                throw corrupt(key, "has " + i + " columns, expected " + types.length);
            }
            int tag = key[pos[0]] & 0xFF;
            Object v = decodeValue(key, pos);
            values[i] = v == null ? null : convert(key, v, tag, types[i]);
        }
        if (pos[0] != key.length) {
            throw corrupt(key, "has more than " + types.length + " columns");
        }
        return values;
    }

    private static Object convert(byte[] key, Object v, int tag, SqlType type) {
        if (type.isInteger() && tag == TAG_INTEGER) {
            long l = (Long) v;
            return switch (type) {
                case SMALLINT -> (short) l;
                case INTEGER -> (int) l;
                default -> l;
            };
        }
        if ((type.isString() && tag == TAG_STRING) || (type == SqlType.BOOLEAN && tag == TAG_BOOLEAN)) {
            return v;
        }
        if (type == SqlType.REAL && tag == TAG_FLOAT) {
            return ((Double) v).floatValue();
        }
        if (tag != TAG_INTEGER && tag != TAG_STRING && tag != TAG_BOOLEAN && type.javaClass().isInstance(v)) {
            return v;
        }
        throw corrupt(key, "holds a value of tag " + tag + " for a column of type " + type.sqlName());
    }

    private static Object decodeValue(byte[] key, int[] pos) {
        int p = pos[0];
        int tag = key[p++] & 0xFF;
        switch (tag) {
            case TAG_NULL:
                pos[0] = p;
                return null;
            case TAG_BOOLEAN:
                if (p >= key.length || (key[p] & 0xFE) != 0) {
                    throw corrupt(key, "has a bad boolean");
                }
                pos[0] = p + 1;
                return key[p] == 1;
            case TAG_INTEGER:
                if (p + 8 > key.length) {
                    throw corrupt(key, "has a truncated integer");
                }
                long flipped = 0;
                for (int i = 0; i < 8; i++) {
                    flipped = (flipped << 8) | (key[p + i] & 0xFF);
                }
                pos[0] = p + 8;
                return flipped ^ Long.MIN_VALUE;
            case TAG_STRING:
                return decodeString(key, p, pos);
            default:
                pos[0] = p;
                return KeyValues.decode(key, tag, pos);
        }
    }

    static String decodeString(byte[] key, int p, int[] pos) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= key.length) {
                throw corrupt(key, "has an unterminated string");
            }
            int b = key[p++] & 0xFF;
            if (b == 0) {
                int next = p < key.length ? key[p++] & 0xFF : -1;
                if (next == 0) {
                    pos[0] = p;
                    return sb.toString();
                }
                if (next != 0xFF) {
                    throw corrupt(key, "has a bad string escape");
                }
                sb.append('\0');
                continue;
            }
            int extra;
            int cp;
            if (b < 0x80) {
                extra = 0;
                cp = b;
            } else if (b >= 0xC0 && b < 0xE0) {
                extra = 1;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b < 0xF0) {
                extra = 2;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b < 0xF8) {
                extra = 3;
                cp = b & 0x07;
            } else {
                throw corrupt(key, "has bad UTF-8");
            }
            if (p + extra > key.length) {
                throw corrupt(key, "has truncated UTF-8");
            }
            for (int i = 0; i < extra; i++) {
                int c = key[p++] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    throw corrupt(key, "has bad UTF-8");
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp > Character.MAX_CODE_POINT) {
                throw corrupt(key, "has bad UTF-8");
            }
            sb.appendCodePoint(cp);
        }
    }

    /**
     * The smallest byte string greater than every string starting with {@code prefix}, or null if
     * there is none (the prefix is all 0xFF): scan {@code [prefix, prefixUpperBound(prefix))} to
     * visit exactly the keys whose leading columns encode to {@code prefix}.
     */
    public static byte[] prefixUpperBound(byte[] prefix) {
        int n = prefix.length;
        while (n > 0 && prefix[n - 1] == (byte) 0xFF) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        byte[] bound = Arrays.copyOf(prefix, n);
        bound[n - 1]++;
        return bound;
    }

    /** Unsigned lexicographic comparison: the order of the encoded keys. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** A readable form of a key for messages: its decoded values, or hex if it does not decode. */
    public static String describe(byte[] key) {
        try {
            return Arrays.toString(decode(key));
        } catch (DbException e) {
            StringBuilder sb = new StringBuilder("0x");
            for (byte b : key) {
                sb.append(String.format("%02x", b & 0xFF));
            }
            return sb.toString();
        }
    }

    static DbException corrupt(byte[] key, String what) {
        return DbException.of(SqlState.DATA_CORRUPTED, "index key of " + key.length + " bytes " + what);
    }

    /** A growable byte array; avoids ByteArrayOutputStream's synchronization. */
    static final class Out {
        private byte[] buf = new byte[32];
        private int size;

        void add(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
