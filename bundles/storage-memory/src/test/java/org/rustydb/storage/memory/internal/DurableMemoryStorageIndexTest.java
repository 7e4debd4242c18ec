package org.rustydb.storage.memory.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageIndexContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The index contract again, with every commit (CREATE and DROP INDEX included) going through the log. */
class DurableMemoryStorageIndexTest extends StorageIndexContract {
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
