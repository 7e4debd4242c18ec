package org.rustydb.storage.memory.internal;

import org.rustydb.kernel.testkit.StorageConstraintContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

class MemoryStorageConstraintTest extends StorageConstraintContract {
    @Override
    protected StorageEngine createEngine() {
        return new MemoryStorageEngine();
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }
}
