package org.rustydb.execution.internal.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

class BuiltinFunctionsTest {

    @Test
    void substringFollowsPostgres() {
        assertEquals("ell", BuiltinFunctions.substring("hello", 2, 3));
        assertEquals("he", BuiltinFunctions.substring("hello", 0, 3));
        assertEquals("", BuiltinFunctions.substring("hello", -5, 5));
        assertEquals("h", BuiltinFunctions.substring("hello", -5, 7));
        assertEquals("", BuiltinFunctions.substring("hello", 9, 2));
        assertEquals("llo", BuiltinFunctions.substring("hello", 3, Integer.MAX_VALUE));
        assertEquals("😀b", BuiltinFunctions.substring("a😀b", 2, null));
        assertEquals("22011", assertThrows(DbException.class, () -> BuiltinFunctions.substring("x", 1, -1)).sqlState());
    }

    @Test
    void absChecksRange() {
        assertEquals((short) 5, BuiltinFunctions.abs(-5, SqlType.SMALLINT));
        assertEquals("smallint out of range",
                assertThrows(DbException.class, () -> BuiltinFunctions.abs(-32768, SqlType.SMALLINT)).getMessage());
        assertEquals("bigint out of range",
                assertThrows(DbException.class, () -> BuiltinFunctions.abs(Long.MIN_VALUE, SqlType.BIGINT)).getMessage());
    }

    @Test
    void everyBuiltinReturnsItsDeclaredTypeOrFailsWithSqlState() {
        List<SqlFunction> all = BuiltinFunctions.all();
        assertTrue(all.size() >= 80, all.size() + " functions");
        for (SqlFunction f : all) {
            // array_to_string(array, delimiter, null_string) reads a NULL null_string as absent, as PostgreSQL does
            boolean nonStrict = f.name().equals("quote_nullable")
                    || f.name().equals("array_to_string") && f.parameterTypes().size() == 3;
            assertEquals(!nonStrict, f.isStrict(), f.toString());
            Object[] args = f.parameterTypes().stream().map(BuiltinFunctionsTest::sample).toArray();
            try {
                Object result = f.invoke(args);
                assertTrue(result == null || f.returnType().javaClass().isInstance(result), f + " returned " + result);
            } catch (DbException e) {
                // bad input for this function (e.g. "Hello" as regular expression flags), reported as SQL errors
                // or a feature not supported yet (e.g. the to_char pattern L in "Hello")
                assertTrue(e.sqlState().startsWith("22") || e.sqlState().equals("0A000"),
                        f + " failed with " + e.sqlState());
            }
        }
    }

    private static Object sample(SqlType t) {
        return switch (t) {
            case TEXT -> "Hello";
            case SMALLINT -> (short) 2;
            case INTEGER -> 2;
            case BOOLEAN -> true;
            case NUMERIC -> new java.math.BigDecimal("2.5");
            case DOUBLE -> 2.5;
            case REAL -> 2.5f;
            case DATE -> java.time.LocalDate.of(2024, 2, 29);
            case TIME -> java.time.LocalTime.of(10, 11, 12);
            case TIMESTAMP -> java.time.LocalDateTime.of(2024, 2, 29, 10, 11, 12);
            case TIMESTAMPTZ -> java.time.Instant.parse("2024-02-29T10:11:12Z");
            case INTERVAL -> new org.rustydb.api.Interval(14, 3, 3_600_000_000L);
            case UUID -> java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            case BIGINT -> 2L;
            default -> t.isArray() ? java.util.Arrays.asList(sample(t.elementType()), null) : 2L;
        };
    }
}
