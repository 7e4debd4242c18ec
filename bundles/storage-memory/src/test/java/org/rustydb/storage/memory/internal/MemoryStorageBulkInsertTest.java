package org.rustydb.storage.memory.internal;

import org.rustydb.kernel.testkit.StorageBulkInsertContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

class MemoryStorageBulkInsertTest extends StorageBulkInsertContract {
    @Override
    protected StorageEngine createEngine() {
        return new MemoryStorageEngine();
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }
}
