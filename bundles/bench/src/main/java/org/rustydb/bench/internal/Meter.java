package org.rustydb.bench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts one kind of operation of a run: latencies of the successful ones (microseconds, three
 * significant digits) and the failed and retried ones. Client threads record concurrently; one
 * reader thread takes interval snapshots for the progress lines, which also add up to the total.
 */
public final class Meter {
    private final String name;
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final List<String> reasons = new ArrayList<>();
    private Histogram total = new Histogram(3);
    private Histogram recycled;
    private long failedAtStart;
    private long retriedAtStart;
    private long failedAtLastInterval;

    public Meter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A successful operation that took {@code nanos}. */
    public void success(long nanos) {
        recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    /** A failed operation; the first few distinct reasons are kept for the report. */
    public void failure(String reason) {
        failed.incrementAndGet();
        synchronized (reasons) {
            if (reasons.size() < 3 && !reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
    }

    /** Why operations failed (the first few distinct reasons). */
    public List<String> reasons() {
        synchronized (reasons) {
            return List.copyOf(reasons);
        }
    }

    public void retry() {
        retried.incrementAndGet();
    }

    /** Forgets what was recorded so far (the warm-up): the totals start now. */
    public synchronized void reset() {
        recycled = recorder.getIntervalHistogram(recycled);
        total = new Histogram(3);
        failedAtStart = failed.get();
        retriedAtStart = retried.get();
        failedAtLastInterval = failedAtStart;
    }

    /** What happened since the previous interval; it is added to the total. */
    public synchronized Interval interval() {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        long failedNow = failed.get();
        Interval interval = new Interval(recycled.getTotalCount(), failedNow - failedAtLastInterval,
                recycled.getTotalCount() == 0 ? 0 : recycled.getValueAtPercentile(99));
        failedAtLastInterval = failedNow;
        return interval;
    }

    /** The successful operations since {@link #reset} up to the last {@link #interval}. */
    public synchronized Histogram total() {
        return total.copy();
    }

    public long failed() {
        return failed.get() - failedAtStart;
    }

    public long retried() {
        return retried.get() - retriedAtStart;
    }

    /** One progress interval: successes, failures and the 99th percentile in microseconds. */
    public record Interval(long operations, long failed, long p99Micros) {
    }
}
