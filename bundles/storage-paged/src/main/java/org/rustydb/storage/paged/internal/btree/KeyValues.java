package org.rustydb.storage.paged.internal.btree;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The order-preserving key encodings of the types after boolean, integer and string (numeric,
 * floats, bytea, date/time and uuid); the layouts are described on {@link KeyEncoder}.
 */
final class KeyValues {
    private KeyValues() {
    }

    static void encode(KeyEncoder.Out out, Object v) {
        if (v instanceof BigDecimal d) {
            out.add(KeyEncoder.TAG_DECIMAL);
            decimal(out, d);
        } else if (v instanceof Double || v instanceof Float) {
            out.add(KeyEncoder.TAG_FLOAT);
            double d = ((Number) v).doubleValue();
            long bits = Double.doubleToLongBits(d == 0 ? 0.0 : d);
            long8(out, bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits);
        } else if (v instanceof byte[] b) {
            out.add(KeyEncoder.TAG_BYTES);
            for (byte x : b) {
                out.add(x & 0xFF);
                if (x == 0) {
                    out.add(0xFF);
                }
            }
            out.add(0);
            out.add(0);
        } else if (v instanceof LocalDate d) {
            out.add(KeyEncoder.TAG_DATE);
            long8(out, d.toEpochDay() ^ Long.MIN_VALUE);
        } else if (v instanceof LocalTime t) {
            out.add(KeyEncoder.TAG_TIME);
            long8(out, t.toNanoOfDay());
        } else if (v instanceof LocalDateTime t) {
            out.add(KeyEncoder.TAG_TIMESTAMP);
            long8(out, t.toEpochSecond(ZoneOffset.UTC) ^ Long.MIN_VALUE);
            int4(out, t.getNano());
        } else if (v instanceof Instant t) {
            out.add(KeyEncoder.TAG_INSTANT);
            long8(out, t.getEpochSecond() ^ Long.MIN_VALUE);
            int4(out, t.getNano());
        } else if (v instanceof UUID u) {
            out.add(KeyEncoder.TAG_UUID);
            long8(out, u.getMostSignificantBits());
            long8(out, u.getLeastSignificantBits());
        } else {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "values of class " + v.getClass().getSimpleName() + " cannot be indexed");
        }
    }

    private static void decimal(KeyEncoder.Out out, BigDecimal value) {
        int sign = value.signum();
        out.add(sign + 2);
        if (sign == 0) {
            return;
        }
        BigDecimal v = value.abs().stripTrailingZeros();
        int flip = sign < 0 ? 0xFF : 0;
        int exponent = v.precision() - v.scale();
        int e = exponent ^ Integer.MIN_VALUE;
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.add(((e >>> shift) & 0xFF) ^ flip);
        }
        String digits = v.unscaledValue().toString();
        for (int i = 0; i < digits.length(); i++) {
            out.add((digits.charAt(i) - '0' + 1) ^ flip);
        }
        out.add(flip);
    }

    /** Eight bytes big-endian. */
    private static void long8(KeyEncoder.Out out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.add((int) (v >>> shift));
        }
    }

    private static void int4(KeyEncoder.Out out, int v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.add(v >>> shift);
        }
    }

    /** Decodes the value after {@code tag}, which starts at pos[0]; numeric comes back normalized. */
    static Object decode(byte[] key, int tag, int[] pos) {
        switch (tag) {
            case KeyEncoder.TAG_DECIMAL:
                return decodeDecimal(key, pos);
            case KeyEncoder.TAG_FLOAT: {
                long flipped = readLong(key, pos);
                return Double.longBitsToDouble(flipped < 0 ? flipped ^ Long.MIN_VALUE : ~flipped);
            }
            case KeyEncoder.TAG_BYTES: {
                String latin = decodeBytes(key, pos);
                byte[] b = new byte[latin.length()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) latin.charAt(i);
                }
                return b;
            }
            case KeyEncoder.TAG_DATE:
                return LocalDate.ofEpochDay(readLong(key, pos) ^ Long.MIN_VALUE);
            case KeyEncoder.TAG_TIME:
                return LocalTime.ofNanoOfDay(readLong(key, pos));
            case KeyEncoder.TAG_TIMESTAMP:
                return LocalDateTime.ofEpochSecond(readLong(key, pos) ^ Long.MIN_VALUE, readInt(key, pos),
                        ZoneOffset.UTC);
            case KeyEncoder.TAG_INSTANT:
                return Instant.ofEpochSecond(readLong(key, pos) ^ Long.MIN_VALUE, readInt(key, pos));
            case KeyEncoder.TAG_UUID:
                return new UUID(readLong(key, pos), readLong(key, pos));
            default:
                throw KeyEncoder.corrupt(key, "has an unknown column tag " + tag);
        }
    }

    private static BigDecimal decodeDecimal(byte[] key, int[] pos) {
        if (pos[0] >= key.length) {
            throw KeyEncoder.corrupt(key, "has a truncated numeric");
        }
        int sign = (key[pos[0]++] & 0xFF) - 2;
        if (sign == 0) {
            return BigDecimal.ZERO;
        }
        if (sign != 1 && sign != -1) {
            throw KeyEncoder.corrupt(key, "has a bad numeric sign");
        }
        int flip = sign < 0 ? 0xFF : 0;
        if (pos[0] + 4 > key.length) {
            throw KeyEncoder.corrupt(key, "has a truncated numeric");
        }
        int e = 0;
        for (int i = 0; i < 4; i++) {
            e = (e << 8) | ((key[pos[0]++] & 0xFF) ^ flip);
        }
        int exponent = e ^ Integer.MIN_VALUE;
        StringBuilder digits = new StringBuilder();
        while (true) {
            if (pos[0] >= key.length) {
                throw KeyEncoder.corrupt(key, "has an unterminated numeric");
            }
            int d = (key[pos[0]++] & 0xFF) ^ flip;
            if (d == 0) {
                break;
            }
            if (d > 10) {
                throw KeyEncoder.corrupt(key, "has a bad numeric digit");
            }
            digits.append((char) ('0' + d - 1));
        }
        BigDecimal v = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        return sign < 0 ? v.negate() : v;
    }

    /** The bytes of an escaped, terminated byte string, one char per byte. */
    private static String decodeBytes(byte[] key, int[] pos) {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        while (true) {
            if (p >= key.length) {
                throw KeyEncoder.corrupt(key, "has an unterminated bytea");
            }
            int b = key[p++] & 0xFF;
            if (b == 0) {
                int next = p < key.length ? key[p++] & 0xFF : -1;
                if (next == 0) {
                    pos[0] = p;
                    return sb.toString();
                }
                if (next != 0xFF) {
                    throw KeyEncoder.corrupt(key, "has a bad bytea escape");
                }
            }
            sb.append((char) b);
        }
    }

    private static long readLong(byte[] key, int[] pos) {
        if (pos[0] + 8 > key.length) {
            throw KeyEncoder.corrupt(key, "has a truncated value");
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (key[pos[0]++] & 0xFF);
        }
        return v;
    }

    private static int readInt(byte[] key, int[] pos) {
        if (pos[0] + 4 > key.length) {
            throw KeyEncoder.corrupt(key, "has a truncated value");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (key[pos[0]++] & 0xFF);
        }
        return v;
    }
}
