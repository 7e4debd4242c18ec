package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/** SERIALIZABLE in the paged engine: write skew, allowed at REPEATABLE READ, fails with 40001. */
class SerializableTest extends OpenEngine {
    private TableHandle table;

    @BeforeEach
    void createTable() {
        Transaction setup = begin();
        table = engine.createTable(setup, PagedRecoveryTest.table("oncall"));
        engine.insert(setup, table, new Object[] {1, "on"});
        engine.insert(setup, table, new Object[] {2, "on"});
        setup.commit();
    }

    private int onCall(Transaction txn) {
        int n = 0;
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                n += "on".equals(cursor.row()[1]) ? 1 : 0;
            }
        }
        return n;
    }

    /** Each doctor goes off call if another one is on call; both read 2 and both leave. */
    private void goOffCall(Transaction txn, int doctor) {
        assertEquals(2, onCall(txn));
        engine.update(txn, table, PagedRecoveryTest.rowIdOf(engine, txn, "oncall", doctor), new Object[] {doctor, "on"},
                new Object[] {doctor, "off"});
    }

    @Test
    void writeSkewIsPreventedAtSerializable() {
        Transaction t1 = begin(IsolationLevel.SERIALIZABLE);
        Transaction t2 = begin(IsolationLevel.SERIALIZABLE);
        goOffCall(t1, 1);
        goOffCall(t2, 2);
        t1.commit();
        DbException e = assertThrows(DbException.class, t2::commit);
        assertEquals("40001", e.sqlState());
        assertEquals(Transaction.State.ROLLED_BACK, t2.state());
        Transaction check = begin();
        assertEquals(1, onCall(check));
        check.commit();
    }

    @Test
    void writeSkewHappensAtRepeatableRead() {
        Transaction t1 = begin(IsolationLevel.REPEATABLE_READ);
        Transaction t2 = begin(IsolationLevel.REPEATABLE_READ);
        goOffCall(t1, 1);
        goOffCall(t2, 2);
        t1.commit();
        t2.commit();
        Transaction check = begin();
        assertEquals(0, onCall(check), "the documented anomaly of snapshot isolation");
        check.commit();
    }

    @Test
    void serialTransactionsDoNotConflict() {
        Transaction t1 = begin(IsolationLevel.SERIALIZABLE);
        goOffCall(t1, 1);
        t1.commit();
        Transaction t2 = begin(IsolationLevel.SERIALIZABLE);
        assertEquals(1, onCall(t2));
        t2.commit();
    }
}
