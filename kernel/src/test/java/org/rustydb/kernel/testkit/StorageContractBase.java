package org.rustydb.kernel.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

/** What the storage contracts share: a fresh engine and transaction manager per test. */
public abstract class StorageContractBase {
    protected StorageEngine engine;
    protected TransactionManager transactions;

    protected abstract StorageEngine createEngine();

    protected abstract TransactionManager createTransactionManager();

    @BeforeEach
    void setUpEngine() {
        engine = createEngine();
        transactions = createTransactionManager();
    }

    protected Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }
}
