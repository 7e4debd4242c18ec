package org.rustydb.execution.internal.plan;

import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;

/**
 * The statistics ANALYZE collected, per storage engine and table (by schema and name), kept in
 * memory: after a restart a table has none until it is analyzed again, and the planner falls
 * back to PostgreSQL's default selectivities.
 */
public final class Statistics {
    private static final Map<StorageEngine, Map<String, TableStats>> BY_ENGINE = new WeakHashMap<>();

    private Statistics() {
    }

    private static synchronized Map<String, TableStats> of(StorageEngine storage) {
        return BY_ENGINE.computeIfAbsent(storage, s -> new ConcurrentHashMap<>());
    }

    private static String key(TableHandle table) {
        return table.definition().schema() + "." + table.definition().name();
    }

    public static void put(StorageEngine storage, TableHandle table, TableStats stats) {
        of(storage).put(key(table), stats);
    }

    public static Optional<TableStats> get(StorageEngine storage, TableHandle table) {
        TableStats s = of(storage).get(key(table));
        // a table recreated with other columns has nothing to do with the old statistics
        return s != null && s.columns().size() == table.definition().columns().size() ? Optional.of(s)
                : Optional.empty();
    }

    public static void forget(StorageEngine storage, TableHandle table) {
        of(storage).remove(key(table));
    }
}
