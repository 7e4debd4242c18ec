package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.storage.paged.internal.catalog.StatisticsRecord;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * The catalog tuples holding one table's statistics, as loaded or written, each with the
 * transactions that created and replaced it: visibility is decided as for rows, so a rollback or a
 * crash needs no undo here. Versions no one can see any more are forgotten when a new one comes.
 */
final class StatisticsVersions {
    private static final class Version {
        final long catalogRowId;
        final long xmin;
        volatile long xmax;
        final StatisticsRecord record;

        Version(long catalogRowId, long xmin, long xmax, StatisticsRecord record) {
            this.catalogRowId = catalogRowId;
            this.xmin = xmin;
            this.xmax = xmax;
            this.record = record;
        }
    }

    private final List<Version> versions = new ArrayList<>();

    synchronized void loaded(long catalogRowId, long xmin, StatisticsRecord record) {
        versions.add(new Version(catalogRowId, xmin, 0, record));
    }

    /** The last committed statistics, for the table's current columns (a column of a slot never analyzed: null). */
    synchronized Optional<TableStatistics> committed(TableRows rows, PagedTable table) {
        for (Version v : versions) {
            if (rows.visible(0, v.xmin, v.xmax)) {
                List<TableStatistics.ColumnStatistics> columns = new ArrayList<>();
                for (int slot : table.record().slots()) {
                    columns.add(v.record.bySlot().get(slot));
                }
                return Optional.of(new TableStatistics(v.record.rows(), columns));
            }
        }
        return Optional.empty();
    }

    /**
     * Replaces the statistics as transaction {@code xid}: marks the live versions replaced (55P03
     * through {@code claim} if another transaction in progress got there first) and inserts the
     * new one through {@code insert}, which returns its catalog row.
     */
    synchronized void replace(PagedStorageEngine engine, long xid, PagedTable table, TableStatistics statistics,
                              java.util.function.ToLongFunction<byte[]> insert) {
        XactManager xacts = engine.rows().xacts();
        versions.removeIf(v -> xacts.state(v.xmin) == XactManager.State.ABORTED
                || (v.xmax != 0 && xacts.isCommitted(v.xmax)));
        for (Version v : versions) {
            if (engine.inProgressOther(v.xmin, xid)) {
                throw PagedStorageEngine.tableLocked(table.name());
            }
        }
        claimAll(engine, xid, table.name());
        Map<Integer, TableStatistics.ColumnStatistics> bySlot = new HashMap<>();
        List<Integer> slots = table.record().slots();
        for (int i = 0; i < slots.size() && i < statistics.columns().size(); i++) {
            if (statistics.columns().get(i) != null) {
                bySlot.put(slots.get(i), statistics.columns().get(i));
            }
        }
        StatisticsRecord record = new StatisticsRecord(table.record().heapFileId(), statistics.rows(), bySlot);
        long rowId = insert.applyAsLong(record.encode());
        versions.add(0, new Version(rowId, xid, 0, record));
    }

    /** Marks every version not yet replaced as replaced by {@code xid} (the table is dropped, or new statistics come). */
    synchronized void claimAll(PagedStorageEngine engine, long xid, String name) {
        XactManager xacts = engine.rows().xacts();
        for (Version v : versions) {
            if (v.xmin != xid && xacts.state(v.xmin) == XactManager.State.ABORTED) {
                continue;
            }
            if (v.xmax == 0 || v.xmax == xid || xacts.state(v.xmax) == XactManager.State.ABORTED) {
                engine.claimCatalogTuple(v.catalogRowId, xid, name);
                v.xmax = xid;
            }
        }
    }
}
