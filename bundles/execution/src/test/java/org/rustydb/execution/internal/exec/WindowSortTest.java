package org.rustydb.execution.internal.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.types.Comparisons;

/**
 * The window sort orders rows as the general comparator does (ties in input order) and finds the
 * same partition and peer starts, whichever of its three ways it takes: packed keys, the integral
 * merge sort (key ranges too wide to pack) or the general comparator (keys that are not integral).
 */
class WindowSortTest {

    /** The order Sort's comparator gives, ties in input order. */
    private static int[] referenceOrder(Object[][] rows, List<SortKey> keys) {
        Comparator<Object[]> c = Sort.comparator(keys);
        Integer[] boxed = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> c.compare(rows[a], rows[b]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static byte[] referenceBounds(Object[][] rows, int[] order, int partitionWidth) {
        byte[] bounds = new byte[order.length];
        for (int s = 0; s < order.length; s++) {
            if (s == 0 || !same(rows[order[s - 1]], rows[order[s]], 0, partitionWidth)) {
                bounds[s] = WindowSort.NEW_PARTITION | WindowSort.NEW_PEER;
            } else if (!same(rows[order[s - 1]], rows[order[s]], partitionWidth, rows[0].length)) {
                bounds[s] = WindowSort.NEW_PEER;
            }
        }
        return bounds;
    }

    private static boolean same(Object[] a, Object[] b, int from, int to) {
        for (int j = from; j < to; j++) {
            if (a[j] == null || b[j] == null ? a[j] != b[j] : Comparisons.compare(a[j], b[j]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void check(Object[][] rows, int partitionWidth, List<SortKey> keys, String what) {
        int width = keys.size();
        WindowKeys[] columns = new WindowKeys[width];
        for (int j = 0; j < width; j++) {
            columns[j] = new WindowKeys();
            for (Object[] row : rows) {
                columns[j].add(row[j]);
            }
        }
        WindowSort sorted = WindowSort.of(columns, rows.length, partitionWidth, keys);
        int[] expected = referenceOrder(rows, keys);
        assertArrayEquals(expected, sorted.order, what);
        assertArrayEquals(referenceBounds(rows, expected, partitionWidth), sorted.bounds, what);
    }

    /** Random rows of 1 to 3 keys; {@code large}: some rounds large enough for the radix sort. */
    private static void randomRounds(IntFunction<Object> value, String what, boolean large) {
        Random random = new Random(42);
        for (int round = 0; round < 100; round++) {
            int n = large && round % 10 == 0 ? 4096 + random.nextInt(8000) : random.nextInt(1000);
            int width = 1 + random.nextInt(3);
            int partitionWidth = random.nextInt(width + 1);
            Object[][] rows = new Object[n][width];
            for (Object[] row : rows) {
                for (int j = 0; j < width; j++) {
                    row[j] = random.nextInt(8) == 0 ? null : value.apply(random.nextInt(j == 0 ? 5 : 40));
                }
            }
            List<SortKey> keys = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                keys.add(j < partitionWidth ? new SortKey(j, false, false)
                        : new SortKey(j, random.nextBoolean(), random.nextBoolean()));
            }
            check(rows, partitionWidth, keys, what + " round " + round);
        }
    }

    @Test
    void packedKeysOfMixedIntegralTypes() {
        randomRounds(x -> x % 3 == 0 ? (Object) (long) (x - 20) : x % 3 == 1 ? (Object) (short) x : (Object) x,
                "packed", true);
    }

    @Test
    void keysTooWideToPackTakeTheIntegralSort() {
        randomRounds(x -> x % 2 == 0 ? Long.MAX_VALUE - x : (Object) (Long.MIN_VALUE / 2 + x), "integral", false);
    }

    @Test
    void otherKeysTakeTheGeneralSort() {
        randomRounds(x -> x % 4 == 0 ? null : BigDecimal.valueOf(x, 1), "decimal", false);
        randomRounds(x -> "s" + (char) ('a' + x), "text", false);
    }

    @Test
    void radixSortOrdersLikeArraysSort() {
        Random random = new Random(7);
        for (int keyBits : new int[] {1, 9, 11, 12, 27, 40, 63 - 15}) {
            int n = 5000 + random.nextInt(20000);
            int positionBits = 64 - Long.numberOfLeadingZeros(n - 1);
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                long key = keyBits == 1 ? random.nextInt(2) : random.nextLong() >>> (64 - keyBits);
                packed[i] = key << positionBits | i;
            }
            long[] expected = packed.clone();
            Arrays.sort(expected);
            WindowSort.sortByKeyBits(packed, positionBits, positionBits + keyBits);
            assertArrayEquals(expected, packed, keyBits + " key bits");
        }
    }

    @Test
    void extremesDoNotOverflow() {
        Object[][] rows = {{Long.MAX_VALUE}, {Long.MIN_VALUE}, {0L}, {Integer.MIN_VALUE}, {-1}, {null}};
        check(rows, 0, List.of(new SortKey(0, false, false)), "ascending");
        check(rows, 0, List.of(new SortKey(0, true, true)), "descending");
        check(rows, 1, List.of(new SortKey(0, false, false)), "partitions");
        Object[][] narrow = {{Long.MAX_VALUE}, {Long.MAX_VALUE - 3}, {null}, {Long.MAX_VALUE - 1}};
        check(narrow, 0, List.of(new SortKey(0, true, false)), "near the top");
        Object[][] low = {{Long.MIN_VALUE + 2}, {Long.MIN_VALUE}, {null}, {Long.MIN_VALUE + 1}};
        check(low, 0, List.of(new SortKey(0, false, true)), "near the bottom");
    }

    @Test
    void integralKeysThenOtherValuesInOneColumn() {
        Object[][] rows = {{null, 3}, {2, 1}, {null, 2}, {new BigDecimal("1.5"), 1}, {2, 0}};
        check(rows, 1, List.of(new SortKey(0, false, false), new SortKey(1, true, false)), "switch");
    }

    @Test
    void noRowsAndNoKeys() {
        check(new Object[0][1], 1, List.of(new SortKey(0, false, false)), "empty");
        WindowSort sorted = WindowSort.of(new WindowKeys[0], 3, 0, List.of());
        assertArrayEquals(new int[] {0, 1, 2}, sorted.order);
        assertArrayEquals(new byte[] {WindowSort.NEW_PARTITION | WindowSort.NEW_PEER, 0, 0}, sorted.bounds);
    }
}
