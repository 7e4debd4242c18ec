package org.rustydb.execution.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class TextFormatTest {

    private static String format(Object... args) {
        return TextFormat.format(args);
    }

    private static String error(Object... args) {
        return assertThrows(DbException.class, () -> TextFormat.format(args)).getMessage();
    }

    @Test
    void conversions() {
        assertEquals("a \"B c\" 'it''s' NULL %", format("%s %I %L %L %%", "a", "B c", "it's", null));
        assertEquals("t 'true'? no: 't'", format("%s 'true'? no: %L", true, true));
        assertEquals("E'a\\\\b'", format("%L", "a\\b"));
        assertEquals("x", format("x"));
        assertNull(TextFormat.format(new Object[] {null, 1}));
    }

    @Test
    void positionsAndWidths() {
        assertEquals("b a", format("%2$s %1$s", "a", "b"));
        assertEquals("a a b", format("%s %1$s %s", "a", "b"));
        assertEquals("[   ab][ab   ]", format("[%5s][%-5s]", "ab", "ab"));
        assertEquals("[   a][a   ]", format("[%*s][%*s]", 4, "a", -4, "a"));
        assertEquals("[    a]", format("[%1$*2$s]", "a", 5));
        assertEquals("[a]", format("[%*s]", null, "a"));
        assertEquals("[     ][ NULL]", format("[%5s][%5L]", null, null));
        assertEquals("[   7]", format("[%*s]", 4L, 7));
    }

    @Test
    void errorsAsPostgres() {
        assertEquals("too few arguments for format()", error("%s %s", "a"));
        assertEquals("unrecognized format() type specifier \"z\"", error("%z", 1));
        assertEquals("unrecognized format() type specifier \"%\"", error("%-%", 1));
        assertEquals("unterminated format() type specifier", error("abc %", 1));
        assertEquals("unterminated format() type specifier", error("%1$", 1));
        assertEquals("format specifies argument 0, but arguments are numbered from 1", error("%0$s", 1));
        assertEquals("width argument position must be ended by \"$\"", error("%*1s", 1));
        assertEquals("null values cannot be formatted as an SQL identifier", error("%I", (Object) null));
        assertEquals("number is out of range", error("%99999999999s", 1));
        assertEquals("invalid input syntax for type integer: \"x\"", error("%*s", "x", 1));
    }

    @Test
    void concatSkipsNullsAndPrintsBooleansShort() {
        assertEquals("a1t", TextFormat.concat(new Object[] {"a", 1, null, true}));
        assertEquals("a,2,f", TextFormat.concatWs(new Object[] {",", "a", null, 2L, false}));
        assertNull(TextFormat.concatWs(new Object[] {null, "a"}));
    }
}
