package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;

/**
 * Vacuum running over and over while transfers move money between accounts, a churn thread
 * inserts and deletes rows and checks each of its rows by key, and readers sum the balances:
 * the total never changes, every lookup finds exactly its own row, and the indexes end up
 * holding exactly the live rows.
 */
class VacuumConcurrencyTest extends OpenEngine {
    private static final int ACCOUNTS = 60;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final ExecutorService pool = Executors.newFixedThreadPool(5);
    private final AtomicBoolean running = new AtomicBoolean(true);

    @AfterEach
    void stopPool() {
        running.set(false);
        pool.shutdownNow();
    }

    private static TableDefinition accounts() {
        return new TableDefinition("public", "accounts",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("balance", SqlType.INTEGER, -1, true)),
                List.of(new UniqueKey("accounts_pkey", List.of(0), true)));
    }

    /** The rows with this key, through the primary key. */
    private List<Object[]> lookup(Transaction txn, TableHandle table, int id) {
        List<Object[]> out = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, engine.indexes(txn, table).get(0), KeyRange.equal(id), false)) {
            while (cursor.next()) {
                Object[] row = cursor.row().clone();
                row = java.util.Arrays.copyOf(row, row.length + 1);
                row[row.length - 1] = cursor.rowId();
                out.add(row);
            }
        }
        return out;
    }

    private static boolean retryable(DbException e) {
        // two transfers that lock the same two rows in opposite orders deadlock: one is the victim
        return SqlState.LOCK_NOT_AVAILABLE.equals(e.sqlState()) || SqlState.SERIALIZATION_FAILURE.equals(e.sqlState())
                || SqlState.DEADLOCK_DETECTED.equals(e.sqlState());
    }

    @Test
    void transfersChurnAndReadersStayCorrectWhileVacuumRuns() throws Exception {
        Transaction setup = begin();
        TableHandle accounts = engine.createTable(setup, accounts());
        engine.createIndex(setup, accounts, new IndexDefinition("accounts_balance", List.of(1), false));
        TableHandle churn = engine.createTable(setup, PagedRecoveryTest.table("churn"));
        for (int i = 0; i < ACCOUNTS; i++) {
            engine.insert(setup, accounts, new Object[] {i, 1000});
        }
        setup.commit();
        long total = ACCOUNTS * 1000L;
        AtomicLong transfers = new AtomicLong();
        AtomicLong sums = new AtomicLong();
        AtomicLong vacuums = new AtomicLong();
        AtomicLong removed = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int seed = w;
            workers.add(pool.submit((Callable<Void>) () -> {
                Random random = new Random(seed);
                while (running.get()) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    Transaction txn = begin();
                    try {
                        Object[] a = lookup(txn, accounts, from).get(0);
                        Object[] b = lookup(txn, accounts, to).get(0);
                        int amount = random.nextInt(50);
                        engine.update(txn, accounts, (RowId) a[2], new Object[] {a[0], a[1]},
                                new Object[] {from, (Integer) a[1] - amount});
                        engine.update(txn, accounts, (RowId) b[2], new Object[] {b[0], b[1]},
                                new Object[] {to, (Integer) b[1] + amount});
                        txn.commit();
                        transfers.incrementAndGet();
                    } catch (DbException e) {
                        txn.rollback();
                        if (!retryable(e)) {
                            throw e;
                        }
                    }
                }
                return null;
            }));
        }
        workers.add(pool.submit((Callable<Void>) () -> {
            Map<Integer, String> mine = new HashMap<>();
            Random random = new Random(42);
            for (int n = 0; running.get(); n++) {
                Transaction txn = begin();
                engine.insert(txn, churn, new Object[] {n, "churn " + n});
                if (n % 3 == 0 && !mine.isEmpty()) {
                    int victim = new ArrayList<>(mine.keySet()).get(random.nextInt(mine.size()));
                    Object[] row = lookup(txn, churn, victim).get(0);
                    engine.delete(txn, churn, (RowId) row[2], new Object[] {row[0], row[1]});
                    mine.remove(victim);
                }
                txn.commit();
                mine.put(n, "churn " + n);
                if (n % 50 == 0) {
                    Transaction check = begin();
                    for (Map.Entry<Integer, String> e : mine.entrySet()) {
                        List<Object[]> found = lookup(check, churn, e.getKey());
                        assertEquals(1, found.size(), "row " + e.getKey());
                        assertEquals(e.getValue(), found.get(0)[1]);
                    }
                    check.commit();
                }
            }
            return null;
        }));
        workers.add(pool.submit((Callable<Void>) () -> {
            while (running.get()) {
                Transaction txn = transactions.begin(IsolationLevel.REPEATABLE_READ, true);
                long byScan = 0;
                int rows = 0;
                try (RowCursor cursor = engine.scan(txn, accounts)) {
                    while (cursor.next()) {
                        byScan += (Integer) cursor.row()[1];
                        rows++;
                    }
                }
                long byIndex = 0;
                try (RowCursor cursor = engine.scanIndex(txn, engine.indexes(txn, accounts).get(1), KeyRange.ALL,
                        false)) {
                    while (cursor.next()) {
                        byIndex += (Integer) cursor.row()[1];
                    }
                }
                txn.commit();
                assertEquals(ACCOUNTS, rows);
                assertEquals(total, byScan);
                assertEquals(total, byIndex);
                sums.incrementAndGet();
            }
            return null;
        }));
        workers.add(pool.submit((Callable<Void>) () -> {
            while (running.get()) {
                for (TableHandle t : List.of(accounts, churn)) {
                    VacuumResult r = engine.vacuum(t);
                    removed.addAndGet(r.removedIndexEntries());
                }
                vacuums.incrementAndGet();
            }
            return null;
        }));
        long deadline = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < deadline && workers.stream().noneMatch(Future::isDone)) {
            Thread.sleep(20);
        }
        running.set(false);
        for (Future<?> f : workers) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertTrue(transfers.get() > 50 && sums.get() > 5 && vacuums.get() > 2 && removed.get() > 0,
                transfers + " transfers, " + sums + " sums, " + vacuums + " vacuums, " + removed + " entries removed");

        // quiet now: one vacuum leaves exactly the live rows in every index
        engine.vacuum(accounts);
        engine.vacuum(churn);
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(Set.of())) {
            assertTrue(report.ok(), report.table() + ": " + report.problems());
            long indexes = report.table().equals("accounts") ? 2 : 1;
            assertEquals(indexes * report.liveRows(), report.indexEntries(), report.table());
        }
        Transaction read = begin();
        long sum = 0;
        try (RowCursor cursor = engine.scan(read, accounts)) {
            while (cursor.next()) {
                sum += (Integer) cursor.row()[1];
            }
        }
        read.commit();
        assertEquals(total, sum);
    }
}
