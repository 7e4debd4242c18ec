package org.rustydb.execution.internal.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rustydb.execution.internal.plan.SortKey;

class IntegralSortTest {

    /** The order the general comparator gives, ties in input order. */
    private static int[] reference(Object[][] rows, List<SortKey> keys) {
        Comparator<Object[]> c = Sort.comparator(keys);
        Integer[] boxed = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> c.compare(rows[a], rows[b]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void ordersLikeTheGeneralComparatorWithNullsDirectionsAndTies() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(300);
            Object[][] rows = new Object[n][];
            for (int i = 0; i < n; i++) {
                int r = random.nextInt(10);
                Object second = r == 0 ? null : r < 5 ? (Object) (long) (random.nextInt(20) - 10) : (Object) (short) random.nextInt(5);
                rows[i] = new Object[] {random.nextInt(4) == 0 ? null : random.nextInt(5), second};
            }
            List<SortKey> keys = List.of(new SortKey(0, random.nextBoolean(), random.nextBoolean()),
                    new SortKey(1, random.nextBoolean(), random.nextBoolean()));
            assertArrayEquals(reference(rows, keys), IntegralSort.order(rows, keys), "round " + round);
        }
    }

    @Test
    void extremesDoNotOverflowTheComparison() {
        Object[][] rows = {{Long.MAX_VALUE}, {Long.MIN_VALUE}, {0L}, {Integer.MIN_VALUE}, {-1}};
        List<SortKey> keys = List.of(new SortKey(0, false, false));
        assertArrayEquals(new int[] {1, 3, 4, 2, 0}, IntegralSort.order(rows, keys));
    }

    @Test
    void declinesOtherTypes() {
        Object[][] rows = {{1}, {"a"}};
        assertNull(IntegralSort.order(rows, List.of(new SortKey(0, false, false))));
    }
}
