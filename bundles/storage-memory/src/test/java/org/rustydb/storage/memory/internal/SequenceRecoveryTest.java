package org.rustydb.storage.memory.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageSequenceContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The ALTER SEQUENCE contract, also across a crash and a clean shutdown. */
class SequenceRecoveryTest extends StorageSequenceContract {
    @TempDir
    Path dir;
    private final List<MemoryStorageEngine> opened = new ArrayList<>();

    @Override
    protected StorageEngine createEngine() {
        MemoryStorageEngine engine = MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
        opened.add(engine);
        return engine;
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @Override
    protected StorageEngine restart(boolean crash) {
        MemoryStorageEngine memory = (MemoryStorageEngine) engine;
        if (crash) {
            memory.store().orElseThrow().halt();
        } else {
            memory.shutDown();
        }
        return createEngine();
    }

    @AfterEach
    void closeAll() {
        for (MemoryStorageEngine engine : opened) {
            try {
                engine.shutDown();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }
}
