package org.rustydb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Expected texts are what PostgreSQL 15 prints for the same values. */
class ValueTextTest {

    @Test
    void doublesPrintShortestRoundTrip() {
        assertEquals("0.30000000000000004", ValueText.formatDouble(0.1 + 0.2));
        assertEquals("1e+15", ValueText.formatDouble(1e15));
        assertEquals("123456789012345", ValueText.formatDouble(123456789012345d));
        assertEquals("0.0001", ValueText.formatDouble(0.0001));
        assertEquals("1e-05", ValueText.formatDouble(0.00001));
        assertEquals("1.7976931348623157e+308", ValueText.formatDouble(Double.MAX_VALUE));
        assertEquals("5e-324", ValueText.formatDouble(Double.MIN_VALUE));
        assertEquals("-1.5", ValueText.formatDouble(-1.5));
        assertEquals("-0", ValueText.formatDouble(-0.0));
        assertEquals("NaN", ValueText.formatDouble(Double.NaN));
        assertEquals("-Infinity", ValueText.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("1.100000023841858", ValueText.formatDouble((double) 1.1f));
    }

    @Test
    void floatsUseSixDigitExponentThreshold() {
        assertEquals("1.234567e+06", ValueText.formatFloat(1234567f));
        assertEquals("123456", ValueText.formatFloat(123456f));
        assertEquals("1.1", ValueText.formatFloat(1.1f));
        assertEquals("-3.402823e+38", ValueText.formatFloat(-3.402823e38f));
        assertEquals("1.5e-07", ValueText.formatFloat(1.5e-7f));
    }

    @Test
    void shortestFormReadsBack() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d)) {
                assertEquals(d, Double.parseDouble(ValueText.formatDouble(d).replace("Infinity", "Infinity")));
            }
        }
    }

    @Test
    void dateTimeIso() {
        assertEquals("2024-01-02", ValueText.format(LocalDate.of(2024, 1, 2), SqlType.DATE, ZoneOffset.UTC));
        assertEquals("0001-01-01 BC", ValueText.date(LocalDate.of(0, 1, 1)));
        assertEquals("10:00:00.5", ValueText.time(LocalTime.of(10, 0, 0, 500_000_000)));
        assertEquals("2024-01-02 03:04:05.123456",
                ValueText.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)));
        Instant i = Instant.parse("2024-07-02T03:04:05Z");
        assertEquals("2024-07-02 05:04:05+02", ValueText.timestamptz(i, ZoneId.of("Europe/Paris")));
        assertEquals("2024-07-02 08:34:05+05:30", ValueText.timestamptz(i, ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("2024-07-02 03:04:05+00", ValueText.timestamptz(i, ZoneOffset.UTC));
    }

    @Test
    void intervalsPostgresStyle() {
        assertEquals("1 year 2 mons 3 days 04:05:06.5", new Interval(14, 3, 14_706_500_000L).toString());
        assertEquals("-1 days", new Interval(0, -1, 0).toString());
        assertEquals("00:00:00", new Interval(0, 0, 0).toString());
        assertEquals("1 day -02:00:00", new Interval(0, 1, -7_200_000_000L).toString());
        assertEquals("-1 days +02:00:00", new Interval(0, -1, 7_200_000_000L).toString());
        assertEquals("100:00:00", new Interval(0, 0, 360_000_000_000L).toString());
        assertEquals(0, new Interval(1, 0, 0).compareTo(new Interval(0, 30, 0)));
        assertTrue(new Interval(0, 1, 0).compareTo(new Interval(0, 0, Interval.MICROS_PER_DAY + 1)) < 0);
    }

    @Test
    void otherTypes() {
        assertEquals("\\x00ff10", ValueText.format(new byte[] {0, (byte) 0xff, 0x10}, SqlType.BYTEA, ZoneOffset.UTC));
        assertEquals("0.00000012", ValueText.format(new BigDecimal("1.2E-7"), SqlType.NUMERIC, ZoneOffset.UTC));
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", ValueText.format(
                UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), SqlType.UUID, ZoneOffset.UTC));
        assertEquals("{1,NULL,3}", ValueText.format(Arrays.asList(1, null, 3), SqlType.INTEGER_ARRAY, ZoneOffset.UTC));
        assertEquals("{\"a b\",\"\",\"NULL\",\"x\\\"y\",plain}", ValueText.format(
                List.of("a b", "", "NULL", "x\"y", "plain"), SqlType.TEXT_ARRAY, ZoneOffset.UTC));
        assertEquals("{t,f}", ValueText.format(List.of(true, false), SqlType.BOOLEAN_ARRAY, ZoneOffset.UTC));
    }

    @Test
    void timeZoneSettings() {
        assertEquals(ZoneId.of("Europe/Paris"), ValueText.zoneOf("Europe/Paris"));
        assertEquals(ZoneOffset.ofHours(5), ValueText.zoneOf("<+05>-05"));
        assertEquals(ZoneOffset.ofHoursMinutes(-3, -30), ValueText.zoneOf("<-03:30>+03:30"));
        assertEquals(ZoneOffset.ofHours(-3), ValueText.zoneOf("UTC+3"));
        assertEquals(ZoneOffset.UTC, ValueText.zoneOf(null));
    }
}
