package org.rustydb.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.kernel.testkit.TransactionManagerContract;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.TransactionManager;

class TransactionCoordinatorTest extends TransactionManagerContract {
    @Override
    protected TransactionManager createManager() {
        return new TransactionCoordinator();
    }

    @Test
    void aTransactionRolledBackBecauseTheManagerStopsFailsItsStatementWith57P03() {
        TransactionCoordinator coordinator = (TransactionCoordinator) manager;
        Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, false);
        coordinator.rollbackAll();
        DbException commit = assertThrows(DbException.class, txn::commit);
        assertEquals(SqlState.CANNOT_CONNECT_NOW, commit.sqlState());
        Transaction other = manager.begin(IsolationLevel.READ_COMMITTED, false);
        other.rollback();
        assertEquals(SqlState.INVALID_TRANSACTION_STATE, assertThrows(DbException.class, other::commit).sqlState());
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
