package org.rustydb.bench.internal;

import java.util.random.RandomGenerator;

/**
 * Zipfian-distributed integers in [min, max]: item {@code min} is the most popular, item
 * {@code min + i} is chosen with probability proportional to {@code 1 / (i + 1)^theta}. This is
 * the algorithm of Gray et al., "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD
 * 1994), as YCSB's ZipfianGenerator implements it: constant time per value once zeta(n) is known.
 *
 * <p>Immutable and thread-safe: the caller supplies the random source.
 */
public final class ZipfianGenerator {
    /** YCSB's default skew. */
    public static final double DEFAULT_THETA = 0.99;

    private final long base;
    private final long items;
    private final double theta;
    private final double zetan;
    private final double alpha;
    private final double eta;
    private final double halfPowTheta;

    public ZipfianGenerator(long min, long max, double theta) {
        this(min, max, theta, zeta(max - min + 1, theta));
    }

    /** With zeta(n, theta) given, for item counts too large to sum (see {@link ScrambledZipfianGenerator}). */
    public ZipfianGenerator(long min, long max, double theta, double zetan) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("theta must be in (0, 1): " + theta);
        }
        this.base = min;
        this.items = max - min + 1;
        this.theta = theta;
        this.zetan = zetan;
        this.alpha = 1.0 / (1.0 - theta);
        double zeta2 = zeta(2, theta);
        this.eta = (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetan);
        this.halfPowTheta = Math.pow(0.5, theta);
    }

    /** zeta(n, theta) = sum over i = 1..n of 1 / i^theta. */
    public static double zeta(long n, double theta) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, theta);
        }
        return sum;
    }

    public long next(RandomGenerator random) {
        double u = random.nextDouble();
        double uz = u * zetan;
        if (uz < 1.0) {
            return base;
        }
        if (uz < 1.0 + halfPowTheta) {
            return base + 1;
        }
        long offset = (long) (items * Math.pow(eta * u - eta + 1, alpha));
        // rounding at u close to 1 can reach items itself
        return base + Math.min(offset, items - 1);
    }

    public long items() {
        return items;
    }

    public double theta() {
        return theta;
    }

    public double zetan() {
        return zetan;
    }
}
