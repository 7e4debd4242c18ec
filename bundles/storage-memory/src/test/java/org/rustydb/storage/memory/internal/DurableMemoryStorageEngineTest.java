package org.rustydb.storage.memory.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageEngineContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The storage contract again, with every commit going through the log (fsync on). */
class DurableMemoryStorageEngineTest extends StorageEngineContract {
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
}
