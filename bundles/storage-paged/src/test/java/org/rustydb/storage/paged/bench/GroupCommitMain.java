package org.rustydb.storage.paged.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.engine.PagedOptions;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Group commit: commits per second with 1, 4, 16 and 64 concurrent committers, fsync on. Each
 * committer runs small write transactions (one row inserted, then COMMIT, which returns only
 * once the commit is durable) for a fixed time; concurrent commits share log forces.
 *
 * <pre>
 * GroupCommitMain [--seconds=N (default 5)] [--dir=PATH (default target/bench/commit)] [--committers=1,4,16,64]
 * </pre>
 */
public final class GroupCommitMain {
    private GroupCommitMain() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        Path dir = Path.of("target/bench/commit");
        String committers = "1,4,16,64";
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--dir=")) {
                dir = Path.of(arg.substring(6));
            } else if (arg.startsWith("--committers=")) {
                committers = arg.substring(13);
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        double single = 0;
        System.out.printf("%-11s %12s %10s %14s%n", "committers", "commits/s", "vs 1", "log forces/s");
        for (String n : committers.split(",")) {
            int threads = Integer.parseInt(n.trim());
            Result r = run(dir.resolve("c" + threads), threads, seconds);
            if (threads == 1) {
                single = r.commitsPerSecond;
            }
            System.out.printf(Locale.ROOT, "%-11d %12.0f %10s %14.0f%n", threads, r.commitsPerSecond,
                    single > 0 ? String.format(Locale.ROOT, "%.1fx", r.commitsPerSecond / single) : "-",
                    r.forcesPerSecond);
        }
    }

    private record Result(double commitsPerSecond, double forcesPerSecond) {
    }

    private static Result run(Path dir, int threads, int seconds) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        PagedStorageEngine engine = PagedStorageEngine.open(dir, new PagedOptions(true, 64L << 20, 256L << 20));
        TransactionCoordinator transactions = new TransactionCoordinator();
        try {
            Transaction setup = transactions.begin(IsolationLevel.READ_COMMITTED, false);
            TableHandle table = engine.createTable(setup, new TableDefinition("public", "commits",
                    List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                            new ColumnDefinition("payload", SqlType.TEXT, -1, false)),
                    List.of(new UniqueKey("commits_pkey", List.of(0), true))));
            setup.commit();
            AtomicLong ids = new AtomicLong();
            LongAdder commits = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
                            engine.insert(txn, table, new Object[] {ids.incrementAndGet(), "a small row"});
                            txn.commit();
                            commits.increment();
                        }
                    } finally {
                        done.countDown();
                    }
                });
                workers.add(w);
            }
            long forcesBefore = engine.store().log().forceCount();
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            done.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            long forces = engine.store().log().forceCount() - forcesBefore;
            return new Result(commits.sum() / elapsed, forces / elapsed);
        } finally {
            engine.shutDown();
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
