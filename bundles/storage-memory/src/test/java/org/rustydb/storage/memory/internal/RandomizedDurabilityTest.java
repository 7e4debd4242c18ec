package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.storage.log.internal.wal.WalOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Random transactions against the durable engine and a plain model of the committed state, with
 * the engine crashed or shut down and reopened at random points, its state compared each time.
 * Small segments and checkpoint sizes make rollover and background snapshots happen often.
 */
class RandomizedDurabilityTest {
    private static final String[] NAMES = {"t0", "t1", "t2"};
    private static final DurabilityOptions OPTIONS = new DurabilityOptions(false, 3_000, new WalOptions(1_500, false));

    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private MemoryStorageEngine engine;
    private Random random;

    /** Committed state: table name to rows by row id. */
    private Map<String, Map<Long, Object[]>> committed = new TreeMap<>();

    static TableDefinition definition(String name) {
        return new TableDefinition("public", name,
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.TEXT, -1, false),
                        new ColumnDefinition("n", SqlType.BIGINT, -1, false)),
                List.of(new UniqueKey(name + "_pkey", List.of(0), true)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void engineMatchesTheModelAcrossCrashesAndRestarts(long seed) {
        random = new Random(seed);
        engine = MemoryStorageEngine.open(dir, OPTIONS);
        try {
            for (int step = 0; step < 700; step++) {
                runTransaction();
                if (random.nextInt(25) == 0) {
                    reopen(random.nextInt(3) > 0);
                }
            }
            reopen(true);
        } finally {
            engine.store().orElseThrow().halt();
        }
    }

    private void reopen(boolean crash) {
        if (crash) {
            engine.store().orElseThrow().halt();
        } else {
            engine.shutDown();
        }
        engine = MemoryStorageEngine.open(dir, OPTIONS);
        compare();
    }

    private void runTransaction() {
        Map<String, Map<Long, Object[]>> working = new TreeMap<>();
        committed.forEach((name, rows) -> working.put(name, new HashMap<>(rows)));
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        boolean failed = false;
        int ops = 1 + random.nextInt(6);
        for (int i = 0; i < ops && !failed; i++) {
            failed = !randomOp(txn, working);
        }
        if (random.nextInt(50) == 0) {
            // crash with the transaction still open: none of it may survive
            reopen(true);
            return;
        }
        if (failed || random.nextInt(10) < 3) {
            txn.rollback();
        } else {
            txn.commit();
            committed = working;
        }
        if (random.nextInt(10) == 0) {
            compare();
        }
    }

    /** Applies one random op to the engine and the model; false when it failed as the model said it would. */
    private boolean randomOp(Transaction txn, Map<String, Map<Long, Object[]>> working) {
        String name = NAMES[random.nextInt(NAMES.length)];
        Map<Long, Object[]> rows = working.get(name);
        int choice = random.nextInt(20);
        if (rows == null) {
            engine.createTable(txn, definition(name));
            working.put(name, new HashMap<>());
            return true;
        }
        TableHandle table = engine.findTable(txn, "public", name).orElseThrow();
        if (choice == 0) {
            engine.dropTable(txn, table);
            working.remove(name);
            return true;
        }
        List<Long> ids = new ArrayList<>(rows.keySet());
        Object[] values = {random.nextInt(40), random.nextInt(4) == 0 ? null : text(),
            random.nextLong() >> random.nextInt(64)};
        boolean duplicate = rows.values().stream().anyMatch(r -> r[0].equals(values[0]));
        if (choice < 12 || ids.isEmpty()) {
            if (duplicate) {
                expectUniqueViolation(() -> engine.insert(txn, table, values));
                return false;
            }
            RowId id = engine.insert(txn, table, values);
            rows.put(id.value(), values);
            return true;
        }
        long id = ids.get(random.nextInt(ids.size()));
        if (choice < 16) {
            boolean clash = rows.entrySet().stream()
                    .anyMatch(e -> e.getKey() != id && e.getValue()[0].equals(values[0]));
            if (clash) {
                expectUniqueViolation(() -> engine.update(txn, table, new RowId(id), values));
                return false;
            }
            engine.update(txn, table, new RowId(id), values);
            rows.put(id, values);
            return true;
        }
        engine.delete(txn, table, new RowId(id));
        rows.remove(id);
        return true;
    }

    private String text() {
        String[] parts = {"", "a", "ü", "日本", "😀", " ", "long text "};
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            sb.append(parts[random.nextInt(parts.length)]);
        }
        return sb.toString();
    }

    private static void expectUniqueViolation(Runnable op) {
        try {
            op.run();
            fail("expected a unique violation");
        } catch (DbException e) {
            assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState(), e.getMessage());
        }
    }

    private void compare() {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        List<String> tables = engine.listTables(txn).stream().map(t -> t.definition().name()).toList();
        assertEquals(List.copyOf(committed.keySet()), tables);
        for (Map.Entry<String, Map<Long, Object[]>> expected : committed.entrySet()) {
            TableHandle table = engine.findTable(txn, "public", expected.getKey()).orElseThrow();
            Map<Long, Object[]> actual = new HashMap<>();
            try (RowCursor cursor = engine.scan(txn, table)) {
                while (cursor.next()) {
                    actual.put(cursor.rowId().value(), cursor.row());
                }
            }
            assertEquals(expected.getValue().keySet(), actual.keySet(), expected.getKey());
            expected.getValue().forEach((id, row) -> {
                assertNotNull(actual.get(id));
                assertArrayEquals(row, actual.get(id), expected.getKey() + " row " + id);
            });
        }
        txn.commit();
    }
}
