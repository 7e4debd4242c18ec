package org.rustydb.execution.internal.ddl;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.plan.Statistics;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.spi.txn.WaitPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps statistics current as PostgreSQL's autovacuum does for ANALYZE: counts the rows each
 * table had inserted, updated or deleted by committed transactions since it was last analyzed, and
 * once that passes {@value #THRESHOLD} + {@value #SCALE_FACTOR} x its analyzed row count
 * (autovacuum_analyze_threshold and autovacuum_analyze_scale_factor) analyzes it again on a single
 * background thread, in a transaction of its own. The thread takes the same lock as ANALYZE, which
 * writers do not wait for, and skips a table someone else holds it on; failures are logged.
 *
 * <p>A table is analyzed again no sooner than {@link #MIN_INTERVAL_MILLIS} after its last
 * automatic analyze, as autovacuum visits a database once per autovacuum_naptime (a minute): the
 * statistics of a small, busy table (TPC-B's branches) would otherwise be replaced many times a
 * second, and each new version makes every kept plan bind again.
 */
public final class AutoAnalyze implements AutoCloseable {
    static final long THRESHOLD = 50;
    static final double SCALE_FACTOR = 0.1;
    static final long MIN_INTERVAL_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(AutoAnalyze.class);

    /** Changes since the last analyze, per table (weakly: a dropped table's entry goes with it). */
    private static final Map<TableHandle, Counter> COUNTERS = new WeakHashMap<>();

    private static final class Counter {
        long changes;
        boolean queued;
        /** When the last automatic analyze of the table finished ({@link System#nanoTime}), 0 if never. */
        long analyzedAt;
    }

    private final Map<Long, Tally> open = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor worker;
    private final long minIntervalNanos;
    private volatile boolean closed;

    public AutoAnalyze() {
        this(MIN_INTERVAL_MILLIS);
    }

    /** With another minimum interval between two automatic analyzes of a table (tests). */
    public AutoAnalyze(long minIntervalMillis) {
        minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rustydb-autoanalyze");
            t.setDaemon(true);
            return t;
        });
        worker.setKeepAliveTime(30, TimeUnit.SECONDS);
        worker.allowCoreThreadTimeOut(true);
        // an analyze waiting out its interval is dropped at close, not run
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** ANALYZE stored a table's statistics: counting starts again. */
    static void analyzed(TableHandle table) {
        synchronized (COUNTERS) {
            Counter c = COUNTERS.get(table);
            if (c != null) {
                c.changes = 0;
            }
        }
    }

    /**
     * Records rows a statement wrote, per table; they count once the transaction commits. The
     * storage engine and transaction manager are those the analyze will use.
     */
    public void written(Transaction txn, StorageEngine storage, TransactionManager transactions,
                        Map<TableHandle, Long> rows) {
        if (rows.isEmpty() || closed) {
            return;
        }
        Tally tally = open.computeIfAbsent(txn.id(), id -> new Tally(storage, transactions));
        txn.enlist(tally);
        rows.forEach((table, n) -> tally.rows.merge(table, n, Long::sum));
    }

    private void committed(Tally tally) {
        for (Map.Entry<TableHandle, Long> e : tally.rows.entrySet()) {
            TableHandle table = e.getKey();
            double analyzedRows = Statistics.get(tally.storage, table).map(s -> (double) s.rows()).orElse(0.0);
            boolean due;
            long delayNanos = 0;
            synchronized (COUNTERS) {
                Counter c = COUNTERS.computeIfAbsent(table, t -> new Counter());
                c.changes += e.getValue();
                due = !c.queued && c.changes > THRESHOLD + SCALE_FACTOR * analyzedRows;
                if (due) {
                    c.queued = true;
                    if (c.analyzedAt != 0) {
                        delayNanos = Math.max(0, c.analyzedAt + minIntervalNanos - System.nanoTime());
                    }
                }
            }
            if (due) {
                try {
                    worker.schedule(() -> analyze(tally.storage, tally.transactions, table), delayNanos,
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException shutDown) {
                    return;
                }
            }
        }
    }

    /** Analyzes one table in a transaction of its own; never throws. */
    private void analyze(StorageEngine storage, TransactionManager transactions, TableHandle table) {
        long seen;
        boolean due;
        double analyzedRows = Statistics.get(storage, table).map(s -> (double) s.rows()).orElse(0.0);
        synchronized (COUNTERS) {
            Counter c = COUNTERS.get(table);
            seen = c == null ? 0 : c.changes;
            // an ANALYZE since this was queued counted the changes already: analyzing again would
            // only replace fresh statistics (and make plans made from them bind again)
            due = seen > THRESHOLD + SCALE_FACTOR * analyzedRows;
            if (!due && c != null) {
                c.queued = false;
            }
        }
        if (!due) {
            return;
        }
        boolean done = false;
        try {
            // an ANALYZE or DDL holding the lock: skipped, the next changes bring the table back here
            done = !closed && AnalyzeCommand.analyzeAlone(storage, transactions, table, WaitPolicy.SKIP_LOCKED,
                    this::checkOpen);
            if (done) {
                LOG.debug("automatic analyze of table {}.{}", table.definition().schema(), table.definition().name());
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("automatic analyze of table {}.{} failed", table.definition().schema(),
                        table.definition().name(), e);
            }
        } finally {
            synchronized (COUNTERS) {
                Counter c = COUNTERS.get(table);
                if (c != null) {
                    c.queued = false;
                    if (done) {
                        c.changes = Math.max(0, c.changes - seen);
                        c.analyzedAt = System.nanoTime();
                    }
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw DbException.of(SqlState.ADMIN_SHUTDOWN, "automatic analyze stopped: the query engine is closing");
        }
    }

    /**
     * Stops the background thread: an analyze in progress stops at its next check and rolls
     * back. The thread is never interrupted: an interrupt during a file write closes the storage
     * engine's channel (ClosedByInterruptException) and would make its log unusable.
     */
    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("automatic analyze still running 5 s after the query engine closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rows one transaction wrote, counted when it commits. */
    private final class Tally implements SavepointParticipant {
        final StorageEngine storage;
        final TransactionManager transactions;
        final Map<TableHandle, Long> rows = new HashMap<>();

        Tally(StorageEngine storage, TransactionManager transactions) {
            this.storage = storage;
            this.transactions = transactions;
        }

        @Override
        public void commit(Transaction txn) {
            open.remove(txn.id());
            try {
                committed(this);
            } catch (RuntimeException e) {
                LOG.warn("counting changes for automatic analyze failed", e); // the commit stands
            }
        }

        @Override
        public void rollback(Transaction txn) {
            open.remove(txn.id());
        }

        // rows undone by ROLLBACK TO SAVEPOINT still count: churn the table had, as PostgreSQL counts it
        @Override
        public void savepoint(Transaction txn, int level) {
        }

        @Override
        public void rollbackToSavepoint(Transaction txn, int level) {
        }

        @Override
        public void releaseSavepoint(Transaction txn, int level) {
        }
    }
}
