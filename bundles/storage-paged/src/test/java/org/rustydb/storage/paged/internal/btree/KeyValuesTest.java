package org.rustydb.storage.paged.internal.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlType;

/** The key encodings of the newer types sort as their values do. */
class KeyValuesTest {
    private final Random random = new Random(11);

    /** Encodes each value, sorts the encodings and checks they come out in the given (ascending) order. */
    private static void assertOrdered(List<?> ascending) {
        for (int i = 1; i < ascending.size(); i++) {
            byte[] a = KeyEncoder.encode(ascending.get(i - 1));
            byte[] b = KeyEncoder.encode(ascending.get(i));
            assertTrue(KeyEncoder.compare(a, b) < 0, ascending.get(i - 1) + " < " + ascending.get(i));
        }
    }

    @Test
    void numericsOrderByValueWhateverTheirScale() {
        List<BigDecimal> values = new ArrayList<>();
        for (String s : new String[] {"-1000", "-999.99", "-1.55", "-1.5", "-0.05", "-0.0049", "0", "0.0049", "0.05",
            "1", "1.5", "1.55", "9.99", "10", "123456789012345678901234567890"}) {
            values.add(new BigDecimal(s));
        }
        assertOrdered(values);
        assertArrayEquals(KeyEncoder.encode(new BigDecimal("1.5")), KeyEncoder.encode(new BigDecimal("1.500")));
        for (int i = 0; i < 2000; i++) {
            BigDecimal a = BigDecimal.valueOf(random.nextLong() % 100000, random.nextInt(8) - 2);
            BigDecimal b = BigDecimal.valueOf(random.nextLong() % 100000, random.nextInt(8) - 2);
            assertEquals(Integer.signum(a.compareTo(b)),
                    Integer.signum(KeyEncoder.compare(KeyEncoder.encode(a), KeyEncoder.encode(b))), a + " vs " + b);
            assertEquals(0, a.compareTo((BigDecimal) KeyEncoder.decode(KeyEncoder.encode(a), SqlType.NUMERIC)[0]));
        }
    }

    @Test
    void floatsOrderWithNaNLastAndZeroesEqual() {
        assertOrdered(List.of(Double.NEGATIVE_INFINITY, -1e300, -1.5, -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 1.5,
                1e300, Double.POSITIVE_INFINITY, Double.NaN));
        assertArrayEquals(KeyEncoder.encode(0.0), KeyEncoder.encode(-0.0));
        assertEquals(1.5f, KeyEncoder.decode(KeyEncoder.encode(1.5f), SqlType.REAL)[0]);
    }

    @Test
    void dateTimesUuidsAndBytesRoundTripInOrder() {
        assertOrdered(List.of(LocalDate.of(-10, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2024, 1, 2)));
        assertOrdered(List.of(LocalTime.MIDNIGHT, LocalTime.of(0, 0, 0, 1000), LocalTime.of(23, 59)));
        assertOrdered(List.of(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1000)));
        assertOrdered(List.of(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00.000001Z")));
        assertOrdered(List.of(new UUID(0, 1), new UUID(1, 0), new UUID(-1, 0)));
        assertOrdered(List.of(new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {1}, new byte[] {(byte) 0xff}));
        Object[] values = {LocalDate.of(2024, 1, 2), LocalTime.of(1, 2, 3), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000),
            Instant.parse("2024-01-02T03:04:05.000006Z"), UUID.randomUUID(), "after"};
        Object[] back = KeyEncoder.decode(KeyEncoder.encode(values), SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP,
                SqlType.TIMESTAMPTZ, SqlType.UUID, SqlType.TEXT);
        assertArrayEquals(values, back);
        assertArrayEquals(new byte[] {0, 9}, (byte[]) KeyEncoder.decode(KeyEncoder.encode((Object) new byte[] {0, 9}),
                SqlType.BYTEA)[0]);
    }

    @Test
    void intervalsAndArraysAreNotIndexable() {
        assertEquals("0A000", assertThrows(DbException.class,
                () -> KeyEncoder.encode(new Interval(1, 0, 0))).sqlState());
        assertEquals("0A000", assertThrows(DbException.class, () -> KeyEncoder.encode((Object) List.of(1))).sqlState());
    }
}
