package org.rustydb.execution.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class KeyTableTest {
    private static int find(KeyTable t, Object... values) {
        Object[] n = KeyTable.normalized(values);
        return t.find(n, KeyTable.hash(n));
    }

    private static int add(KeyTable t, Object... values) {
        Object[] n = KeyTable.normalized(values);
        return t.add(n, KeyTable.hash(n));
    }

    @Test
    void numbersKeysInOrderAndFindsThemAgainAfterGrowing() {
        KeyTable t = new KeyTable();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(-1, find(t, i * 64)); // strided values must still spread over the slots
            assertEquals(i, add(t, i * 64));
        }
        assertEquals(10_000, t.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, find(t, i * 64));
            assertEquals(i * 64, t.key(i)[0]);
        }
        assertEquals(-1, find(t, 1));
    }

    @Test
    void integralValuesOfDifferentWidthsAreOneKey() {
        KeyTable t = new KeyTable();
        int id = add(t, 7);
        assertEquals(id, find(t, 7L));
        assertEquals(id, find(t, (short) 7));
        assertEquals(-1, find(t, new BigDecimal("7.5")));
    }

    @Test
    void comparesAsSqlEqualityDoes() {
        KeyTable t = new KeyTable();
        int decimal = add(t, new BigDecimal("1.50"), "x");
        int zero = add(t, -0.0);
        int nulls = add(t, null, null);
        assertEquals(decimal, find(t, new BigDecimal("1.5"), "x"));
        assertEquals(-1, find(t, new BigDecimal("1.5"), "y"));
        assertEquals(zero, find(t, 0.0));
        assertEquals(nulls, find(t, null, null));
        assertEquals(-1, find(t, null, 1));
    }

    @Test
    void theEmptyKeyIsOneKey() {
        KeyTable t = new KeyTable();
        assertEquals(-1, find(t));
        assertEquals(0, add(t));
        assertEquals(0, find(t));
    }
}
