package org.rustydb.storage.paged.internal.vacuum;

import java.util.List;
import java.util.function.Supplier;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.VacuumResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background vacuum: a daemon thread that wakes every naptime and vacuums each table whose
 * dead row versions passed the threshold (see {@link VacuumOptions#due}), and frees the slots
 * earlier vacuums had to leave (see {@link ReuseGate}). A table being vacuumed already (by hand) is
 * skipped until the next round; failures are logged, never thrown at anyone. The engine shuts down
 * before it calls {@link #close}, so a vacuum in progress stops at its next page.
 */
public final class Autovacuum implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autovacuum.class);
    /** Runs longer than this are logged at INFO (PostgreSQL's log_autovacuum_min_duration). */
    private static final long LOG_MILLIS = 10_000;

    private final VacuumOptions options;
    private final Supplier<List<VacuumTarget>> tables;
    private final TableVacuum vacuum;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean closed;
    private volatile long rounds;

    /** @param tables the committed tables now */
    public Autovacuum(VacuumOptions options, Supplier<List<VacuumTarget>> tables, TableVacuum vacuum) {
        this.options = options;
        this.tables = tables;
        this.vacuum = vacuum;
        this.thread = new Thread(this::loop, "rustydb-autovacuum");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True while the thread runs. */
    public boolean running() {
        return thread.isAlive();
    }

    /** Rounds completed, for tests and status output. */
    public long rounds() {
        return rounds;
    }

    private void loop() {
        while (!closed) {
            synchronized (signal) {
                try {
                    if (!closed) {
                        signal.wait(options.naptimeMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (closed) {
                return;
            }
            try {
                round();
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.error("automatic vacuum round failed; will retry", e);
                }
            }
            rounds++;
        }
    }

    private void round() {
        for (VacuumTarget table : tables.get()) {
            if (closed) {
                return;
            }
            TableActivity activity = table.activity();
            boolean due = options.due(activity.deadRows(), activity.liveRows());
            if ((!due && !activity.hasDeferred()) || !activity.vacuumLock().tryLock()) {
                continue;
            }
            try {
                if (due) {
                    long started = System.nanoTime();
                    VacuumResult result = vacuum.run(table, true);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    String message = "automatic vacuum of table \"{}\": removed {} row versions ({} not yet removable), "
                            + "{} index entries, {} pages freed, {} pages; {} ms";
                    Object[] args = {table.name(), result.removedVersions(), result.unremovableVersions(),
                            result.removedIndexEntries(), result.freedPages(), result.pages(), millis};
                    if (millis >= LOG_MILLIS) {
                        LOG.info(message, args);
                    } else {
                        LOG.debug(message, args);
                    }
                } else {
                    vacuum.finishDeferred(table);
                }
            } catch (DbException e) {
                if (closed || isExpected(e)) {
                    LOG.debug("automatic vacuum of table \"{}\" stopped: {}", table.name(), e.getMessage());
                } else {
                    LOG.warn("automatic vacuum of table \"{}\" failed", table.name(), e);
                }
            } catch (RuntimeException e) {
                LOG.error("automatic vacuum of table \"{}\" failed", table.name(), e);
            } finally {
                activity.vacuumLock().unlock();
            }
        }
    }

    /** Dropped or being dropped meanwhile, or the engine stopping: nothing went wrong. */
    private static boolean isExpected(DbException e) {
        return SqlState.UNDEFINED_TABLE.equals(e.sqlState()) || SqlState.LOCK_NOT_AVAILABLE.equals(e.sqlState())
                || SqlState.CANNOT_CONNECT_NOW.equals(e.sqlState());
    }

    /** Stops the thread and waits for it. */
    @Override
    public void close() {
        closed = true;
        // no interrupt: it would close the file channels under a page read in progress
        synchronized (signal) {
            signal.notifyAll();
        }
        if (thread.isAlive()) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
