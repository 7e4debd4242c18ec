package org.rustydb.execution.internal.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlType;

/** The value classes of the non-integer types; expected values are PostgreSQL 15's. */
class ValuesTest {

    @AfterEach
    void resetZone() {
        SessionZone.set(ZoneOffset.UTC);
    }

    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    @Test
    void numericDivisionScaleFollowsSelectDivScale() {
        assertEquals(n("0.33333333333333333333"), NumericValues.numeric('/', n("1"), n("3.0")));
        assertEquals(n("33333.333333333333"), NumericValues.numeric('/', n("100000"), n("3.0")));
        assertEquals(n("0.000003333333333333333333"), NumericValues.numeric('/', n("0.00001"), n("3")));
        assertEquals(n("3.1428571428571429"), NumericValues.numeric('/', n("22"), n("7")));
        assertEquals(n("3333.3333333333333333"), NumericValues.numeric('/', n("10000"), n("3")));
        assertEquals(n("33333333333333333333"), NumericValues.numeric('/', n("1E+20").setScale(0), n("3")));
        assertEquals(n("-3.5000000000000000"), NumericValues.numeric('/', n("-7"), n("2.0")));
        assertEquals("22012", assertThrows(DbException.class,
                () -> NumericValues.numeric('/', n("1"), n("0.0"))).sqlState());
    }

    @Test
    void numericScalesOfOtherOperators() {
        assertEquals("4.00", NumericValues.numeric('+', n("1.50"), n("2.5")).toPlainString());
        assertEquals("3.125", NumericValues.numeric('*', n("2.5"), n("1.25")).toPlainString());
        assertEquals("1.00", NumericValues.numeric('%', n("10"), n("3.00")).toPlainString());
    }

    @Test
    void numericTypmodRoundsHalfAwayFromZeroAndChecksPrecision() {
        assertEquals(n("123.46"), NumericValues.applyTypmod(n("123.456"), DataType.numeric(5, 2)));
        assertEquals(n("-0.01"), NumericValues.applyTypmod(n("-0.005"), DataType.numeric(3, 2)));
        DbException e = assertThrows(DbException.class,
                () -> NumericValues.applyTypmod(n("999.995"), DataType.numeric(5, 2)));
        assertEquals("22003", e.sqlState());
        assertEquals("A field with precision 5, scale 2 must round to an absolute value less than 10^3.", e.detail());
    }

    @Test
    void numberInput() {
        assertEquals(n("12.30"), NumericValues.parseNumeric("  12.30 "));
        assertEquals(n("100000"), NumericValues.parseNumeric("1e5"));
        assertEquals("22P02", assertThrows(DbException.class, () -> NumericValues.parseNumeric("1.2.3")).sqlState());
        assertEquals(-1500.0, NumericValues.parseFloat(" -1.5e3 ", SqlType.DOUBLE));
        assertEquals(Double.NEGATIVE_INFINITY, NumericValues.parseFloat("-inf", SqlType.DOUBLE));
        assertEquals("22003", assertThrows(DbException.class,
                () -> NumericValues.parseFloat("1e-400", SqlType.DOUBLE)).sqlState());
        assertEquals("22003", assertThrows(DbException.class,
                () -> NumericValues.parseFloat("1e39", SqlType.REAL)).sqlState());
    }

    @Test
    void numberConversions() {
        assertEquals(n("0.3"), NumericValues.convert(0.1 + 0.2, SqlType.DOUBLE, SqlType.NUMERIC));
        assertEquals(2, NumericValues.convert(2.5, SqlType.DOUBLE, SqlType.INTEGER)); // half to even
        assertEquals(3, NumericValues.convert(n("2.5"), SqlType.NUMERIC, SqlType.INTEGER)); // half away from zero
        assertEquals("22003", assertThrows(DbException.class,
                () -> NumericValues.convert(1e300, SqlType.DOUBLE, SqlType.REAL)).sqlState());
        assertEquals(0, NumericValues.compare(-0.0, 0));
        assertEquals(1, NumericValues.compare(Double.NaN, Double.POSITIVE_INFINITY));
        assertEquals(0, NumericValues.compare(n("1.00"), 1L));
    }

    @Test
    void dateTimeInput() {
        assertEquals(LocalDate.of(2024, 1, 2), DateTimeValues.parse("2024-01-02", DataType.DATE));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_457_000),
                DateTimeValues.parse("2024-01-02 03:04:05.1234567", DataType.TIMESTAMP));
        assertEquals(Instant.parse("2024-01-01T21:34:05Z"),
                DateTimeValues.parse("2024-01-02 03:04:05+0530", DataType.TIMESTAMPTZ));
        SessionZone.set(ZoneId.of("Europe/Paris"));
        assertEquals(Instant.parse("2024-07-02T01:04:05Z"),
                DateTimeValues.parse("2024-07-02 03:04:05", DataType.TIMESTAMPTZ));
        assertEquals("22008", assertThrows(DbException.class,
                () -> DateTimeValues.parse("2024-02-30", DataType.DATE)).sqlState());
        assertEquals("22007", assertThrows(DbException.class,
                () -> DateTimeValues.parse("yesterdayish", DataType.DATE)).sqlState());
    }

    @Test
    void dateTimeArithmetic() {
        assertEquals(LocalDateTime.of(2024, 2, 29, 10, 0),
                DateTimeValues.plus(LocalDateTime.of(2024, 1, 31, 10, 0), new Interval(1, 0, 0), 1));
        assertEquals(new Interval(0, 2, 43_200_000_000L),
                DateTimeValues.minus(LocalDateTime.of(2024, 1, 3, 12, 0), LocalDateTime.of(2024, 1, 1, 0, 0)));
        // a day across the spring daylight-saving change is 23 hours in absolute time
        SessionZone.set(ZoneId.of("Europe/Paris"));
        Instant before = Instant.parse("2024-03-30T11:00:00Z");
        assertEquals(Instant.parse("2024-03-31T10:00:00Z"), DateTimeValues.plus(before, new Interval(0, 1, 0), 1));
    }

    @Test
    void intervalInputAndArithmetic() {
        assertEquals(new Interval(14, 3, 14_706_500_000L), IntervalValues.parse("1 year 2 mons 3 days 04:05:06.5"));
        assertEquals(new Interval(1, 15, 0), IntervalValues.parse("1.5 months"));
        assertEquals(new Interval(0, 1, -7_200_000_000L), IntervalValues.parse("-1 day 2 hours ago"));
        assertEquals(new Interval(14, 3, 14_706_000_000L), IntervalValues.parse("P1Y2M3DT4H5M6S"));
        assertEquals(new Interval(0, 0, 10_000_000L), IntervalValues.parse("10"));
        assertEquals("22007", assertThrows(DbException.class, () -> IntervalValues.parse("abc")).sqlState());
        assertEquals(new Interval(0, 1, 43_200_000_000L), IntervalValues.multiply(new Interval(0, 1, 0), 1.5));
        assertEquals(new Interval(0, 4, 24_685_689_600L), IntervalValues.divide(new Interval(1, 0, 0), 7));
    }

    @Test
    void miscInput() {
        assertEquals("{\"a\": [1, 2.50, \"x\"], \"b\": 2}",
                JsonValues.parseJsonb("{\"b\": 1, \"a\": [1, 2.50, \"x\"], \"b\": 2}"));
        assertEquals("{\"b\": 2, \"aa\": 1}", JsonValues.parseJsonb("{\"aa\":1,\"b\":2}"));
        assertEquals("22P02", assertThrows(DbException.class, () -> JsonValues.parseJson("{\"a\": }")).sqlState());
        assertEquals("[1,2]", JsonValues.parseJson("[1,2]"));
        byte[] bytes = MiscValues.parseBytea("\\001\\\\x");
        assertEquals("[1, 92, 120]", Arrays.toString(bytes));
        assertEquals("ab  ", MiscValues.applyCharLength("ab", 4, false));
        assertEquals("22001", assertThrows(DbException.class,
                () -> MiscValues.applyCharLength("abcdef", 3, false)).sqlState());
        assertEquals(Arrays.asList(1, null, 3), ArrayValues.parse("{1, NULL ,3}", new DataType(SqlType.INTEGER_ARRAY, -1)));
        assertEquals(List.of("a b", "NULL", "x\"y"),
                ArrayValues.parse("{\"a b\",\"NULL\",\"x\\\"y\"}", new DataType(SqlType.TEXT_ARRAY, -1)));
        assertEquals("22P02", assertThrows(DbException.class,
                () -> ArrayValues.parse("{1,a}", new DataType(SqlType.INTEGER_ARRAY, -1))).sqlState());
    }
}
