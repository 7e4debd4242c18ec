package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageSavepointContract;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The savepoint contract with the log, and what a reopened engine recovers after one. */
class DurableMemoryStorageSavepointTest extends StorageSavepointContract {
    @TempDir
    Path dir;

    @Override
    protected StorageEngine createEngine() {
        return MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @AfterEach
    void shutDownEngine() {
        ((MemoryStorageEngine) engine).shutDown();
    }

    @Test
    void onlyTheWorkKeptBeforeTheCommitIsRecovered() {
        TableHandle table = committedTable("t", 1, 2);
        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {3, "kept"});
        txn.savepoint("s");
        engine.insert(txn, table, new Object[] {4, "undone"});
        engine.delete(txn, table, rowIdOf(txn, table, 1));
        engine.createTable(txn, items("undone"));
        engine.createIndex(txn, table, new IndexDefinition("t_undone", List.of(1), false));
        txn.rollbackToSavepoint("s");
        engine.update(txn, table, rowIdOf(txn, table, 2), new Object[] {2, "changed"});
        txn.commit();
        ((MemoryStorageEngine) engine).shutDown();
        engine = createEngine();
        Transaction read = begin();
        assertEquals(List.of("t"), engine.listTables(read).stream().map(t -> t.definition().name()).toList());
        assertEquals(List.of("t_pkey"), engine.indexes(read, engine.findTable(read, "public", "t").orElseThrow())
                .stream().map(i -> i.definition().name()).toList());
        read.commit();
        assertEquals(java.util.Map.of(1, "v1", 2, "changed", 3, "kept"), committedContents("t"));
    }
}
