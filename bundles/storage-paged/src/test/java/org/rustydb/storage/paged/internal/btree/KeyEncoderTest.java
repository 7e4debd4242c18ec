package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;

class KeyEncoderTest {
    private final Random random = new Random(42);

    /** SQL order computed directly: NULLS LAST, integers by value, strings by code point. */
    static int sqlCompare(List<?> a, List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValue(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValue(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        if (x instanceof Number nx) {
            return Long.compare(nx.longValue(), ((Number) y).longValue());
        }
        if (x instanceof Boolean bx) {
            return Boolean.compare(bx, (Boolean) y);
        }
        return Arrays.compare(((String) x).codePoints().toArray(), ((String) y).codePoints().toArray());
    }

    private Object randomInteger() {
        long v = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(7) - 3;
            case 1 -> random.nextLong();
            case 2 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> random.nextInt();
        };
        return switch (random.nextInt(3)) {
            case 0 -> (short) v;
            case 1 -> (int) v;
            default -> v;
        };
    }

    private String randomString() {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(8)) {
                case 0 -> sb.append('\0');
                case 1 -> sb.append((char) 0xFF);
                case 2 -> sb.appendCodePoint(0x1F600 + random.nextInt(4));
                case 3 -> sb.append((char) (0xE000 + random.nextInt(0x1000)));
                case 4 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
                case 5 -> sb.append((char) (0x80 + random.nextInt(0x700)));
                default -> sb.append((char) ('a' + random.nextInt(3)));
            }
        }
        return sb.toString();
    }

    private void assertOrderMatches(List<List<Object>> keys) {
        List<byte[]> encoded = new ArrayList<>();
        for (List<Object> k : keys) {
            encoded.add(KeyEncoder.encode(k));
        }
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < keys.size(); j++) {
                int expected = Integer.signum(sqlCompare(keys.get(i), keys.get(j)));
                int actual = Integer.signum(KeyEncoder.compare(encoded.get(i), encoded.get(j)));
                assertEquals(expected, actual, () -> "order of " + keys);
            }
        }
    }

    @Test
    void singleColumnOrderEqualsSqlOrder() {
        for (int round = 0; round < 20; round++) {
            List<List<Object>> ints = new ArrayList<>();
            List<List<Object>> strings = new ArrayList<>();
            List<List<Object>> bools = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ints.add(Arrays.asList(random.nextInt(10) == 0 ? null : randomInteger()));
                strings.add(Arrays.asList(random.nextInt(10) == 0 ? null : randomString()));
                bools.add(Arrays.asList(random.nextInt(3) == 0 ? null : random.nextBoolean()));
            }
            assertOrderMatches(ints);
            assertOrderMatches(strings);
            assertOrderMatches(bools);
        }
    }

    @Test
    void multiColumnOrderEqualsSqlOrder() {
        for (int round = 0; round < 10; round++) {
            List<List<Object>> keys = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                keys.add(Arrays.asList(
                        random.nextInt(5) == 0 ? null : (Object) (random.nextInt(3) - 1),
                        random.nextInt(5) == 0 ? null : randomString(),
                        random.nextInt(5) == 0 ? null : random.nextBoolean(),
                        random.nextInt(5) == 0 ? null : randomInteger()));
            }
            assertOrderMatches(keys);
        }
    }

    @Test
    void integerWidthsCompareByValue() {
        assertArrayEquals(KeyEncoder.encode((short) 5), KeyEncoder.encode(5L));
        assertArrayEquals(KeyEncoder.encode(-7), KeyEncoder.encode((short) -7));
        assertTrue(KeyEncoder.compare(KeyEncoder.encode((short) -1), KeyEncoder.encode(0L)) < 0);
        assertTrue(KeyEncoder.compare(KeyEncoder.encode(Integer.MAX_VALUE), KeyEncoder.encode(1L << 40)) < 0);
    }

    @Test
    void nullsSortLastInEveryColumn() {
        byte[] nul = KeyEncoder.encode((Object) null);
        for (Object v : new Object[] {Long.MAX_VALUE, "\uFFFF\uFFFF", true, "\uDBFF\uDFFF"}) {
            assertTrue(KeyEncoder.compare(KeyEncoder.encode(v), nul) < 0, () -> "value " + v);
        }
        assertTrue(KeyEncoder.compare(KeyEncoder.encode(1, 99), KeyEncoder.encode(1, null)) < 0);
        assertTrue(KeyEncoder.compare(KeyEncoder.encode(null, 1), KeyEncoder.encode(null, null)) < 0);
        assertTrue(KeyEncoder.compare(KeyEncoder.encode(2, null), KeyEncoder.encode(null, 1)) < 0);
    }

    @Test
    void prefixesAndEmbeddedZerosSortCorrectly() {
        String[] ordered = {"", "\0", "\0\0", "\0\1", "\1", "a", "a\0", "a\0\0", "a\0b", "a\1", "aa", "b"};
        for (int i = 0; i + 1 < ordered.length; i++) {
            byte[] x = KeyEncoder.encode(ordered[i]);
            byte[] y = KeyEncoder.encode(ordered[i + 1]);
            int at = i;
            assertTrue(KeyEncoder.compare(x, y) < 0, () -> "\"" + ordered[at] + "\" before the next");
        }
        // a shorter first column sorts first whatever follows
        assertTrue(KeyEncoder.compare(KeyEncoder.encode("a", "zzz"), KeyEncoder.encode("a\0", "")) < 0);
        assertTrue(KeyEncoder.compare(KeyEncoder.encode("ab", 1), KeyEncoder.encode("abc", 0)) < 0);
    }

    @Test
    void decodeRoundTrips() {
        for (int i = 0; i < 500; i++) {
            Object[] values = {random.nextInt(4) == 0 ? null : randomString(), random.nextInt(4) == 0 ? null : (short) random.nextInt(),
                random.nextInt(4) == 0 ? null : random.nextInt(), random.nextInt(4) == 0 ? null : random.nextLong(),
                random.nextInt(4) == 0 ? null : random.nextBoolean()};
            byte[] key = KeyEncoder.encode(values);
            Object[] typed = KeyEncoder.decode(key, SqlType.TEXT, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT, SqlType.BOOLEAN);
            assertArrayEquals(values, typed);
            Object[] untyped = KeyEncoder.decode(key);
            assertEquals(5, untyped.length);
            assertEquals(values[0], untyped[0]);
            assertEquals(values[2] == null ? null : ((Integer) values[2]).longValue(), untyped[2]);
        }
    }

    @Test
    void prefixUpperBoundBoundsExactlyTheKeysWithThePrefix() {
        assertNull(KeyEncoder.prefixUpperBound(new byte[] {(byte) 0xFF, (byte) 0xFF}));
        assertNull(KeyEncoder.prefixUpperBound(new byte[0]));
        assertArrayEquals(new byte[] {1, 3}, KeyEncoder.prefixUpperBound(new byte[] {1, 2, (byte) 0xFF}));
        List<List<Object>> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(Arrays.asList(random.nextInt(6) == 0 ? null : randomString(), random.nextInt(4) == 0 ? null : randomInteger()));
        }
        for (List<Object> probe : keys.subList(0, 40)) {
            byte[] prefix = KeyEncoder.encode(probe.get(0));
            byte[] upper = KeyEncoder.prefixUpperBound(prefix);
            for (List<Object> k : keys) {
                byte[] enc = KeyEncoder.encode(k);
                boolean inRange = KeyEncoder.compare(enc, prefix) >= 0 && (upper == null || KeyEncoder.compare(enc, upper) < 0);
                assertEquals(compareValue(k.get(0), probe.get(0)) == 0, inRange, () -> k + " vs prefix " + probe.get(0));
            }
        }
    }

    @Test
    void badInputIsRefused() {
        DbException e = assertThrows(DbException.class, () -> KeyEncoder.encode(new Object()));
        assertEquals("0A000", e.sqlState());
        assertEquals("XX001", assertThrows(DbException.class, () -> KeyEncoder.decode(new byte[] {0x30, 'a'})).sqlState());
        assertEquals("XX001", assertThrows(DbException.class, () -> KeyEncoder.decode(new byte[] {0x20, 1, 2})).sqlState());
        assertEquals("XX001", assertThrows(DbException.class, () -> KeyEncoder.decode(new byte[] {0x42})).sqlState());
        assertEquals("XX001", assertThrows(DbException.class,
                () -> KeyEncoder.decode(KeyEncoder.encode("x"), SqlType.INTEGER)).sqlState());
        assertEquals("XX001", assertThrows(DbException.class,
                () -> KeyEncoder.decode(KeyEncoder.encode(1, 2), SqlType.INTEGER)).sqlState());
    }
}
