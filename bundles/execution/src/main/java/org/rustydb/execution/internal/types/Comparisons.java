package org.rustydb.execution.internal.types;

/**
 * Orders non-null values of the supported types: integers numerically (across widths), strings
 * by code point (the order of the C collation on UTF-8), booleans false before true.
 */
public final class Comparisons {
    private Comparisons() {
    }

    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getSimpleName() + " with "
                + b.getClass().getSimpleName());
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
