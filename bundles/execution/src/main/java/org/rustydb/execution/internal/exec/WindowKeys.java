package org.rustydb.execution.internal.exec;

import java.util.Arrays;

/**
 * One key column of a window call (a PARTITION BY or ORDER BY value per input row), growing as
 * rows are read. Integral values (smallint, integer, bigint) are kept unboxed in a {@code long[]}
 * with the NULLs aside, so that a million keys are three arrays rather than a million boxes the
 * collector copies while the operator holds them; the first value of another type turns the
 * column into plain objects for the general sort.
 */
final class WindowKeys {
    private long[] longs = new long[1024];
    /** Which rows are NULL, while integral; null until the first NULL. */
    private boolean[] nulls;
    /** The values, once some value was not integral; then {@link #longs} is dropped. */
    private Object[] objects;
    private int size;

    void add(Object value) {
        if (objects != null) {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, size * 2);
            }
            objects[size++] = value;
            return;
        }
        long x;
        if (value instanceof Integer v) {
            x = v;
        } else if (value instanceof Long v) {
            x = v;
        } else if (value instanceof Short v) {
            x = v;
        } else if (value == null) {
            if (nulls == null) {
                nulls = new boolean[longs.length];
            }
            x = 0;
        } else {
            objects = objects();
            longs = null;
            nulls = null;
            add(value);
            return;
        }
        if (size == longs.length) {
            longs = Arrays.copyOf(longs, size * 2);
            if (nulls != null) {
                nulls = Arrays.copyOf(nulls, size * 2);
            }
        }
        if (value == null) {
            nulls[size] = true;
        }
        longs[size++] = x;
    }

    /** Whether every value is integral or NULL: then {@link #longs()} and {@link #nulls()} hold them. */
    boolean integral() {
        return objects == null;
    }

    long[] longs() {
        return longs;
    }

    /** Which rows are NULL, or null when none is. */
    boolean[] nulls() {
        return nulls;
    }

    /**
     * The values as objects (integral ones boxed as bigint: keys are only compared, and numbers
     * compare by value whatever their type).
     */
    Object[] objects() {
        if (objects != null) {
            return objects;
        }
        Object[] boxed = new Object[Math.max(longs.length, 1)];
        for (int i = 0; i < size; i++) {
            boxed[i] = nulls != null && nulls[i] ? null : (Object) longs[i];
        }
        return boxed;
    }
}
