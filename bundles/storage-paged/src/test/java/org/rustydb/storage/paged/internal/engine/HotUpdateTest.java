package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * Updates that keep every indexed column put the new version on the old one's page without
 * index entries (a HOT chain); lookups by key must still find each row exactly once, in the
 * version their snapshot sees, through commits, rollbacks and the pruning of the chains.
 */
class HotUpdateTest extends OpenEngine {
    private static final int ROWS = 8;

    private TableHandle table() {
        Transaction setup = begin();
        TableHandle t = engine.createTable(setup, new TableDefinition("public", "t",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.INTEGER, -1, true)),
                List.of(new UniqueKey("t_pkey", List.of(0), true))));
        for (int i = 0; i < ROWS; i++) {
            engine.insert(setup, t, new Object[] {i, 0});
        }
        setup.commit();
        return t;
    }

    private Object[] lookup(Transaction txn, TableHandle t, int id, RowId[] at) {
        txn.statementStarted();
        try (RowCursor c = engine.scanIndex(txn, engine.indexes(txn, t).get(0), KeyRange.equal(id), false)) {
            assertTrue(c.next(), "row " + id + " not found");
            Object[] row = c.row().clone();
            if (at != null) {
                at[0] = c.rowId();
            }
            assertFalse(c.next(), "row " + id + " found twice");
            return row;
        }
    }

    @Test
    void lookupsFindEachRowOnceThroughCommitsRollbacksAndPruning() {
        TableHandle t = table();
        int[] expected = new int[ROWS];
        Random random = new Random(7);
        for (int step = 0; step < 5_000; step++) {
            int id = random.nextInt(ROWS);
            Transaction txn = begin();
            RowId[] at = new RowId[1];
            Object[] row = lookup(txn, t, id, at);
            assertEquals(expected[id], row[1], "row " + id + " at step " + step);
            engine.update(txn, t, at[0], row, new Object[] {id, (Integer) row[1] + 1});
            assertEquals(expected[id] + 1, lookup(txn, t, id, null)[1], "own update, step " + step);
            if (random.nextInt(4) == 0) {
                txn.rollback();
            } else {
                txn.commit();
                expected[id]++;
            }
            Transaction check = begin();
            for (int i = 0; i < ROWS; i++) {
                assertEquals(expected[i], lookup(check, t, i, null)[1], "row " + i + " after step " + step);
            }
            check.commit();
        }
        // pruning freed the chains' old versions as it went: no index entries to wait for
        assertTrue(((PagedTable) t).heap().pageCount() <= 2, "pages: " + ((PagedTable) t).heap().pageCount());
        assertConsistent();
    }

    private void assertConsistent() {
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(Set.of())) {
            assertTrue(report.ok(), report.problems().toString());
        }
    }

    private void set(TableHandle t, int id, int v) {
        Transaction txn = begin();
        RowId[] at = new RowId[1];
        Object[] row = lookup(txn, t, id, at);
        engine.update(txn, t, at[0], row, new Object[] {id, v});
        txn.commit();
    }

    private List<Integer> idsWhereV(Transaction txn, IndexHandle byV, int v) {
        txn.statementStarted();
        List<Integer> ids = new ArrayList<>();
        try (RowCursor c = engine.scanIndex(txn, byV, KeyRange.equal(v), false)) {
            while (c.next()) {
                ids.add((Integer) c.row()[0]);
            }
        }
        return ids;
    }

    @Test
    void anIndexBuiltAfterHotUpdatesOfItsColumnFindsTheCurrentValues() {
        TableHandle t = table();
        Transaction old = begin(IsolationLevel.REPEATABLE_READ);
        assertEquals(0, lookup(old, t, 3, null)[1]); // its snapshot sees v = 0 everywhere
        for (int round = 1; round <= 3; round++) {
            for (int id = 0; id < ROWS; id++) {
                set(t, id, round * 10 + id);
            }
        }
        Transaction build = begin();
        IndexHandle byV = engine.createIndex(build, t, new IndexDefinition("t_v", List.of(1), false));
        build.commit();
        Transaction now = begin();
        assertEquals(List.of(3), idsWhereV(now, byV, 33));
        assertEquals(List.of(), idsWhereV(now, byV, 23), "an older value of the row");
        assertTrue(engine.indexes(now, t).contains(byV));
        now.commit();
        // the old snapshot may see versions the index has no entry for: it does not use it
        assertFalse(engine.indexes(old, t).contains(byV));
        assertEquals(0, lookup(old, t, 3, null)[1]);
        old.commit();
        set(t, 3, 99); // a change of the indexed column: a new entry, no heap-only version
        set(t, 4, 34); // a HOT update again: the key it keeps has its entry
        Transaction later = begin();
        assertEquals(List.of(3), idsWhereV(later, byV, 99));
        assertEquals(List.of(), idsWhereV(later, byV, 33));
        assertEquals(List.of(4), idsWhereV(later, byV, 34));
        later.commit();
        assertConsistent();
    }

    @Test
    void aRolledBackHotUpdateLeavesTheRowAsItWasAndItsSlotIsReused() {
        TableHandle t = table();
        Transaction undone = begin();
        RowId[] at = new RowId[1];
        Object[] row = lookup(undone, t, 2, at);
        engine.update(undone, t, at[0], row, new Object[] {2, 7});
        undone.rollback();
        Transaction read = begin();
        assertEquals(0, lookup(read, t, 2, null)[1]);
        read.commit();
        for (int i = 0; i < 2_000; i++) {
            set(t, 2, i);
        }
        Transaction check = begin();
        assertEquals(1_999, lookup(check, t, 2, null)[1]);
        check.commit();
        assertEquals(1, ((PagedTable) t).heap().pageCount());
        assertConsistent();
    }

    @Test
    void aHotUpdateUndoneToASavepointLeavesTheRowToTheNextUpdate() {
        TableHandle t = table();
        Transaction txn = begin();
        RowId[] at = new RowId[1];
        Object[] row = lookup(txn, t, 5, at);
        txn.savepoint("s");
        engine.update(txn, t, at[0], row, new Object[] {5, 1});
        assertEquals(1, lookup(txn, t, 5, null)[1]);
        txn.rollbackToSavepoint("s");
        assertEquals(0, lookup(txn, t, 5, at)[1]);
        engine.update(txn, t, at[0], new Object[] {5, 0}, new Object[] {5, 2});
        assertEquals(2, lookup(txn, t, 5, null)[1]);
        txn.commit();
        for (int i = 3; i < 300; i++) {
            set(t, 5, i); // prunes the undone version and reuses its slot
        }
        Transaction check = begin();
        assertEquals(299, lookup(check, t, 5, null)[1]);
        check.commit();
        assertConsistent();
    }

    @Test
    void aDeletedRowsKeyIsFreeAndALiveRowsKeyIsTakenThroughItsChain() {
        TableHandle t = table();
        for (int i = 1; i <= 50; i++) {
            set(t, 6, i);
        }
        Transaction dup = begin();
        DbException taken = assertThrows(DbException.class, () -> engine.insert(dup, t, new Object[] {6, 0}));
        assertEquals(SqlState.UNIQUE_VIOLATION, taken.sqlState());
        dup.rollback();
        Transaction delete = begin();
        RowId[] at = new RowId[1];
        lookup(delete, t, 6, at);
        engine.delete(delete, t, at[0]);
        delete.commit();
        Transaction again = begin();
        engine.insert(again, t, new Object[] {6, 77});
        assertEquals(77, lookup(again, t, 6, null)[1]);
        again.commit();
        assertConsistent();
    }

    @Test
    void anIndexOnlyScanCountsEachRowOnceWhateverItsChain() {
        TableHandle t = table();
        for (int round = 1; round <= 20; round++) {
            for (int id = 0; id < ROWS; id++) {
                set(t, id, round);
            }
        }
        for (int pass = 0; pass < 2; pass++) { // before the vacuum (heap fetches), then after it (all-visible)
            Transaction read = begin();
            read.statementStarted();
            List<Object> ids = new ArrayList<>();
            try (IndexOnlyCursor c = engine.scanIndexOnly(read, engine.indexes(read, t).get(0), KeyRange.ALL, false)) {
                while (c.next()) {
                    ids.add(c.row()[0]);
                }
            }
            read.commit();
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ids, "pass " + pass);
            engine.vacuum(t);
        }
        assertConsistent();
    }
}
