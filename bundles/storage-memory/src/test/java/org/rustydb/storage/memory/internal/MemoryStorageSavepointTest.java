package org.rustydb.storage.memory.internal;

import org.rustydb.kernel.testkit.StorageSavepointContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

class MemoryStorageSavepointTest extends StorageSavepointContract {
    @Override
    protected StorageEngine createEngine() {
        return new MemoryStorageEngine();
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }
}
