package org.rustydb.execution.internal.exec;

import java.util.Arrays;
import java.util.List;

import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.types.Comparisons;

/**
 * The rows of one window call in PARTITION BY, ORDER BY order (ties in input order), and where each
 * partition and each peer group (rows with equal ORDER BY values) starts in that order.
 *
 * <p>The key values come column by column (see {@link WindowKeys}), the partition keys first,
 * then the ORDER BY values; sort key j reads column j. When every key is an
 * integral number and the ranges of the keys and of the row positions fit in 63 bits together,
 * each row's keys and position are packed into one {@code long} whose natural order is the wanted
 * order: one primitive sort then replaces a million comparator calls, and partitions and peers
 * are told apart by comparing the packed prefixes of neighbours. Otherwise the keys are sorted as
 * {@link IntegralSort} or {@link Sort#comparator} would sort them.
 */
final class WindowSort {
    /** {@link #bounds} flags: the row starts a partition (always with {@link #NEW_PEER}), a peer group. */
    static final byte NEW_PARTITION = 1;
    static final byte NEW_PEER = 2;

    /** The input row at each sorted position. */
    final int[] order;
    /** Per sorted position, {@link #NEW_PARTITION} and {@link #NEW_PEER} flags. */
    final byte[] bounds;

    private WindowSort(int[] order, byte[] bounds) {
        this.order = order;
        this.bounds = bounds;
    }

    /** Sorts {@code n} rows by {@code keys}, the first {@code partitionWidth} of them being the partition's. */
    static WindowSort of(WindowKeys[] keyColumns, int n, int partitionWidth, List<SortKey> keys) {
        boolean integral = Arrays.stream(keyColumns).allMatch(WindowKeys::integral);
        if (integral) {
            long[][] longs = new long[keyColumns.length][];
            boolean[][] nulls = new boolean[keyColumns.length][];
            for (int j = 0; j < keyColumns.length; j++) {
                longs[j] = keyColumns[j].longs();
                nulls[j] = keyColumns[j].nulls();
            }
            WindowSort packed = packed(longs, nulls, n, partitionWidth, keys);
            if (packed != null) {
                return packed;
            }
            int[] order = IntegralSort.order(longs, nulls, n, keys);
            byte[] bounds = new byte[n];
            for (int s = 0; s < n; s++) {
                if (s == 0 || !equal(longs, nulls, 0, partitionWidth, order[s - 1], order[s])) {
                    bounds[s] = NEW_PARTITION | NEW_PEER;
                } else if (!equal(longs, nulls, partitionWidth, longs.length, order[s - 1], order[s])) {
                    bounds[s] = NEW_PEER;
                }
            }
            return new WindowSort(order, bounds);
        }
        Object[][] columns = new Object[keyColumns.length][];
        for (int j = 0; j < keyColumns.length; j++) {
            columns[j] = keyColumns[j].objects();
        }
        int[] order = general(columns, n, keys);
        byte[] bounds = new byte[n];
        for (int s = 0; s < n; s++) {
            if (s == 0 || !equal(columns, 0, partitionWidth, order[s - 1], order[s])) {
                bounds[s] = NEW_PARTITION | NEW_PEER;
            } else if (!equal(columns, partitionWidth, columns.length, order[s - 1], order[s])) {
                bounds[s] = NEW_PEER;
            }
        }
        return new WindowSort(order, bounds);
    }

    /** Whether rows a and b have equal integral keys in columns [from, to); NULL equals NULL here. */
    private static boolean equal(long[][] columns, boolean[][] nulls, int from, int to, int a, int b) {
        for (int j = from; j < to; j++) {
            boolean[] isNull = nulls[j];
            if (isNull != null && (isNull[a] || isNull[b])) {
                if (isNull[a] != isNull[b]) {
                    return false;
                }
            } else if (columns[j][a] != columns[j][b]) {
                return false;
            }
        }
        return true;
    }

    /** Whether rows a and b have equal keys in columns [from, to); NULL equals NULL here. */
    private static boolean equal(Object[][] columns, int from, int to, int a, int b) {
        for (int j = from; j < to; j++) {
            Object x = columns[j][a];
            Object y = columns[j][b];
            if (x == null || y == null ? x != y : Comparisons.compare(x, y) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] general(Object[][] columns, int n, List<SortKey> keys) {
        SortKey[] k = keys.toArray(new SortKey[0]);
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        // the order of Sort.comparator, over columns; Arrays.sort of objects is stable
        Arrays.sort(boxed, (a, b) -> {
            for (SortKey key : k) {
                Object x = columns[key.column()][a];
                Object y = columns[key.column()][b];
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    return (x == null) == key.nullsFirst() ? -1 : 1;
                }
                int c = Comparisons.compare(x, y);
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return 0;
        });
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** The packed sort, or null when the keys do not fit in 63 bits. */
    private static WindowSort packed(long[][] columns, boolean[][] nulls, int n, int partitionWidth,
                                     List<SortKey> keys) {
        int width = keys.size();
        if (width != columns.length || n == 0) {
            return null;
        }
        long[] min = new long[width];
        long[] max = new long[width];
        boolean[] hasNull = new boolean[width];
        int[] bits = new int[width];
        int positionBits = 64 - Long.numberOfLeadingZeros(n - 1);
        int total = positionBits;
        for (int j = 0; j < width; j++) {
            if (keys.get(j).column() != j) {
                return null;
            }
            range(columns[j], nulls[j], n, j, min, max, hasNull);
            long span;
            if (min[j] > max[j]) { // all NULL
                span = 0;
            } else {
                span = max[j] - min[j];
                if (span < 0 || span == Long.MAX_VALUE) { // the difference overflows
                    return null;
                }
                span += hasNull[j] ? 1 : 0;
            }
            bits[j] = 64 - Long.numberOfLeadingZeros(span);
            total += bits[j];
            if (total > 63) {
                return null;
            }
        }
        long[] packed = new long[n];
        for (int j = 0; j < width; j++) {
            SortKey key = keys.get(j);
            long[] column = columns[j];
            boolean[] isNull = nulls[j];
            // codes 0..span in the key's order; NULL first or last as the key says
            long nullCode = key.nullsFirst() || min[j] > max[j] ? 0 : max[j] - min[j] + 1;
            long shift = hasNull[j] && key.nullsFirst() ? 1 : 0;
            long base = key.descending() ? max[j] + shift : shift - min[j];
            long sign = key.descending() ? -1 : 1;
            int b = bits[j];
            for (int i = 0; i < n; i++) {
                long code = isNull != null && isNull[i] ? nullCode : base + sign * column[i];
                packed[i] = packed[i] << b | code;
            }
        }
        for (int i = 0; i < n; i++) {
            packed[i] = packed[i] << positionBits | i;
        }
        sortByKeyBits(packed, positionBits, total);
        int orderBits = 0;
        for (int j = partitionWidth; j < width; j++) {
            orderBits += bits[j];
        }
        int partitionShift = positionBits + orderBits;
        long positionMask = (1L << positionBits) - 1;
        int[] order = new int[n];
        byte[] bounds = new byte[n];
        long previous = 0;
        for (int s = 0; s < n; s++) {
            long p = packed[s];
            order[s] = (int) (p & positionMask);
            if (s == 0 || (p >>> partitionShift) != (previous >>> partitionShift)) {
                bounds[s] = NEW_PARTITION | NEW_PEER;
            } else if ((p >>> positionBits) != (previous >>> positionBits)) {
                bounds[s] = NEW_PEER;
            }
            previous = p;
        }
        return new WindowSort(order, bounds);
    }

    /**
     * Sorts packed rows by their key bits {@code [from, to)}. The position bits below need no
     * sorting: the rows come in position order and the radix sort is stable (Arrays.sort, used for
     * few rows, compares the positions too, which are distinct).
     */
    static void sortByKeyBits(long[] packed, int from, int to) {
        int n = packed.length;
        int keyBits = to - from;
        if (n < RADIX_MIN_ROWS || keyBits == 0) {
            if (keyBits > 0) {
                Arrays.sort(packed);
            }
            return;
        }
        int passes = (keyBits + RADIX_BITS - 1) / RADIX_BITS;
        int digitBits = (keyBits + passes - 1) / passes;
        int buckets = 1 << digitBits;
        int mask = buckets - 1;
        int[][] counts = new int[passes][buckets];
        for (long p : packed) {
            long key = p >>> from;
            for (int d = 0; d < passes; d++) {
                counts[d][(int) (key >>> (d * digitBits)) & mask]++;
            }
        }
        long[] source = packed;
        long[] target = new long[n];
        for (int d = 0; d < passes; d++) {
            int[] count = counts[d];
            int shift = from + d * digitBits;
            if (count[(int) (source[0] >>> shift) & mask] == n) {
                continue; // every row has the same digit here
            }
            int offset = 0;
            for (int b = 0; b < buckets; b++) {
                int c = count[b];
                count[b] = offset;
                offset += c;
            }
            for (long p : source) {
                target[count[(int) (p >>> shift) & mask]++] = p;
            }
            long[] t = source;
            source = target;
            target = t;
        }
        if (source != packed) {
            System.arraycopy(source, 0, packed, 0, n);
        }
    }

    /** Below this many rows a comparison sort is as fast as the radix sort's passes. */
    private static final int RADIX_MIN_ROWS = 4096;
    /** The most bits a radix digit takes: its counts stay in the first-level cache. */
    private static final int RADIX_BITS = 11;

    /** Fills min, max and hasNull of column j (min > max when every value is NULL). */
    private static void range(long[] column, boolean[] isNull, int n, int j, long[] min, long[] max,
                              boolean[] hasNull) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        boolean nulls = false;
        for (int i = 0; i < n; i++) {
            if (isNull != null && isNull[i]) {
                nulls = true;
                continue;
            }
            lo = Math.min(lo, column[i]);
            hi = Math.max(hi, column[i]);
        }
        min[j] = lo;
        max[j] = hi;
        hasNull[j] = nulls;
    }
}
