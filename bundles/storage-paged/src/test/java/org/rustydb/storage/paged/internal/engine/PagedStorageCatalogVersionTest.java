package org.rustydb.storage.paged.internal.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageCatalogVersionContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The catalog version contract on the paged engine. */
class PagedStorageCatalogVersionTest extends StorageCatalogVersionContract {
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
}
