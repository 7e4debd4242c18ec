package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlType;

/** Binary values as PostgreSQL's send functions write them, and back to text for binary parameters. */
class BinaryCodecTest {

    private static String roundTrip(Object value, SqlType type) {
        return BinaryCodec.decode(BinaryCodec.encode(value, type, ZoneOffset.UTC), type.oid(), 1);
    }

    @Test
    void numericUsesBase10000DigitsWithWeightAndDisplayScale() {
        // 12345.678 is digits 1, 2345, 6780 with weight 1 and display scale 3, as numeric_send writes it
        ByteBuffer b = ByteBuffer.wrap(BinaryCodec.encodeNumeric(new BigDecimal("-12345.678")));
        assertEquals(3, b.getShort());
        assertEquals(1, b.getShort());
        assertEquals(0x4000, b.getShort() & 0xffff);
        assertEquals(3, b.getShort());
        assertEquals(List.of((short) 1, (short) 2345, (short) 6780), List.of(b.getShort(), b.getShort(), b.getShort()));
        ByteBuffer zero = ByteBuffer.wrap(BinaryCodec.encodeNumeric(new BigDecimal("0.00")));
        assertEquals(List.of((short) 0, (short) 0, (short) 0, (short) 2),
                List.of(zero.getShort(), zero.getShort(), zero.getShort(), zero.getShort()));
        for (String v : List.of("0", "0.00", "1", "-1", "10000", "0.0001", "-0.00000001", "99999999.99990",
                "12345678901234567890.123456789", "100000000")) {
            assertEquals(v, roundTrip(new BigDecimal(v), SqlType.NUMERIC), v);
        }
    }

    @Test
    void datesAndTimesCountFrom2000() {
        assertArrayEquals(ByteBuffer.allocate(4).putInt(1).array(),
                BinaryCodec.encode(LocalDate.of(2000, 1, 2), SqlType.DATE, ZoneOffset.UTC));
        assertArrayEquals(ByteBuffer.allocate(8).putLong(-1_000_000L).array(),
                BinaryCodec.encode(Instant.parse("1999-12-31T23:59:59Z"), SqlType.TIMESTAMPTZ, ZoneOffset.UTC));
        assertEquals("1999-12-31 23:59:59.5", roundTrip(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 500_000_000),
                SqlType.TIMESTAMP));
        assertEquals("2024-02-29 01:02:03+00", roundTrip(Instant.parse("2024-02-29T01:02:03Z"), SqlType.TIMESTAMPTZ));
        assertEquals("0044-03-15 BC", roundTrip(LocalDate.of(-43, 3, 15), SqlType.DATE));
        assertEquals("10:11:12.000001", roundTrip(LocalTime.of(10, 11, 12, 1000), SqlType.TIME));
        assertEquals("1 year 2 mons -3 days +04:05:06.5", roundTrip(new Interval(14, -3, 14_706_500_000L),
                SqlType.INTERVAL));
    }

    @Test
    void arraysAreOneDimensionalWithNulls() {
        byte[] bytes = BinaryCodec.encode(Arrays.asList(1, null, 3), SqlType.INTEGER_ARRAY, ZoneOffset.UTC);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(List.of(1, 1, 23, 3, 1), List.of(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt()));
        assertEquals("{\"1\",NULL,\"3\"}", BinaryCodec.decode(bytes, SqlType.INTEGER_ARRAY.oid(), 1));
        assertEquals("{\"a\\\"b\"}", roundTrip(List.of("a\"b"), SqlType.TEXT_ARRAY));
        assertEquals("{}", roundTrip(List.of(), SqlType.TEXT_ARRAY));
    }

    @Test
    void otherTypesRoundTrip() {
        assertEquals("t", roundTrip(true, SqlType.BOOLEAN));
        assertEquals("-32768", roundTrip((short) -32768, SqlType.SMALLINT));
        assertEquals("9223372036854775807", roundTrip(Long.MAX_VALUE, SqlType.BIGINT));
        assertEquals("0.1", roundTrip(0.1, SqlType.DOUBLE));
        assertEquals("1.5", roundTrip(1.5f, SqlType.REAL));
        assertEquals("\\xdead", roundTrip(new byte[] {(byte) 0xde, (byte) 0xad}, SqlType.BYTEA));
        assertEquals("{\"a\": 1}", roundTrip("{\"a\": 1}", SqlType.JSONB));
        assertEquals("naïve", roundTrip("naïve", SqlType.VARCHAR));
        assertEquals("4294967295", BinaryCodec.decode(new byte[] {-1, -1, -1, -1}, BinaryCodec.OID_OID, 1));
    }

    @Test
    void malformedValuesAre22P03() {
        DbException e = assertThrows(DbException.class, () -> BinaryCodec.decode(new byte[3], SqlType.INTEGER.oid(), 2));
        assertEquals("22P03", e.sqlState());
        assertEquals("incorrect binary data format in bind parameter 2", e.getMessage());
        assertEquals("22P03", assertThrows(DbException.class,
                () -> BinaryCodec.decode(new byte[9], SqlType.BIGINT.oid(), 1)).sqlState());
        assertEquals("22P03", assertThrows(DbException.class,
                () -> BinaryCodec.decode(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0x27, 0x10}, SqlType.NUMERIC.oid(), 1))
                .sqlState()); // digit 10000
        assertEquals("22021", assertThrows(DbException.class,
                () -> BinaryCodec.decode(new byte[] {(byte) 0xff}, SqlType.TEXT.oid(), 1)).sqlState());
    }
}
