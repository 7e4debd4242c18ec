package org.rustydb.storage.paged.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.vacuum.Autovacuum;
import org.rustydb.storage.paged.internal.vacuum.ReuseGate;
import org.rustydb.storage.paged.internal.vacuum.TableActivity;
import org.rustydb.storage.paged.internal.vacuum.TableVacuum;
import org.rustydb.storage.paged.internal.vacuum.VacuumOptions;
import org.rustydb.storage.paged.internal.vacuum.VacuumTarget;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * The engine's side of vacuum (the algorithm is in the {@code vacuum} package): tables and indexes
 * as vacuum targets, the reuse gate over the transactions the engine knows, VACUUM by hand, the
 * background vacuum, and the statistics {@code rustydb:vacuum} shows.
 */
public final class EngineVacuum implements AutoCloseable {
    /** One table's counters, as PostgreSQL's pg_stat_user_tables shows them. */
    public record TableStats(String table, int pages, long liveRows, long deadRows, Instant lastVacuum,
                             Instant lastAutovacuum, long vacuumCount, long autovacuumCount) {
    }

    private final PagedStorageEngine engine;
    private final VacuumOptions options;
    private final TableVacuum vacuum;
    private final Autovacuum autovacuum;

    EngineVacuum(PagedStorageEngine engine, VacuumOptions options) {
        this.engine = engine;
        this.options = options;
        this.vacuum = new TableVacuum(engine.rows().xacts(), new TransactionGate(engine.openWork()), engine::checkOpen,
                options.maxDeadRows());
        this.autovacuum = options.autovacuum() ? new Autovacuum(options, this::targets, vacuum) : null;
    }

    void start() {
        if (autovacuum != null) {
            autovacuum.start();
        }
    }

    /** VACUUM of one table: waits for a vacuum of it already running. */
    VacuumResult vacuum(PagedTable table) {
        Target target = new Target(table, engine.rows().xacts());
        target.lockShared(); // 42P01 or 55P03 before waiting, if it is gone or going
        target.unlockShared();
        TableActivity activity = table.activity();
        activity.vacuumLock().lock();
        try {
            return vacuum.run(target, false);
        } finally {
            activity.vacuumLock().unlock();
        }
    }

    /** VACUUM of the committed table of that (unqualified) name, for the shell; 42P01 if there is none. */
    public VacuumResult vacuum(String name) {
        for (PagedTable table : engine.committedTables()) {
            if (table.name().equals(name)) {
                return vacuum(table);
            }
        }
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name);
    }

    /** The counters of every committed table, by schema and name. */
    public List<TableStats> stats() {
        List<TableStats> out = new ArrayList<>();
        for (PagedTable table : engine.committedTables()) {
            TableActivity a = table.activity();
            out.add(new TableStats(table.schema() + "." + table.name(), table.heap().pageCount(), a.liveRows(),
                    a.deadRows(), a.lastVacuum(), a.lastAutovacuum(), a.vacuumCount(), a.autovacuumCount()));
        }
        return out;
    }

    /** Whether the background vacuum is configured to run. */
    public boolean autovacuumEnabled() {
        return autovacuum != null;
    }

    /** When the background vacuum takes a table, in words. */
    public String autovacuumSettings() {
        long nap = options.naptimeMillis();
        return String.format(Locale.ROOT, "every %s, tables with more than %d + %s * live rows dead row versions",
                nap % 1000 == 0 ? nap / 1000 + " s" : nap + " ms", options.threshold(), options.scaleFactor());
    }

    /** Whether its thread runs now. */
    public boolean autovacuumRunning() {
        return autovacuum != null && autovacuum.running();
    }

    private List<VacuumTarget> targets() {
        List<VacuumTarget> out = new ArrayList<>();
        for (PagedTable table : engine.committedTables()) {
            out.add(new Target(table, engine.rows().xacts()));
        }
        return out;
    }

    @Override
    public void close() {
        if (autovacuum != null) {
            autovacuum.close();
        }
    }

    /**
     * A table for vacuum. Its shared lock is the table's DDL read lock: DROP TABLE, CREATE and DROP
     * INDEX and the consistency check take the write side, so none of them runs while vacuum
     * touches the table's pages, and a table being dropped is left alone.
     */
    private record Target(PagedTable table, XactManager xacts) implements VacuumTarget {
        @Override
        public String name() {
            return table.schema() + "." + table.name();
        }

        @Override
        public HeapFile heap() {
            return table.heap();
        }

        @Override
        public TableActivity activity() {
            return table.activity();
        }

        @Override
        public void lockShared() {
            table.ddlLock().readLock().lock();
            XactManager.State creator = table.createdBy() == 0 ? XactManager.State.COMMITTED : xacts.state(table.createdBy());
            long dropper = table.droppedBy();
            XactManager.State drop = dropper == 0 ? XactManager.State.ABORTED : xacts.state(dropper);
            if (creator == XactManager.State.COMMITTED && drop == XactManager.State.ABORTED) {
                return;
            }
            table.ddlLock().readLock().unlock();
            if (creator == XactManager.State.IN_PROGRESS || drop == XactManager.State.IN_PROGRESS) {
                throw PagedStorageEngine.tableLocked(table.name());
            }
            throw PagedStorageEngine.undefinedTable(table);
        }

        @Override
        public void unlockShared() {
            table.ddlLock().readLock().unlock();
        }

        @Override
        public List<IndexTarget> indexes() {
            List<IndexTarget> out = new ArrayList<>();
            for (PagedIndex index : table.indexes()) {
                out.add(new Index(index, xacts));
            }
            return out;
        }
    }

    private record Index(PagedIndex index, XactManager xacts) implements VacuumTarget.IndexTarget {
        @Override
        public String name() {
            return index.name();
        }

        @Override
        public BTree tree() {
            return index.tree();
        }

        @Override
        public boolean settled() {
            long creator = index.createdBy();
            long dropper = index.droppedBy();
            return (creator == 0 || xacts.isCommitted(creator))
                    && (dropper == 0 || xacts.state(dropper) == XactManager.State.ABORTED);
        }
    }

    /**
     * Row ids reach statements only through the engine's calls of a transaction the engine has
     * enlisted (every reader and writer is): once every transaction enlisted at the mark has
     * ended, none holds a row id read before it.
     */
    private record TransactionGate(Set<Long> open) implements ReuseGate {
        @Override
        public Object mark() {
            return open.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public boolean passed(Object mark) {
            for (long txn : (long[]) mark) {
                if (open.contains(txn)) {
                    return false;
                }
            }
            return true;
        }
    }
}
