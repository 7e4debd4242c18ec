package org.rustydb.storage.memory.internal;

import org.rustydb.kernel.testkit.StorageCatalogVersionContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The catalog version contract on the memory engine. */
class MemoryStorageCatalogVersionTest extends StorageCatalogVersionContract {
    @Override
    protected StorageEngine createEngine() {
        return new MemoryStorageEngine();
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }
}
