package org.rustydb.execution.internal.exec;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Values as a hash key where SQL equality decides, not Java's: numerics equal in value hash alike
 * whatever their scale, and -0.0 is 0.0. NULLs are equal to each other here (GROUP BY, DISTINCT);
 * joins skip keys with NULLs before they get here.
 */
final class HashKey {
    private final Object[] values;
    private final int hash;

    HashKey(Object[] values) {
        this.values = values;
        for (int i = 0; i < values.length; i++) {
            values[i] = normalized(values[i]);
        }
        this.hash = Arrays.hashCode(values);
    }

    /** The values of some columns of a row. */
    static HashKey of(Object[] row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            v[i] = row[columns[i]];
        }
        return new HashKey(v);
    }

    private static Object normalized(Object v) {
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Double d && d == 0.0) {
            return 0.0;
        }
        if (v instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        if (v instanceof Short s) {
            return (long) s;
        }
        if (v instanceof Integer i) {
            return (long) i;
        }
        return v;
    }

    boolean hasNull() {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashKey k && hash == k.hash && Arrays.deepEquals(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
