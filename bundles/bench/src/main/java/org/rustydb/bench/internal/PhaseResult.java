package org.rustydb.bench.internal;

import org.HdrHistogram.Histogram;

/**
 * One row of the results: a phase of a workload (a load, a kind of operation, a query) on one
 * target. Latencies are in milliseconds; {@code operations} are the successful ones. {@code check}
 * says what was verified, or is empty.
 */
public record PhaseResult(String target, String workload, String phase, String unit, long operations,
        long failed, long retried, double seconds, double throughput, double p50, double p95, double p99,
        double max, double mean, String check) {

    /** Latencies from {@code micros} (per operation), throughput as operations per second. */
    public static PhaseResult of(String target, String workload, String phase, String unit, Histogram micros,
            long operations, long failed, long retried, double seconds, String check) {
        boolean none = micros.getTotalCount() == 0;
        return new PhaseResult(target, workload, phase, unit, operations, failed, retried, seconds,
                seconds > 0 ? operations / seconds : 0,
                none ? 0 : millis(micros.getValueAtPercentile(50)),
                none ? 0 : millis(micros.getValueAtPercentile(95)),
                none ? 0 : millis(micros.getValueAtPercentile(99)),
                none ? 0 : millis(micros.getMaxValue()),
                none ? 0 : micros.getMean() / 1000.0, check);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
