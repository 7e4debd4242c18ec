package org.rustydb.example.functions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

class ExampleFunctionsTest {

    @Test
    void reverseKeepsSurrogatePairsTogether() {
        SqlFunction f = new ExampleReverse();
        assertEquals("olleh", f.invoke(new Object[] {"hello"}));
        assertEquals("", f.invoke(new Object[] {""}));
        assertEquals("b\uD83D\uDE00a", f.invoke(new Object[] {"a\uD83D\uDE00b"}));
        assertEquals("éü", f.invoke(new Object[] {"üé"}));
    }

    @Test
    void addReturnsTheSum() {
        SqlFunction f = new ExampleAdd();
        assertEquals(5, f.invoke(new Object[] {2, 3}));
        assertEquals(Integer.MAX_VALUE, f.invoke(new Object[] {Integer.MAX_VALUE - 1, 1}));
        assertEquals(Integer.MIN_VALUE, f.invoke(new Object[] {-1, Integer.MIN_VALUE + 1}));
    }

    @Test
    void addOverflowIs22003() {
        SqlFunction f = new ExampleAdd();
        DbException up = assertThrows(DbException.class, () -> f.invoke(new Object[] {Integer.MAX_VALUE, 1}));
        assertEquals("22003", up.sqlState());
        assertEquals("integer out of range", up.getMessage());
        DbException down = assertThrows(DbException.class, () -> f.invoke(new Object[] {Integer.MIN_VALUE, -1}));
        assertEquals("22003", down.sqlState());
    }

    @Test
    void greetGreets() {
        assertEquals("Hello, world!", new ExampleGreet().invoke(new Object[] {"world"}));
    }

    @Test
    void signaturesAreStrictAndDistinctFromPostgresBuiltIns() {
        assertSignature(new ExampleReverse(), "example_reverse", List.of(SqlType.TEXT), SqlType.TEXT);
        assertSignature(new ExampleAdd(), "example_add", List.of(SqlType.INTEGER, SqlType.INTEGER), SqlType.INTEGER);
        assertSignature(new ExampleGreet(), "example_greet", List.of(SqlType.TEXT), SqlType.TEXT);
    }

    private static void assertSignature(SqlFunction f, String name, List<SqlType> parameters, SqlType result) {
        assertEquals(name, f.name());
        assertEquals(parameters, f.parameterTypes());
        assertEquals(result, f.returnType());
        assertTrue(f.isStrict(), "NULL in, NULL out without a call");
    }
}
