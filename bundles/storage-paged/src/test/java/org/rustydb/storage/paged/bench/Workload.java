package org.rustydb.storage.paged.bench;

import java.util.SplittableRandom;

/**
 * The sysbench-like data both stores get: rows {@code (id bigint, k int, c varchar(120),
 * pad varchar(60))} with ids 1..N in ascending order (a bulk load, as the issue implies), random k,
 * c and pad, and a list of random existing ids to look up. Generated once per trial from a fixed
 * seed, before anything is timed, so both stores get identical input and generation costs nothing
 * in the measurements.
 */
final class Workload {
    /** Rows per durable transaction. */
    static final int BATCH_ROWS = 1_000;
    static final int C_LENGTH = 120;
    static final int PAD_LENGTH = 60;
    static final long SEED = 20_251_124L;
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    /** {@code rows[i]} is {@code {Long id = i + 1, Integer k, String c, String pad}}; never modified. */
    final Object[][] rows;
    /** Sum of k over all rows: what a correct full scan must add up to. */
    final long kSum;
    final long[] lookupIds;
    /** Sum of k over the looked-up rows: what correct lookups must add up to. */
    final long lookupKSum;

    Workload(int rowCount, int lookupCount) {
        if (rowCount < 1 || lookupCount < 0) {
            throw new IllegalArgumentException("need at least one row and no negative lookups");
        }
        SplittableRandom random = new SplittableRandom(SEED);
        rows = new Object[rowCount][];
        long sum = 0;
        for (int i = 0; i < rowCount; i++) {
            int k = random.nextInt(rowCount) + 1;
            sum += k;
            rows[i] = new Object[] {(long) i + 1, k, randomString(random, C_LENGTH), randomString(random, PAD_LENGTH)};
        }
        kSum = sum;
        lookupIds = new long[lookupCount];
        long lookupSum = 0;
        for (int i = 0; i < lookupCount; i++) {
            int index = random.nextInt(rowCount);
            lookupIds[i] = index + 1L;
            lookupSum += (Integer) rows[index][1];
        }
        lookupKSum = lookupSum;
    }

    /** Inserts every row, {@link #BATCH_ROWS} per durable transaction. */
    void load(BenchedStore store) {
        for (int from = 0; from < rows.length; from += BATCH_ROWS) {
            store.insertBatch(rows, from, Math.min(rows.length, from + BATCH_ROWS));
        }
    }

    /** Fails unless a full scan returns exactly the loaded rows. */
    void checkScan(BenchedStore.ScanTotals totals, String store) {
        if (totals.rows() != rows.length || totals.kSum() != kSum) {
            throw new IllegalStateException(store + " scan returned " + totals + ", expected " + rows.length
                    + " rows with k summing to " + kSum);
        }
    }

    private static String randomString(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
