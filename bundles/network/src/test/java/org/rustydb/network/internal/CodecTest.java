package org.rustydb.network.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;

/** The frame reader, payload decoding, message writer and text encoding on their own. */
class CodecTest {

    @Test
    void strictUtf8() {
        assertEquals("naïve ☃ 𝄞", Payload.decodeUtf8("naïve ☃ 𝄞".getBytes(StandardCharsets.UTF_8), 0,
                "naïve ☃ 𝄞".getBytes(StandardCharsets.UTF_8).length));
        byte[][] invalid = {
            {(byte) 0xff},
            {(byte) 0xc0, (byte) 0x80},                    // overlong NUL
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},       // UTF-16 surrogate
            {'a', (byte) 0xe2, (byte) 0x82},               // truncated sequence
        };
        for (byte[] b : invalid) {
            DbException e = assertThrows(DbException.class, () -> Payload.decodeUtf8(b, 0, b.length));
            assertEquals("22021", e.sqlState());
        }
    }

    @Test
    void payloadChecksBoundsAndTerminators() {
        Payload p = new Payload(new byte[] {0, 0, 0, 7, 'h', 'i', 0, 'x'});
        assertEquals(7, p.readInt32());
        assertEquals("hi", p.readCString());
        assertEquals("08P01", assertThrows(DbException.class, p::requireEnd).sqlState());
        assertEquals("08P01", assertThrows(DbException.class, p::readCString).sqlState());
        assertEquals("08P01", assertThrows(DbException.class, p::readInt32).sqlState());
    }

    @Test
    void readerValidatesFramesBeforeReadingBodies() throws IOException {
        byte[] ok = {'Q', 0, 0, 0, 6, 'x', 0};
        MessageReader r = new MessageReader(new ByteArrayInputStream(ok), 1024);
        MessageReader.Message m = r.readMessage();
        assertEquals('Q', m.type());
        assertEquals("x", m.payload().readCString());
        assertEquals(null, r.readMessage());

        byte[][] bad = {
            {'Q', 0, 0, 0, 3},
            {'Q', 0, 0, 4, 1},          // 1025 > 1024
            {'q', 0, 0, 0, 4},
            {'Q', 0, 0, 0, 9, 'x'},
            {'Q', 0},
        };
        for (byte[] b : bad) {
            DbException e = assertThrows(DbException.class,
                    () -> new MessageReader(new ByteArrayInputStream(b), 1024).readMessage());
            assertEquals("08P01", e.sqlState());
            assertEquals(DbException.Severity.FATAL, e.severity());
        }
    }

    @Test
    void writerFramesMessages() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(out);
        w.commandComplete("SELECT 1");
        w.dataRow(List.of(new Column("a", SqlType.INTEGER), new Column("b", SqlType.TEXT)), new Object[] {42, null});
        w.flush();
        byte[] expected = {
            'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0,
            'D', 0, 0, 0, 16, 0, 2, 0, 0, 0, 2, '4', '2', -1, -1, -1, -1,
        };
        assertArrayEquals(expected, out.toByteArray());
        assertThrows(IllegalStateException.class,
                () -> w.dataRow(List.of(new Column("a", SqlType.INTEGER)), new Object[] {1, 2}));
    }

    @Test
    void textEncoding() {
        assertEquals("t", text(true, SqlType.BOOLEAN));
        assertEquals("f", text(false, SqlType.BOOLEAN));
        assertEquals("-32768", text((short) -32768, SqlType.SMALLINT));
        assertEquals("-9223372036854775808", text(Long.MIN_VALUE, SqlType.BIGINT));
        assertEquals("0.00000012", text(new BigDecimal("1.2E-7"), SqlType.TEXT));
        assertEquals("\\x00ff10", text(new byte[] {0, (byte) 0xff, 0x10}, SqlType.TEXT));
        assertEquals("ünï", text("ünï", SqlType.VARCHAR));
        DbException e = assertThrows(DbException.class, () -> TextEncoder.encode(new Object(), SqlType.TEXT));
        assertEquals("XX000", e.sqlState());
        assertEquals("XX000", assertThrows(DbException.class,
                () -> TextEncoder.encode(1.5, SqlType.DATE)).sqlState());
    }

    @Test
    void textEncodingOfNewerTypes() {
        assertEquals("0.30000000000000004", text(0.1 + 0.2, SqlType.DOUBLE));
        assertEquals("1.234567e+06", text(1234567f, SqlType.REAL));
        assertEquals("12.50", text(new java.math.BigDecimal("12.50"), SqlType.NUMERIC));
        assertEquals("2024-01-02", text(java.time.LocalDate.of(2024, 1, 2), SqlType.DATE));
        assertEquals("1 day 02:00:00", text(new org.rustydb.api.Interval(0, 1, 7_200_000_000L), SqlType.INTERVAL));
        assertEquals("{1,2}", text(List.of(1, 2), SqlType.INTEGER_ARRAY));
        java.time.Instant i = java.time.Instant.parse("2024-01-02T03:04:05Z");
        assertEquals("2024-01-02 03:04:05+00", text(i, SqlType.TIMESTAMPTZ));
        assertEquals("2024-01-02 04:04:05+01", new String(TextEncoder.encode(i, SqlType.TIMESTAMPTZ,
                java.time.ZoneId.of("Europe/Paris")), StandardCharsets.UTF_8));
    }

    private static String text(Object value, SqlType type) {
        return new String(TextEncoder.encode(value, type), StandardCharsets.UTF_8);
    }
}
