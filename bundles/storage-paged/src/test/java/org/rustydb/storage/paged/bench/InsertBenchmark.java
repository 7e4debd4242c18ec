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
 * Loading N rows into an empty table in durable 1,000-row transactions. One invocation is the
 * whole load (single shot), each iteration into a fresh store, so every measured load starts empty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class InsertBenchmark {
    @Param({"rustydb", "mvstore"})
    public String engine;
    @Param("1000000")
    public int rows;
    @Param("0")
    public int mvstoreCacheMb;

    private Workload workload;
    private BenchedStore store;

    @Setup(Level.Trial)
    public void generate() {
        workload = new Workload(rows, 0);
    }

    @Setup(Level.Iteration)
    public void openEmpty() {
        store = BenchedStore.open(engine, mvstoreCacheMb);
    }

    @Benchmark
    public void insert() {
        workload.load(store);
    }

    @TearDown(Level.Iteration)
    public void checkAndClose() {
        try {
            workload.checkScan(store.scan(), engine);
        } finally {
            store.close();
        }
    }
}
