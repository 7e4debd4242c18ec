package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ZipfianGeneratorTest {
    private static final int SAMPLES = 1_000_000;

    @Test
    void frequenciesFollowZipfsLaw() {
        int items = 1000;
        ZipfianGenerator zipf = new ZipfianGenerator(0, items - 1, 0.99);
        long[] counts = new long[items];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SAMPLES; i++) {
            long v = zipf.next(random);
            assertTrue(v >= 0 && v < items, "out of range: " + v);
            counts[(int) v]++;
        }
        double zetan = ZipfianGenerator.zeta(items, 0.99);
        // the two most popular items are exact in Gray's method; the rest follow the law closely
        assertEquals(1 / zetan, counts[0] / (double) SAMPLES, 0.01 / zetan);
        assertEquals(Math.pow(2, -0.99) / zetan, counts[1] / (double) SAMPLES, 0.02 / zetan);
        for (int rank : new int[] {9, 99}) {
            double expected = Math.pow(rank + 1, -0.99) / zetan;
            assertEquals(expected, counts[rank] / (double) SAMPLES, expected * 0.25, "rank " + rank);
        }
        // the head: the top 10% of items draw about sum(1/i^0.99, i <= 100) / zetan of the requests
        long head = Arrays.stream(counts, 0, items / 10).sum();
        double expectedHead = ZipfianGenerator.zeta(items / 10, 0.99) / zetan;
        assertEquals(expectedHead, head / (double) SAMPLES, 0.02);
        assertTrue(counts[items - 1] > 0, "the least popular item is still drawn");
    }

    @Test
    void offsetsByTheMinimumAndIsDeterministicForASeed() {
        ZipfianGenerator zipf = new ZipfianGenerator(500, 599, 0.5);
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long v = zipf.next(a);
            assertTrue(v >= 500 && v <= 599, "out of range: " + v);
            assertEquals(v, zipf.next(b));
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new ZipfianGenerator(5, 4, 0.99));
        assertThrows(IllegalArgumentException.class, () -> new ZipfianGenerator(0, 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new ZipfianGenerator(0, 10, 0));
    }

    @Test
    void zetaSumsThePowers() {
        assertEquals(1 + 1 / Math.sqrt(2) + 1 / Math.sqrt(3), ZipfianGenerator.zeta(3, 0.5), 1e-12);
    }
}
