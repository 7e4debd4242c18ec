package org.rustydb.storage.memory.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An entry of a sorted index: the key values of one row and its id, or a probe that marks a
 * position between entries for a range bound. Order: key column by column, NULLs last, then row
 * id, so entries with equal keys stay distinct. A probe has a key prefix (possibly shorter than
 * the key) and sorts just before ({@code bias} -1) or just after (+1) every entry sharing that
 * prefix; it never equals an entry.
 *
 * <p>Values of one column are all of the column's Java class: Short, Integer and Long compare
 * numerically, Boolean false before true, and String by Unicode code points: PostgreSQL's C
 * collation (UTF-8 byte order). {@link String#compareTo} would not do, as it orders UTF-16 units
 * and so puts supplementary characters before U+E000..U+FFFF.
 */
final class IndexEntry {
    static final Comparator<IndexEntry> ORDER = IndexEntry::compare;

    private final Object[] key;
    private final long rowId;
    private final int bias;

    private IndexEntry(Object[] key, long rowId, int bias) {
        this.key = key;
        this.rowId = rowId;
        this.bias = bias;
    }

    /** The entry of row {@code rowId}: its key column values taken from {@code row}. */
    static IndexEntry of(List<Integer> columns, long rowId, Object[] row) {
        Object[] key = new Object[columns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[columns.get(i)];
        }
        return new IndexEntry(key, rowId, 0);
    }

    /** A position just before (bias -1) or just after (+1) every key starting with {@code prefix}. */
    static IndexEntry probe(List<Object> prefix, int bias) {
        return new IndexEntry(prefix.toArray(), 0, bias);
    }

    long rowId() {
        return rowId;
    }

    /** True when a key column of the first {@code count} is NULL. */
    boolean hasNullIn(int count) {
        for (int i = 0; i < count; i++) {
            if (key[i] == null) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code row} still has this entry's key values in {@code columns}. */
    boolean matches(List<Integer> columns, Object[] row) {
        for (int i = 0; i < key.length; i++) {
            Object value = row[columns.get(i)];
            if (value == null ? key[i] != null : key[i] == null || compareValues(value, key[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when the keys are equal and have no NULL: what a unique index forbids twice. */
    boolean sameNonNullKey(IndexEntry other) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == null || other.key[i] == null || compareValues(key[i], other.key[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int compare(IndexEntry a, IndexEntry b) {
        int common = Math.min(a.key.length, b.key.length);
        for (int i = 0; i < common; i++) {
            int c = compareValues(a.key[i], b.key[i]);
            if (c != 0) {
                return c;
            }
        }
        if (a.bias != b.bias) {
            return Integer.compare(a.bias, b.bias);
        }
        if (a.bias != 0) {
            // two probes on the same side: the shorter prefix reaches further out
            if (a.key.length == b.key.length) {
                return 0;
            }
            return a.key.length < b.key.length ? a.bias : -a.bias;
        }
        return Long.compare(a.rowId, b.rowId);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String s) {
            return compareCodePoints(s, (String) b);
        }
        return ((Comparable) a).compareTo(b);
    }

    /**
     * Compares by Unicode code points, as UTF-8 bytes compare; a string sorts after its prefixes.
     * Surrogates (U+D800..U+DFFF) are moved above U+E000..U+FFFF unit by unit, which orders
     * well-formed strings by code point and stays a total order even with lone surrogates.
     */
    static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x == y) {
                continue;
            }
            if (x < Character.MIN_SURROGATE && y < Character.MIN_SURROGATE) {
                return x - y;
            }
            return codePointRank(x) - codePointRank(y);
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char c) {
        if (c < Character.MIN_SURROGATE) {
            return c;
        }
        return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
    }

    @Override
    public String toString() {
        return Arrays.toString(key) + "#" + rowId + (bias == 0 ? "" : bias < 0 ? "-" : "+");
    }
}
