package org.rustydb.execution.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Interval;

/** to_char and to_timestamp outputs checked against PostgreSQL 15. */
class DateTimeFormatTest {
    private static String number(String value, String format) {
        return NumberFormat.format(new BigDecimal(value), format, false);
    }

    @Test
    void numbersKeepPostgresPositions() {
        assertEquals("  -12", number("-12", "9999"));
        assertEquals("  +12", number("12", "S9999"));
        assertEquals("  <12>", number("-12", "9999PR"));
        assertEquals("  12-", number("-12", "9999MI"));
        assertEquals(" -.50", number("-0.5", "9.99"));
        assertEquals(" 0.50", number("0.5", "0.99"));
        assertEquals(" 1,234,567.89", number("1234567.891", "9,999,999.99"));
        assertEquals("-###.#", number("-12345", "999.9"));
        assertEquals("12.", number("12", "FM999.99"));
        assertEquals("12.30", number("12.3", "FM99.0099"));
        assertEquals("1,234.5-", number("-1234.5", "FM9G999D99S"));
        assertEquals("   0", number("0", "999"));
        assertEquals("ab  12", number("12", "\"ab\"999"));
        assertEquals(" 2", NumberFormat.format(new BigDecimal(2.5), "9", true));
    }

    @Test
    void timestampsAndIntervals() {
        LocalDateTime t = LocalDateTime.of(2024, 3, 5, 14, 7, 9, 123_456_000);
        DateTimeFormat.Fields f = DateTimeFormat.Fields.of(t, null);
        assertEquals("2024-03-05 14:07:09.123456", DateTimeFormat.format(f, "YYYY-MM-DD HH24:MI:SS.US"));
        assertEquals("02:07 PM, Tuesday   March     05, 2024",
                DateTimeFormat.format(f, "HH12:MI AM, Day Month DD, YYYY"));
        assertEquals("2 pm March 5th, Tue Mar", DateTimeFormat.format(f, "FMHH12 am FMMonth FMDDth, Dy Mon"));
        assertEquals("065 10 10 1 1 21 2460375 3 2 III ", DateTimeFormat.format(f, "DDD IW WW W Q CC J D ID RM"));
        assertEquals("x\"y 24", DateTimeFormat.format(f, "\"x\\\"y\" YY"));
        assertEquals("25:04:05.500", DateTimeFormat.format(
                DateTimeFormat.Fields.of(new Interval(0, 1, 90_245_500_000L)), "HH24:MI:SS.MS"));
        assertEquals("22007", assertThrows(DbException.class, () -> DateTimeFormat.format(
                DateTimeFormat.Fields.of(new Interval(0, 1, 0)), "Day")).sqlState());
    }

    @Test
    void parsing() {
        assertEquals(LocalDateTime.of(2024, 3, 5, 14, 7, 9, 500_000_000),
                DateTimeParse.parse("2024-03-05 14:07:09.5", "YYYY-MM-DD HH24:MI:SS.MS"));
        assertEquals(LocalDateTime.of(2024, 3, 5, 0, 0), DateTimeParse.parse("20240305", "YYYYMMDD"));
        assertEquals(LocalDateTime.of(2024, 3, 5, 14, 7), DateTimeParse.parse("05/03/2024 2:07 PM", "DD/MM/YYYY HH:MI AM"));
        assertEquals("22008", assertThrows(DbException.class,
                () -> DateTimeParse.parse("2024-02-30", "YYYY-MM-DD")).sqlState());
        assertEquals("22007", assertThrows(DbException.class,
                () -> DateTimeParse.parse("2024-xx-01", "YYYY-MM-DD")).sqlState());
    }
}
