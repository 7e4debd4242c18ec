package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.api.DbException;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;

/**
 * The statistics ANALYZE collected, kept by the storage engine with the table (durably by the
 * paged engine, like PostgreSQL's pg_statistic), and a version that changes whenever a table's
 * statistics do: a plan made at version v was made with older statistics once {@link #version()}
 * is past v. The planner reads the statistics last committed.
 */
public final class Statistics {
    /** Per storage engine: each database's plans depend on its own statistics only. */
    private static final Map<StorageEngine, AtomicLong> VERSIONS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Statistics() {
    }

    /** Bumped after every commit that stored statistics (ANALYZE, by hand or in the background). */
    public static long version(StorageEngine storage) {
        AtomicLong version = VERSIONS.get(storage);
        return version == null ? 0 : version.get();
    }

    /** Stores a table's statistics in the transaction; the version moves when it commits. */
    public static void save(Transaction txn, StorageEngine storage, TableHandle table, TableStats stats) {
        List<TableStatistics.ColumnStatistics> columns = new ArrayList<>();
        for (TableStats.ColumnStats c : stats.columns()) {
            columns.add(c == null ? null : new TableStatistics.ColumnStatistics(c.nullFraction(), c.distinct(),
                    c.mostCommon(), c.frequencies(), c.histogram()));
        }
        storage.saveStatistics(txn, table, new TableStatistics(stats.rows(), columns));
        // enlisted after the engine (which enlisted when it stored them): runs once they are committed
        txn.enlist(new VersionBump(storage));
    }

    public static Optional<TableStats> get(StorageEngine storage, TableHandle table) {
        Optional<TableStatistics> stored;
        try {
            stored = storage.statistics(table);
        } catch (DbException e) {
            return Optional.empty(); // a table dropped meanwhile: the statement fails elsewhere
        }
        if (stored.isEmpty() || stored.get().columns().size() != table.definition().columns().size()) {
            return Optional.empty();
        }
        List<TableStats.ColumnStats> columns = new ArrayList<>();
        for (TableStatistics.ColumnStatistics c : stored.get().columns()) {
            columns.add(c == null ? null
                    : new TableStats.ColumnStats(c.nullFraction(), c.distinct(), c.mostCommon(), c.frequencies(),
                            c.histogram()));
        }
        return Optional.of(new TableStats(stored.get().rows(), columns));
    }

    /** Moves the version when the transaction that stored statistics commits. */
    private static final class VersionBump implements SavepointParticipant {
        private final StorageEngine storage;

        VersionBump(StorageEngine storage) {
            this.storage = storage;
        }

        @Override
        public void commit(Transaction txn) {
            VERSIONS.computeIfAbsent(storage, s -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void rollback(Transaction txn) {
        }

        // statistics rolled back to a savepoint stay stored (they only guide estimates): nothing to undo
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
