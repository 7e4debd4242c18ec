package org.rustydb.storage.log.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

class ValueCodecTest {
    private static Object[] roundTrip(Object[] row) {
        ByteWriter out = new ByteWriter(4);
        ValueCodec.writeRow(out, row);
        ByteReader in = new ByteReader(out.toByteArray());
        Object[] back = ValueCodec.readRow(in);
        assertEquals(0, in.remaining());
        return back;
    }

    @Test
    void everyValueClassRoundTripsWithItsClass() {
        Object[] row = {null, true, false, (short) 0, Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0L, Long.MIN_VALUE, Long.MAX_VALUE, -300L, "", "plain", null};
        Object[] back = roundTrip(row);
        assertArrayEquals(row, back);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                assertEquals(row[i].getClass(), back[i].getClass(), "value " + i);
            }
        }
    }

    @Test
    void unicodeStringsRoundTrip() {
        String[] texts = {"ü", "ß€", "日本語", "😀 emoji and 𝄞", "\u0000nul inside", "a".repeat(100_000),
            "mixed ascii é 中 🎉 end"};
        for (String text : texts) {
            assertEquals(text, roundTrip(new Object[] {text})[0]);
        }
        ByteWriter out = new ByteWriter(4);
        out.writeString("😀");
        assertEquals(1 + 4, out.size(), "a supplementary character is 4 bytes of UTF-8");
    }

    @Test
    void emptyRowAndAllNullRow() {
        assertEquals(0, roundTrip(new Object[0]).length);
        assertArrayEquals(new Object[3], roundTrip(new Object[3]));
    }

    @Test
    void newerTypesRoundTripWithTheirClass() {
        Object[] row = {new BigDecimal("-123.4500"), new BigDecimal("1E+3"), BigDecimal.ZERO,
            new BigDecimal("123456789012345678901234567890.123"), 1.5f, Float.NaN, -0.0, Double.NEGATIVE_INFINITY,
            LocalDate.of(-44, 3, 15), LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), Instant.parse("1969-12-31T23:59:59.5Z"),
            new Interval(-14, 3, -1), UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            Arrays.asList(1, null, 3), List.of(List.of("nested")), List.of()};
        Object[] back = roundTrip(row);
        for (int i = 0; i < row.length; i++) {
            assertEquals(row[i], back[i], "value " + i);
            assertEquals(row[i] instanceof List ? List.class : row[i].getClass(),
                    back[i] instanceof List ? List.class : back[i].getClass(), "value " + i);
        }
        assertEquals(-0.0, (Double) back[6]); // the sign of zero survives
        assertEquals(4, ((BigDecimal) back[0]).scale());
        byte[] bytes = {0, -1, 7};
        assertArrayEquals(bytes, (byte[]) roundTrip(new Object[] {bytes})[0]);
    }

    @Test
    void aRowReadForSomeSlotsHoldsThoseAndSkipsEveryKindOfValue() {
        Object[] row = {null, true, (short) 3, 7, -9L, "text", new BigDecimal("-1.50"), 2.5f, 0.25,
            LocalDate.of(2024, 2, 29), LocalTime.of(1, 2), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000),
            Instant.parse("2020-01-01T00:00:00.5Z"), new Interval(1, 2, 3), new byte[] {1, 2},
            UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), Arrays.asList(1, null, List.of("x")), "last"};
        ByteWriter out = new ByteWriter(4);
        ValueCodec.writeRow(out, row);
        byte[] bytes = out.toByteArray();
        for (int wantedSlot = 0; wantedSlot < row.length; wantedSlot++) {
            boolean[] wanted = new boolean[row.length];
            wanted[wantedSlot] = true;
            wanted[row.length - 1] = true; // reading the last value proves every other one was skipped exactly
            Object[] back = ValueCodec.readRow(new ByteReader(bytes), wanted);
            assertEquals(row.length, back.length);
            for (int i = 0; i < row.length; i++) {
                Object expected = wanted[i] ? row[i] : null;
                if (expected instanceof byte[] b) {
                    assertArrayEquals(b, (byte[]) back[i]);
                } else {
                    assertEquals(expected, back[i], "slot " + i + " reading slot " + wantedSlot);
                }
            }
        }
        // a mask shorter than the row reads the first slots only; nothing wanted reads nothing
        assertArrayEquals(new Object[] {null, true, null, null}, ValueCodec.readRow(
                new ByteReader(roundTripBytes(new Object[] {1, true, "x", 2})), new boolean[] {false, true}));
        assertArrayEquals(new Object[2], ValueCodec.readRow(
                new ByteReader(roundTripBytes(new Object[] {1, 2})), new boolean[2]));
    }

    private static byte[] roundTripBytes(Object[] row) {
        ByteWriter out = new ByteWriter(4);
        ValueCodec.writeRow(out, row);
        return out.toByteArray();
    }

    @Test
    void olderTypesKeepTheirBytes() {
        // rows written before the newer types existed must keep decoding: their tags and layouts are fixed
        ByteWriter out = new ByteWriter(4);
        ValueCodec.writeRow(out, new Object[] {null, false, true, (short) -1, 1, 2L, "a"});
        assertArrayEquals(new byte[] {7, 0, 1, 2, 3, 1, 4, 2, 5, 4, 6, 1, 'a'}, out.toByteArray());
    }

    @Test
    void unknownClassIsAnErrorNotSkipped() {
        ByteWriter out = new ByteWriter(4);
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.writeRow(out, new Object[] {new Object()}));
        assertEquals(false, ValueCodec.supports(Object.class));
        for (SqlType type : SqlType.values()) {
            assertEquals(true, ValueCodec.supports(type.javaClass()), type.name());
        }
    }

    @Test
    void unpairedSurrogateIsRefusedRatherThanReplaced() {
        ByteWriter out = new ByteWriter(4);
        DbException e = assertThrows(DbException.class, () -> out.writeString("a\uD800b"));
        assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, e.sqlState());
        // anywhere in a longer string, and among real question marks, which the encoder also writes
        for (int at = 0; at < 40; at++) {
            String s = "?".repeat(at) + "\uDC00" + "x?".repeat(20 - at / 2);
            assertThrows(DbException.class, () -> out.writeString(s), s);
        }
    }

    @Test
    void questionMarksAndAsciiRoundTrip() {
        for (String s : new String[] {"?", "??????????????????", "what? why?", "a".repeat(100) + "?", "plain ascii text"}) {
            ByteWriter out = new ByteWriter(4);
            ValueCodec.writeRow(out, new Object[] {s});
            assertEquals(s, ValueCodec.readRow(new ByteReader(out.toByteArray()))[0]);
        }
    }

    @Test
    void damagedBytesAreCorruptDataNotOtherFailures() {
        ByteWriter out = new ByteWriter(4);
        ValueCodec.writeRow(out, new Object[] {42, "hello", 7L});
        byte[] bytes = out.toByteArray();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThrows(CorruptDataException.class, () -> ValueCodec.readRow(new ByteReader(shorter)), "cut " + cut);
        }
        byte[] badTag = {1, 99};
        assertThrows(CorruptDataException.class, () -> ValueCodec.readRow(new ByteReader(badTag)));
        byte[] hugeLength = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThrows(CorruptDataException.class, () -> ValueCodec.readRow(new ByteReader(hugeLength)));
        byte[] badUtf8 = {1, 6, 2, (byte) 0xC3, 0x28};
        assertThrows(CorruptDataException.class, () -> ValueCodec.readRow(new ByteReader(badUtf8)));
    }

    @Test
    void varLongsOfEveryLength() {
        ByteWriter out = new ByteWriter(4);
        long[] values = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long v : values) {
            out.writeVarLong(v);
            out.writeZigZag(v);
        }
        ByteReader in = new ByteReader(out.toByteArray());
        for (long v : values) {
            assertEquals(v, in.readVarLong());
            assertEquals(v, in.readZigZag());
        }
    }

    @Test
    void tableDefinitionRoundTrips() {
        TableDefinition definition = new TableDefinition("my.schema", "t ü",
                List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                        new ColumnDefinition("name", SqlType.VARCHAR, 20, false),
                        new ColumnDefinition("flag", SqlType.BOOLEAN, -1, false),
                        new ColumnDefinition("s", SqlType.SMALLINT, -1, true),
                        new ColumnDefinition("i", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("x", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey("t_pkey", List.of(0), true),
                        new UniqueKey("t_name_s_key", List.of(1, 3), false)));
        ByteWriter out = new ByteWriter(4);
        ValueCodec.writeDefinition(out, definition);
        assertEquals(definition, ValueCodec.readDefinition(new ByteReader(out.toByteArray())));

        TableDefinition bare = new TableDefinition("public", "",
                List.of(new ColumnDefinition("c", SqlType.UNKNOWN, -1, false)), List.of());
        out.reset();
        ValueCodec.writeDefinition(out, bare);
        assertEquals(bare, ValueCodec.readDefinition(new ByteReader(out.toByteArray())));
    }
}
