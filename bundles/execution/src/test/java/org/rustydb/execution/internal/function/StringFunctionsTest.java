package org.rustydb.execution.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class StringFunctionsTest {

    @Test
    void splitPartCountsFromTheEndForNegativeFields() {
        assertEquals("c", StringFunctions.splitPart("a,b,c", ",", -1));
        assertEquals("a", StringFunctions.splitPart("a,b,c", ",", -3));
        assertEquals("", StringFunctions.splitPart("a,b,c", ",", -4));
        assertEquals("", StringFunctions.splitPart("a,b,c", ",", 4));
        assertEquals("abc", StringFunctions.splitPart("abc", "", -1));
        assertEquals("", StringFunctions.splitPart("", ",", 1));
        assertEquals("22023", assertThrows(DbException.class, () -> StringFunctions.splitPart("a", ",", 0)).sqlState());
    }

    @Test
    void charactersNotUtf16Units() {
        assertEquals("😀b", StringFunctions.right("a😀b", 2));
        assertEquals("a😀", StringFunctions.left("a😀b", -1));
        assertEquals("b😀a", StringFunctions.reverse("a😀b"));
        assertEquals(3, StringFunctions.strpos("a😀b", "b"));
        assertEquals("😀😀a", StringFunctions.pad("a", 3, "😀", true));
        assertEquals("a", StringFunctions.trim("😀a😀", "😀", true, true));
        assertEquals("xb", StringFunctions.translate("😀b", "😀", "x"));
        assertEquals(4, TextFunctions.octets("😀"));
    }

    @Test
    void padsAndOverlay() {
        assertEquals("xyxhi", StringFunctions.pad("hi", 5, "xy", true));
        assertEquals("hel", StringFunctions.pad("hello", 3, " ", false));
        assertEquals("abc", StringFunctions.pad("abc", 5, "", true));
        assertEquals("", StringFunctions.pad("abc", -1, " ", true));
        assertEquals("Thomas", StringFunctions.overlay("Txxxxas", "hom", 2, 4));
        assertEquals("Xabc", StringFunctions.overlay("abc", "X", 1, -1));
        assertEquals("22011", assertThrows(DbException.class, () -> StringFunctions.overlay("a", "b", 0, 1)).sqlState());
        assertEquals("54000", assertThrows(DbException.class,
                () -> StringFunctions.repeat("abcd", Integer.MAX_VALUE)).sqlState());
    }

    @Test
    void quoteLiteralAndInitcap() {
        assertEquals("'a''b'", TextFunctions.quoteLiteral("a'b"));
        assertEquals("E'a\\\\b'", TextFunctions.quoteLiteral("a\\b"));
        assertEquals("Hello World Foo_Bar A1b 3d", StringFunctions.initcap("hello wORLD foo_bar a1b 3d"));
    }

    @Test
    void integerFunctionsCheckRange() {
        assertEquals(-1, MathFunctions.mod(-7, 3, org.rustydb.api.SqlType.INTEGER));
        assertEquals(0L, MathFunctions.mod(Long.MIN_VALUE, -1, org.rustydb.api.SqlType.BIGINT));
        assertEquals(3, MathFunctions.widthBucket(dec(5), dec(0), dec(10), 5));
        assertEquals(3, MathFunctions.widthBucket(dec(5), dec(10), dec(0), 5));
        assertEquals(6, MathFunctions.widthBucket(dec(10), dec(0), dec(10), 5));
        assertEquals(2, MathFunctions.widthBucket(dec(Long.MAX_VALUE - 1), dec(Long.MIN_VALUE), dec(Long.MAX_VALUE), 2));
        assertEquals(3, FloatMath.widthBucket(5, 0, 10, 5));
        assertEquals(1, FloatMath.widthBucket(0, 0, 10, 5));
    }

    private static java.math.BigDecimal dec(long v) {
        return java.math.BigDecimal.valueOf(v);
    }
}
