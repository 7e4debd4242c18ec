package org.rustydb.storage.memory.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageDdlContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The DDL contract on a durable engine: replayed from the log after a crash, read from the snapshot after a shutdown. */
class DdlRecoveryTest extends StorageDdlContract {
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
