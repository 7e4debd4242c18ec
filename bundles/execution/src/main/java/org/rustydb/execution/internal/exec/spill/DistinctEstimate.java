package org.rustydb.execution.internal.exec.spill;

import java.util.TreeSet;

/**
 * Estimates how many distinct values went by from their hashes (k minimum values: with the k
 * smallest of n uniformly spread hashes, n is about (k - 1) / the k-th smallest as a fraction of
 * the range). A spilled partition uses it to choose how many partitions its own pass needs, as
 * PostgreSQL does with a HyperLogLog.
 */
public final class DistinctEstimate {
    private static final int K = 64;
    private final TreeSet<Long> smallest = new TreeSet<>();

    /** Adds a value by its 32-bit hash. */
    public void add(int hash) {
        long h = (hash * 0x9E3779B97F4A7C15L) ^ ((long) hash << 32);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        long u = h >>> 1; // non-negative, 63 bits
        if (smallest.size() < K) {
            smallest.add(u);
        } else if (u < smallest.last() && smallest.add(u)) {
            smallest.pollLast();
        }
    }

    /** The estimated number of distinct values added. */
    public long estimate() {
        if (smallest.size() < K) {
            return smallest.size();
        }
        double fraction = (double) smallest.last() / Long.MAX_VALUE;
        return Math.round((K - 1) / fraction);
    }
}
