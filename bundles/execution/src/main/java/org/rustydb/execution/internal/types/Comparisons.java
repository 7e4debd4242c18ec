package org.rustydb.execution.internal.types;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Orders non-null values of the supported types: numbers numerically (across classes, as double
 * when either is a float), strings by code point (the order of the C collation on UTF-8), booleans
 * false before true, bytea and uuid by unsigned bytes, arrays element by element (NULL elements
 * last), date/time values and intervals by their natural order.
 */
public final class Comparisons {
    private Comparisons() {
    }

    public static int compare(Object a, Object b) {
        // the common same-type cases first: sorts and joins call this per row pair
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return NumericValues.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return compareLists(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable<?>) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            int c = ((Comparable) a).compareTo(b);
            return c;
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getSimpleName() + " with "
                + b.getClass().getSimpleName());
    }

    private static int compareLists(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1;
                }
                continue;
            }
            int c = compare(x, y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Code point order, which differs from String.compareTo for supplementary characters. */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fixup(x) - fixup(y);
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units order like code points. */
    private static int fixup(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }

    /** SQL equality of non-null values of comparable types. */
    public static boolean equal(Object a, Object b) {
        return compare(a, b) == 0;
    }
}
