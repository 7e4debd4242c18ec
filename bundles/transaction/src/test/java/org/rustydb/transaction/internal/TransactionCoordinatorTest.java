package org.rustydb.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rustydb.api.IsolationLevel;
import org.rustydb.kernel.testkit.TransactionManagerContract;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

class TransactionCoordinatorTest extends TransactionManagerContract {
    @Override
    protected TransactionManager createManager() {
        return new TransactionCoordinator();
    }

    @Test
    void rollbackAllEndsEveryOpenTransaction() {
        TransactionCoordinator coordinator = (TransactionCoordinator) manager;
        Transaction a = coordinator.begin(IsolationLevel.READ_COMMITTED, false);
        Transaction b = coordinator.begin(IsolationLevel.READ_COMMITTED, false);
        coordinator.rollbackAll();
        assertEquals(Transaction.State.ROLLED_BACK, a.state());
        assertEquals(Transaction.State.ROLLED_BACK, b.state());
        assertEquals(0, coordinator.activeCount());
    }
}
