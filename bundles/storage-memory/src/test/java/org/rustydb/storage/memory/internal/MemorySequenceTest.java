package org.rustydb.storage.memory.internal;

import org.rustydb.kernel.testkit.StorageSequenceContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

class MemorySequenceTest extends StorageSequenceContract {
    @Override
    protected StorageEngine createEngine() {
        return new MemoryStorageEngine();
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @Override
    protected StorageEngine restart(boolean crash) {
        return null;
    }
}
