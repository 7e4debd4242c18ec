package org.rustydb.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ScrambledZipfianGeneratorTest {
    private static final int SAMPLES = 1_000_000;

    @Test
    void skewedButScatteredOverTheWholeRange() {
        int keys = 10_000;
        ScrambledZipfianGenerator gen = new ScrambledZipfianGenerator(0, keys - 1);
        long[] counts = new long[keys];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < SAMPLES; i++) {
            long v = gen.next(random);
            assertTrue(v >= 0 && v < keys, "out of range: " + v);
            counts[(int) v]++;
        }
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        // the hottest key gets at least the most popular item's share, 1 / zeta(10^10, 0.99)
        double hottest = sorted[keys - 1] / (double) SAMPLES;
        assertTrue(hottest >= 0.95 / ScrambledZipfianGenerator.ZETAN && hottest < 0.1, "hottest key share " + hottest);
        // skew: the hottest 1% of keys draw far more than 1% of the requests
        long top = Arrays.stream(sorted, keys - keys / 100, keys).sum();
        assertTrue(top > 0.15 * SAMPLES, "top 1% of keys drew " + top);
        // scattered: the popular keys are not the first ones, as they would be unscrambled
        int hottestKey = 0;
        for (int k = 1; k < keys; k++) {
            if (counts[k] > counts[hottestKey]) {
                hottestKey = k;
            }
        }
        assertEquals(Math.floorMod(ScrambledZipfianGenerator.fnvHash64(0), keys), hottestKey);
        long firstHundred = Arrays.stream(counts, 0, 100).sum();
        assertTrue(firstHundred < 0.1 * SAMPLES, "the first 1% of keys drew " + firstHundred);
        // most keys are requested at all
        assertTrue(Arrays.stream(counts).filter(c -> c > 0).count() > keys / 2);
    }

    @Test
    void fnvHashIsYcsbs() {
        // FNV-1a 64 of eight zero bytes, as YCSB's Utils.fnvhash64(0) computes it
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < 8; i++) {
            hash *= 1099511628211L;
        }
        assertEquals(Math.abs(hash), ScrambledZipfianGenerator.fnvHash64(0));
        assertTrue(ScrambledZipfianGenerator.fnvHash64(12345) >= 0);
        assertTrue(ScrambledZipfianGenerator.fnvHash64(1) != ScrambledZipfianGenerator.fnvHash64(2));
    }

    @Test
    void aSingleKeyRange() {
        ScrambledZipfianGenerator gen = new ScrambledZipfianGenerator(5, 5);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(5, gen.next(random));
        }
    }
}
