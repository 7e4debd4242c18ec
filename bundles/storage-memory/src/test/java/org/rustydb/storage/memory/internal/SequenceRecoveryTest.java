package org.rustydb.storage.memory.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageSequenceContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The ALTER SEQUENCE contract, also across a crash and a clean shutdown. */
class SequenceRecoveryTest extends StorageSequenceContract {
    @TempDir
    Path dir;
    private final ReopenedStores stores = new ReopenedStores();

    @Override
    protected StorageEngine createEngine() {
        return stores.open(dir);
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @Override
    protected StorageEngine restart(boolean crash) {
        return stores.restart(engine, crash, dir);
    }

    @AfterEach
    void closeAll() {
        stores.shutDownAll();
    }
}
