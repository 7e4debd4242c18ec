package org.rustydb.execution.internal.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;

class CastsTest {

    @Test
    void parsesIntegersLikePostgres() {
        assertEquals(12, Casts.parseInteger(" +12 ", SqlType.INTEGER));
        assertEquals(-2147483648, Casts.parseInteger("-2147483648", SqlType.INTEGER));
        assertEquals(Long.MIN_VALUE, Casts.parseInteger("-9223372036854775808", SqlType.BIGINT));
        assertEquals((short) -5, Casts.parseInteger("-5", SqlType.SMALLINT));
        for (String bad : List.of("", " ", "1.5", "1e3", "abc", "--1", "1 2", "0x10")) {
            DbException e = assertThrows(DbException.class, () -> Casts.parseInteger(bad, SqlType.INTEGER), bad);
            assertEquals("22P02", e.sqlState());
            assertEquals("invalid input syntax for type integer: \"" + bad + "\"", e.getMessage());
        }
        DbException e = assertThrows(DbException.class, () -> Casts.parseInteger("2147483648", SqlType.INTEGER));
        assertEquals("22003", e.sqlState());
        assertEquals("value \"2147483648\" is out of range for type integer", e.getMessage());
        e = assertThrows(DbException.class, () -> Casts.parseInteger("99999999999999999999", SqlType.BIGINT));
        assertEquals("value \"99999999999999999999\" is out of range for type bigint", e.getMessage());
    }

    @Test
    void parsesBooleansLikePostgres() {
        for (String t : List.of("t", "TRUE", "tr", "y", "yes", "on", "1", " true ")) {
            assertEquals(Boolean.TRUE, Casts.parseBoolean(t), t);
        }
        for (String f : List.of("f", "false", "n", "no", "off", "0")) {
            assertEquals(Boolean.FALSE, Casts.parseBoolean(f), f);
        }
        for (String bad : List.of("", "o", "of", "2", "yess", "truex")) {
            assertEquals("22P02", assertThrows(DbException.class, () -> Casts.parseBoolean(bad)).sqlState(), bad);
        }
    }

    @Test
    void varcharLengthChecksOnAssignmentAndTruncatesOnExplicitCast() {
        assertEquals("abc", Casts.applyLength("abc", 3, false));
        assertEquals("ab", Casts.applyLength("ab   ", 2, false));
        assertEquals("ab", Casts.applyLength("abcd", 2, true));
        assertEquals("😀x", Casts.applyLength("😀xyz", 2, true), "counts characters, not UTF-16 units");
        DbException e = assertThrows(DbException.class, () -> Casts.applyLength("abcd", 3, false));
        assertEquals("22001", e.sqlState());
        assertEquals("value too long for type character varying(3)", e.getMessage());
    }

    @Test
    void castContexts() {
        assertTrue(Casts.canCast(SqlType.SMALLINT, SqlType.BIGINT, Casts.Context.IMPLICIT));
        assertFalse(Casts.canCast(SqlType.BIGINT, SqlType.INTEGER, Casts.Context.IMPLICIT));
        assertTrue(Casts.canCast(SqlType.BIGINT, SqlType.INTEGER, Casts.Context.ASSIGNMENT));
        assertTrue(Casts.canCast(SqlType.INTEGER, SqlType.TEXT, Casts.Context.ASSIGNMENT));
        assertFalse(Casts.canCast(SqlType.INTEGER, SqlType.TEXT, Casts.Context.IMPLICIT));
        assertFalse(Casts.canCast(SqlType.TEXT, SqlType.INTEGER, Casts.Context.ASSIGNMENT));
        assertTrue(Casts.canCast(SqlType.TEXT, SqlType.INTEGER, Casts.Context.EXPLICIT));
        assertTrue(Casts.canCast(SqlType.INTEGER, SqlType.BOOLEAN, Casts.Context.EXPLICIT));
        assertFalse(Casts.canCast(SqlType.BIGINT, SqlType.BOOLEAN, Casts.Context.EXPLICIT));
        assertFalse(Casts.canCast(SqlType.INTEGER, SqlType.BOOLEAN, Casts.Context.ASSIGNMENT));
    }

    @Test
    void integerConversionsCheckRange() {
        assertEquals((short) 300, Casts.convert(300L, SqlType.BIGINT, DataType.SMALLINT, false));
        assertEquals("integer out of range",
                assertThrows(DbException.class, () -> Casts.convert(1L << 40, SqlType.BIGINT, DataType.INTEGER, true))
                        .getMessage());
        assertEquals("true", Casts.convert(true, SqlType.BOOLEAN, DataType.TEXT, true));
    }

    @Test
    void stringsOrderByCodePoint() {
        assertTrue(Comparisons.compare("B", "a") < 0);
        assertTrue(Comparisons.compare("a", "ab") < 0);
        // U+FFFD is below U+1F600 as a code point but above its surrogates as UTF-16
        assertTrue(Comparisons.compare("\uFFFD", "😀") < 0);
        assertTrue(Comparisons.compare(1L, (short) 2) < 0);
        assertTrue(Comparisons.compare(false, true) < 0);
    }

    @Test
    void resolvesTypeNames() {
        assertEquals(new DataType(SqlType.VARCHAR, 10), TypeNames.resolve("Character  Varying", List.of("10"), false, 0));
        assertEquals(DataType.INTEGER, TypeNames.resolve("pg_catalog.int4", List.of(), false, 0));
        assertEquals(DataType.numeric(10, 2), TypeNames.resolve("decimal", List.of("10", "2"), false, 0));
        assertEquals("0A000", assertThrows(DbException.class,
                () -> TypeNames.resolve("money", List.of(), false, 0)).sqlState());
        assertEquals(new DataType(SqlType.INTEGER_ARRAY, -1), TypeNames.resolve("int", List.of(), true, 7));
        DbException e = assertThrows(DbException.class, () -> TypeNames.resolve("json", List.of(), true, 7));
        assertEquals("type json[] is not supported yet", e.getMessage());
        e = assertThrows(DbException.class, () -> TypeNames.resolve("Foo", List.of(), false, 7));
        assertEquals("type \"foo\" does not exist", e.getMessage());
        assertEquals(7, e.position());
    }
}
