package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageBulkInsertContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The bulk insert contract on the paged engine, and a batch that must wait for a row lock midway. */
class PagedStorageBulkInsertTest extends StorageBulkInsertContract {
    @TempDir
    Path dir;

    @Override
    protected StorageEngine createEngine() {
        return PagedStorageEngine.open(dir, new PagedOptions(true, 8L << 20, 64L << 20));
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @AfterEach
    void shutDownEngine() {
        ((PagedStorageEngine) engine).shutDown();
    }

    /** A table whose only index is its primary key takes runs of ascending keys a leaf at a time. */
    @Test
    void ascendingRunsIntoTheOnlyIndexKeepEveryRuleOfSingleInserts() {
        Transaction setup = begin();
        TableHandle table = engine.createTable(setup, new org.rustydb.spi.storage.TableDefinition("public", "serial",
                List.of(new org.rustydb.spi.storage.ColumnDefinition("id", org.rustydb.api.SqlType.BIGINT, -1, true),
                        new org.rustydb.spi.storage.ColumnDefinition("v", org.rustydb.api.SqlType.TEXT, -1, false)),
                List.of(new org.rustydb.spi.storage.UniqueKey("serial_pkey", List.of(0), true))));
        setup.commit();

        Transaction txn = begin();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long id = 5000; id < 8000; id++) {
            rows.add(new Object[] {id, "v" + id});
        }
        for (long id = 4000; id < 4100; id++) { // out of order: below what is there
            rows.add(new Object[] {id, "v" + id});
        }
        for (long id = 8000; id < 9000; id++) {
            rows.add(new Object[] {id, "v" + id});
        }
        assertEquals(rows.size(), engine.insertAll(txn, table, rows, NO_REPORT).size());
        int[] failed = {-1};
        List<Object[]> duplicate = List.of(new Object[] {9000L, "new"}, new Object[] {9001L, "new"},
                new Object[] {6500L, "taken"}, new Object[] {9002L, "after"});
        txn.savepoint("s");
        org.rustydb.api.DbException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rustydb.api.DbException.class, () -> engine.insertAll(txn, table, duplicate, i -> failed[0] = i));
        assertEquals("23505", e.sqlState());
        assertEquals(2, failed[0]);
        txn.rollbackToSavepoint("s");
        txn.commit();
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck((PagedStorageEngine) engine).run(Set.of("serial"))) {
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(4100, report.liveRows());
        }
    }

    @Test
    void aBatchWaitsForAnUncommittedKeyThenGoesOnWhereItStopped() throws Exception {
        Transaction setup = begin();
        TableHandle table = items(setup);
        setup.commit();

        Transaction holder = begin();
        engine.insert(holder, table, new Object[] {500L, 1, "held"});
        Transaction loader = begin();
        CompletableFuture<Integer> load = CompletableFuture.supplyAsync(
                () -> engine.insertAll(loader, table, rows(1, 1001), NO_REPORT).size());
        Thread.sleep(300);
        assertFalse(load.isDone(), "the batch waits for the holder of key 500");
        holder.rollback();
        assertEquals(1000, load.get(30, TimeUnit.SECONDS));
        loader.commit();

        Transaction read = begin();
        TreeMap<Long, Object[]> stored = contents(read, table);
        assertEquals(1000, stored.size());
        assertEquals(List.of(1L, 1000L), List.of(stored.firstKey(), stored.lastKey()));
        assertIndexed(read, table, stored);
        read.commit();
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck((PagedStorageEngine) engine).run(Set.of("items"))) {
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(1000, report.liveRows());
        }
    }
}
