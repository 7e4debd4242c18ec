package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.kernel.testkit.StorageEngineContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

class MemoryStorageEngineTest extends StorageEngineContract {
    @Override
    protected StorageEngine createEngine() {
        return new MemoryStorageEngine();
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @Test
    void shutDownEngineRefusesWorkWith57P03() {
        Transaction txn = begin();
        ((MemoryStorageEngine) engine).shutDown();
        DbException e = assertThrows(DbException.class, () -> engine.createTable(txn, accounts()));
        assertEquals(SqlState.CANNOT_CONNECT_NOW, e.sqlState());
        txn.rollback();
    }
}
