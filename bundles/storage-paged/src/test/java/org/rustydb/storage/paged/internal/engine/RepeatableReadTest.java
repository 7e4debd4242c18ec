package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * REPEATABLE READ: one snapshot for the whole transaction, taken by its first read, as in
 * PostgreSQL; READ COMMITTED sees each statement's own snapshot.
 */
class RepeatableReadTest extends OpenEngine {
    private TableHandle table;

    @BeforeEach
    void createTable() {
        Transaction setup = begin(IsolationLevel.READ_COMMITTED);
        table = engine.createTable(setup, PagedRecoveryTest.table("t"));
        engine.insert(setup, table, new Object[] {1, "a"});
        setup.commit();
    }

    private Map<Integer, String> read(Transaction txn) {
        Map<Integer, String> rows = new TreeMap<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                rows.put((Integer) cursor.row()[0], (String) cursor.row()[1]);
            }
        }
        return rows;
    }

    private void committedChange() {
        Transaction other = begin(IsolationLevel.READ_COMMITTED);
        engine.update(other, table, PagedRecoveryTest.rowIdOf(engine, other, "t", 1), new Object[] {1, "a"},
                new Object[] {1, "b"});
        engine.insert(other, table, new Object[] {2, "new"});
        other.commit();
    }

    @Test
    void repeatableReadSeesTheSameRowsAllAlongAndRefusesToChangeWhatChangedMeanwhile() {
        Transaction rr = begin(IsolationLevel.REPEATABLE_READ);
        assertEquals(Map.of(1, "a"), read(rr));
        committedChange();
        assertEquals(Map.of(1, "a"), read(rr), "no non-repeatable read, no phantom");
        var rowId = PagedRecoveryTest.rowIdOf(engine, rr, "t", 1);
        DbException e = assertThrows(DbException.class, () -> engine.update(rr, table, rowId, new Object[] {1, "c"}));
        assertEquals(SqlState.SERIALIZATION_FAILURE, e.sqlState());
        assertEquals("could not serialize access due to concurrent update", e.getMessage());
        rr.rollback();
        assertEquals(Map.of(1, "b", 2, "new"), read(begin(IsolationLevel.READ_COMMITTED)));
    }

    @Test
    void repeatableReadSeesItsOwnChanges() {
        Transaction rr = begin(IsolationLevel.REPEATABLE_READ);
        assertEquals(Map.of(1, "a"), read(rr));
        engine.insert(rr, table, new Object[] {3, "mine"});
        engine.update(rr, table, PagedRecoveryTest.rowIdOf(engine, rr, "t", 1), new Object[] {1, "a"},
                new Object[] {1, "mine too"});
        assertEquals(Map.of(1, "mine too", 3, "mine"), read(rr));
        rr.commit();
        assertEquals(Map.of(1, "mine too", 3, "mine"), read(begin(IsolationLevel.READ_COMMITTED)));
    }

    @Test
    void readCommittedSeesWhatCommittedBeforeEachStatement() {
        Transaction rc = begin(IsolationLevel.READ_COMMITTED);
        assertEquals(Map.of(1, "a"), read(rc));
        committedChange();
        assertEquals(Map.of(1, "b", 2, "new"), read(rc));
        rc.commit();
    }
}
