package org.rustydb.execution.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

/** Digits and scales checked against PostgreSQL 15. */
class NumericMathTest {
    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    @Test
    void sqrtExpLnLogHavePostgresScales() {
        assertEquals("1.414213562373095", NumericMath.sqrt(n("2")).toPlainString());
        assertEquals("10.000000000000000", NumericMath.sqrt(n("100")).toPlainString());
        assertEquals("2.7182818284590452", NumericMath.exp(n("1")).toPlainString());
        assertEquals("0.00000000000000000000000000000000000000000003720075976020836",
                NumericMath.exp(n("-100")).toPlainString());
        assertEquals("0.00000009999999500000033", NumericMath.ln(n("1.0000001")).toPlainString());
        assertEquals("230.25850929940457", NumericMath.ln(n("1e100")).toPlainString());
        assertEquals("-59.16473312274691634089642808234295740827222614711974",
                NumericMath.log(n("7"), n("1e-50")).toPlainString());
    }

    @Test
    void powerScales() {
        assertEquals("1.4142135623730950", NumericMath.power(n("2"), n("0.5")).toPlainString());
        assertEquals("36768468716.9330215400969996", NumericMath.power(n("1.5"), n("60")).toPlainString());
        assertEquals("0.0000000000000000", NumericMath.power(n("0.5"), n("100")).toPlainString());
        assertEquals("1.262155156777930193", NumericMath.power(n("1.123456789012345678"), n("2")).toPlainString());
        assertEquals("56250438648419.900", NumericMath.power(n("0.9"), n("-300.5")).toPlainString());
        assertEquals("-8.0000000000000000", NumericMath.power(n("-2"), n("3")).toPlainString());
        assertEquals("2201F", assertThrows(DbException.class, () -> NumericMath.power(n("0"), n("-1"))).sqlState());
        assertEquals("2201F", assertThrows(DbException.class, () -> NumericMath.power(n("-8"), n("0.5"))).sqlState());
        assertEquals("22003", assertThrows(DbException.class, () -> NumericMath.power(n("10"), n("200000"))).sqlState());
    }

    @Test
    void roundingHalfAwayFromZero() {
        assertEquals("3", MathFunctions.round(n("2.5"), 0, RoundingMode.HALF_UP).toPlainString());
        assertEquals("-3", MathFunctions.round(n("-2.5"), 0, RoundingMode.HALF_UP).toPlainString());
        assertEquals("120", MathFunctions.round(n("123.456"), -1, RoundingMode.HALF_UP).toPlainString());
        assertEquals("-1.5", MathFunctions.round(n("-1.55"), 1, RoundingMode.DOWN).toPlainString());
        assertEquals("-3", MathFunctions.div(n("-7"), n("2")).toPlainString());
    }

    @Test
    void seededRandomRepeats() {
        SessionRandom.setseed(-42, 0.25);
        double first = SessionRandom.random(-42);
        SessionRandom.setseed(-42, 0.25);
        assertEquals(first, SessionRandom.random(-42));
    }
}
