package org.rustydb.storage.paged.internal.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageDdlContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The DDL contract: defaults, ALTER TABLE and sequences, also across a crash and a clean shutdown. */
class PagedStorageDdlTest extends StorageDdlContract {
    @TempDir
    Path dir;
    private final ReopenedEngines engines = new ReopenedEngines();

    @Override
    protected StorageEngine createEngine() {
        return engines.open(dir);
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @Override
    protected StorageEngine restart(boolean crash) {
        return engines.restart(engine, crash, dir);
    }

    @AfterEach
    void closeAll() {
        engines.haltAll();
    }
}
