package org.rustydb.bench.internal;

import java.util.random.RandomGenerator;

/**
 * Zipfian popularity spread over the key range, as YCSB's ScrambledZipfianGenerator: a value is
 * drawn from a zipfian distribution over ten billion items (whose zeta is a constant, so a new
 * generator costs nothing whatever the record count) and hashed into [min, max], so the popular
 * keys are scattered instead of clustered at the start of the range. Distinct items may hash to
 * one key, which only adds to that key's popularity.
 *
 * <p>Immutable and thread-safe: the caller supplies the random source.
 */
public final class ScrambledZipfianGenerator {
    static final long ITEM_COUNT = 10_000_000_000L;
    /** zeta(ITEM_COUNT, 0.99), YCSB's precomputed value. */
    static final double ZETAN = 26.46902820178302;

    private static final ZipfianGenerator ZIPFIAN =
            new ZipfianGenerator(0, ITEM_COUNT - 1, ZipfianGenerator.DEFAULT_THETA, ZETAN);

    private final long min;
    private final long count;

    public ScrambledZipfianGenerator(long min, long max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        this.min = min;
        this.count = max - min + 1;
    }

    public long next(RandomGenerator random) {
        return min + Math.floorMod(fnvHash64(ZIPFIAN.next(random)), count);
    }

    /** FNV-1a over the eight bytes of {@code value}, low byte first, made non-negative (as YCSB's). */
    public static long fnvHash64(long value) {
        long hash = 0xCBF29CE484222325L;
        long rest = value;
        for (int i = 0; i < 8; i++) {
            hash ^= rest & 0xff;
            hash *= 1099511628211L;
            rest >>= 8;
        }
        return hash == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(hash);
    }
}
