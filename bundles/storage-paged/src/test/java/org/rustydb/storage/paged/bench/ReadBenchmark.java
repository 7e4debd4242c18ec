package org.rustydb.storage.paged.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads of a table loaded (untimed, the same durable way as {@link InsertBenchmark}) before the
 * trial: L random primary-key lookups per invocation, and a full scan counting rows and summing k.
 * Both check their results, so a store that returns wrong rows fails instead of looking fast.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class ReadBenchmark {
    @Param({"rustydb", "mvstore"})
    public String engine;
    @Param("1000000")
    public int rows;
    @Param("200000")
    public int lookups;
    @Param("0")
    public int mvstoreCacheMb;

    private Workload workload;
    private BenchedStore store;

    @Setup(Level.Trial)
    public void load() {
        workload = new Workload(rows, lookups);
        store = BenchedStore.open(engine, mvstoreCacheMb);
        workload.load(store);
    }

    @Benchmark
    public long pointLookups() {
        long sum = store.lookupKSum(workload.lookupIds);
        if (sum != workload.lookupKSum) {
            throw new IllegalStateException(engine + " lookups summed k to " + sum + ", expected " + workload.lookupKSum);
        }
        return sum;
    }

    @Benchmark
    public long fullScan() {
        BenchedStore.ScanTotals totals = store.scan();
        workload.checkScan(totals, engine);
        return totals.rows();
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }
}
