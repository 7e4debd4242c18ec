package org.rustydb.execution.internal.exec;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * Values as a hash key where SQL equality decides, not Java's: numerics equal in value hash alike
 * whatever their scale, and -0.0 is 0.0. NULLs are equal to each other here (GROUP BY, DISTINCT);
 * joins skip keys with NULLs before they get here.
 *
 * <p>Integral values (smallint, integer, bigint) hash and compare by their long value without
 * being converted: one key is built per input row, so boxing them again would cost more than the
 * lookup itself. The given array is kept as is unless a value needs normalizing (then a copy is).
 */
final class HashKey {
    private Object[] values;
    private int hash;

    HashKey(Object[] values) {
        set(values);
    }

    /**
     * A key to look groups up with, refilled per row by {@link #set} so a row costs no key
     * allocation: it must never be stored in a map (a new group gets a key of its own).
     */
    static HashKey probe() {
        return new HashKey(new Object[0]);
    }

    /** Makes this key hold {@code values} (kept as is unless one needs normalizing). */
    HashKey set(Object[] values) {
        this.values = normalizedValues(values);
        this.hash = hashValues(this.values);
        return this;
    }

    /**
     * Values made ready for {@link #hashValues} and {@link #sameValues}: the array itself unless a
     * value needs normalizing (then a copy).
     */
    static Object[] normalizedValues(Object[] values) {
        Object[] kept = values;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            Object n = normalized(v);
            if (n != v) {
                if (kept == values) {
                    kept = values.clone();
                }
                kept[i] = n;
            }
        }
        return kept;
    }

    /** The hash of normalized values: equal under SQL equality, equal hash. */
    static int hashValues(Object[] normalized) {
        int h = 1;
        for (Object v : normalized) {
            h = 31 * h + hashOf(v);
        }
        return h;
    }

    /** Whether two arrays of normalized values of the same length are equal, NULLs equal to each other. */
    static boolean sameValues(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!same(a[i], b[i])) {
                return false;
            }
        }
        return true;
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
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof String) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Double d && d == 0.0) {
            return 0.0;
        }
        if (v instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return v;
    }

    private static boolean integral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short;
    }

    private static int hashOf(Object v) {
        if (v == null) {
            return 0;
        }
        if (integral(v)) {
            return Long.hashCode(((Number) v).longValue());
        }
        if (v instanceof byte[] b) {
            return Arrays.hashCode(b);
        }
        return v.hashCode();
    }

    private static boolean same(Object x, Object y) {
        if (x == y) {
            return true;
        }
        if (x == null || y == null) {
            return false;
        }
        if (x instanceof Integer a && y instanceof Integer b) {
            return a.intValue() == b.intValue();
        }
        if (integral(x) && integral(y)) {
            return ((Number) x).longValue() == ((Number) y).longValue();
        }
        return Objects.deepEquals(x, y);
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
        return o instanceof HashKey k && hash == k.hash && values.length == k.values.length
                && sameValues(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
