package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * Rolling back to a savepoint in a storage engine that supports it (its participant is a
 * {@link org.rustydb.spi.txn.SavepointParticipant}): the work since the savepoint is undone, the
 * work before it kept, for rows, unique keys, indexes and DDL, and a commit afterwards makes only
 * the kept work visible.
 */
public abstract class StorageSavepointContract extends StorageContractBase {

    protected static TableDefinition items(String name) {
        return new TableDefinition("public", name,
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey(name + "_pkey", List.of(0), true)));
    }

    /** The rows as id -> v, failing if a row shows twice. */
    protected Map<Integer, String> contents(Transaction txn, TableHandle table) {
        Map<Integer, String> out = new TreeMap<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                Object[] row = cursor.row();
                assertEquals(null, out.put((Integer) row[0], (String) row[1]), "row seen twice: " + row[0]);
            }
        }
        return out;
    }

    /** The ids an index scan finds for a key, sorted. */
    protected List<Integer> lookup(Transaction txn, IndexHandle index, Object key) {
        List<Integer> out = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, index, KeyRange.equal(key), false)) {
            while (cursor.next()) {
                out.add((Integer) cursor.row()[0]);
            }
        }
        out.sort(null);
        return out;
    }

    protected RowId rowIdOf(Transaction txn, TableHandle table, int id) {
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                if (cursor.row()[0].equals(id)) {
                    return cursor.rowId();
                }
            }
        }
        throw new AssertionError("no row " + id);
    }

    protected TableHandle committedTable(String name, int... ids) {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, items(name));
        for (int id : ids) {
            engine.insert(txn, table, new Object[] {id, "v" + id});
        }
        txn.commit();
        return table;
    }

    protected Map<Integer, String> committedContents(String name) {
        Transaction read = begin();
        try {
            return contents(read, engine.findTable(read, "public", name).orElseThrow());
        } finally {
            read.commit();
        }
    }

    private static Map<Integer, String> map(Object... idsAndValues) {
        Map<Integer, String> out = new TreeMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            out.put((Integer) idsAndValues[i], (String) idsAndValues[i + 1]);
        }
        return out;
    }

    @Test
    void rowChangesSinceTheSavepointAreUndoneAndEarlierOnesKept() {
        TableHandle table = committedTable("t", 1, 2, 3);
        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {4, "before"});
        engine.update(txn, table, rowIdOf(txn, table, 1), new Object[] {1, "before"});
        txn.savepoint("s");
        engine.insert(txn, table, new Object[] {5, "after"});
        engine.update(txn, table, rowIdOf(txn, table, 1), new Object[] {1, "after"});
        engine.update(txn, table, rowIdOf(txn, table, 2), new Object[] {2, "after"});
        engine.delete(txn, table, rowIdOf(txn, table, 3));
        engine.delete(txn, table, rowIdOf(txn, table, 4));
        txn.rollbackToSavepoint("s");
        Map<Integer, String> kept = map(1, "before", 2, "v2", 3, "v3", 4, "before");
        assertEquals(kept, contents(txn, table));
        txn.commit();
        assertEquals(kept, committedContents("t"));
    }

    @Test
    void theTransactionGoesOnAfterARollbackToASavepoint() {
        TableHandle table = committedTable("t", 1);
        Transaction txn = begin();
        txn.savepoint("s");
        engine.update(txn, table, rowIdOf(txn, table, 1), new Object[] {1, "first try"});
        txn.rollbackToSavepoint("s");
        engine.update(txn, table, rowIdOf(txn, table, 1), new Object[] {1, "second try"});
        engine.insert(txn, table, new Object[] {2, "new"});
        txn.rollbackToSavepoint("s");
        engine.update(txn, table, rowIdOf(txn, table, 1), new Object[] {1, "third try"});
        txn.commit();
        assertEquals(map(1, "third try"), committedContents("t"));
    }

    @Test
    void aKeyInsertedSinceTheSavepointIsFreeAgainForEveryone() {
        TableHandle table = committedTable("t");
        Transaction txn = begin();
        txn.savepoint("s");
        engine.insert(txn, table, new Object[] {1, "undone"});
        txn.rollbackToSavepoint("s");
        engine.insert(txn, table, new Object[] {1, "mine"});
        txn.savepoint("t");
        engine.insert(txn, table, new Object[] {2, "undone"});
        txn.rollbackToSavepoint("t");
        Transaction other = begin();
        engine.insert(other, table, new Object[] {2, "theirs"});
        other.commit();
        IndexHandle key = engine.indexes(txn, table).get(0);
        assertEquals(List.of(1), lookup(txn, key, 1));
        txn.commit();
        assertEquals(map(1, "mine", 2, "theirs"), committedContents("t"));
        Transaction read = begin();
        assertEquals(List.of(2), lookup(read, key, 2));
        read.commit();
    }

    @Test
    void aKeyDeletedSinceTheSavepointBelongsToItsRowAgain() {
        TableHandle table = committedTable("t", 1);
        Transaction txn = begin();
        txn.savepoint("s");
        engine.delete(txn, table, rowIdOf(txn, table, 1));
        engine.insert(txn, table, new Object[] {1, "replacement"});
        txn.rollbackToSavepoint("s");
        DbException dup = assertThrows(DbException.class, () -> engine.insert(txn, table, new Object[] {1, "dup"}));
        assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
        txn.commit();
        assertEquals(map(1, "v1"), committedContents("t"));
    }

    @Test
    void nestedSavepointsReleaseAndRollBackAsAStack() {
        TableHandle table = committedTable("t");
        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {1, "a"});
        txn.savepoint("outer");
        engine.insert(txn, table, new Object[] {2, "b"});
        txn.savepoint("inner");
        engine.insert(txn, table, new Object[] {3, "c"});
        txn.releaseSavepoint("inner");
        engine.insert(txn, table, new Object[] {4, "d"});
        txn.savepoint("inner");
        engine.insert(txn, table, new Object[] {5, "e"});
        txn.rollbackToSavepoint("inner");
        assertEquals(map(1, "a", 2, "b", 3, "c", 4, "d"), contents(txn, table));
        txn.rollbackToSavepoint("outer");
        assertEquals(map(1, "a"), contents(txn, table));
        txn.commit();
        assertEquals(map(1, "a"), committedContents("t"));
    }

    @Test
    void theFirstChangeAfterTheSavepointCanBeUndoneToo() {
        TableHandle table = committedTable("t", 1);
        Transaction txn = begin();
        txn.savepoint("s");
        // the engine takes part only from this change on
        engine.insert(txn, table, new Object[] {2, "after"});
        engine.delete(txn, table, rowIdOf(txn, table, 1));
        txn.rollbackToSavepoint("s");
        assertEquals(map(1, "v1"), contents(txn, table));
        txn.commit();
        assertEquals(map(1, "v1"), committedContents("t"));
    }

    @Test
    void aFailedStatementsPartialWorkIsUndoneByTheRollbackToTheSavepoint() {
        TableHandle table = committedTable("t", 3);
        Transaction txn = begin();
        txn.savepoint("s");
        engine.insert(txn, table, new Object[] {1, "part"});
        engine.insert(txn, table, new Object[] {2, "part"});
        assertThrows(DbException.class, () -> engine.insert(txn, table, new Object[] {3, "clash"}));
        txn.rollbackToSavepoint("s");
        engine.insert(txn, table, new Object[] {2, "retry"});
        txn.commit();
        assertEquals(map(2, "retry", 3, "v3"), committedContents("t"));
    }

    @Test
    void tablesCreatedSinceTheSavepointAreGoneAndTheirNamesFree() {
        committedTable("kept", 1);
        Transaction txn = begin();
        TableHandle early = engine.createTable(txn, items("early"));
        engine.insert(txn, early, new Object[] {1, "early"});
        txn.savepoint("s");
        TableHandle late = engine.createTable(txn, items("late"));
        engine.insert(txn, late, new Object[] {1, "late"});
        engine.createIndex(txn, late, new IndexDefinition("late_v", List.of(1), false));
        txn.rollbackToSavepoint("s");
        assertTrue(engine.findTable(txn, "public", "late").isEmpty());
        assertTrue(engine.findIndex(txn, "public", "late_v").isEmpty());
        assertTrue(engine.findIndex(txn, "public", "late_pkey").isEmpty());
        TableHandle again = engine.createTable(txn, items("late"));
        engine.insert(txn, again, new Object[] {2, "again"});
        txn.commit();
        assertEquals(map(1, "early"), committedContents("early"));
        assertEquals(map(2, "again"), committedContents("late"));
        Transaction read = begin();
        assertEquals(List.of("early", "kept", "late"),
                engine.listTables(read).stream().map(t -> t.definition().name()).toList());
        read.commit();
    }

    @Test
    void tablesDroppedSinceTheSavepointAreBackWithTheirRows() {
        TableHandle table = committedTable("t", 1, 2);
        Transaction setup = begin();
        engine.createIndex(setup, table, new IndexDefinition("t_v", List.of(1), false));
        setup.commit();
        Transaction txn = begin();
        txn.savepoint("s");
        engine.dropTable(txn, table);
        assertTrue(engine.findTable(txn, "public", "t").isEmpty());
        txn.rollbackToSavepoint("s");
        TableHandle back = engine.findTable(txn, "public", "t").orElseThrow();
        engine.insert(txn, back, new Object[] {3, "v3"});
        IndexHandle byValue = engine.findIndex(txn, "public", "t_v").orElseThrow();
        assertEquals(List.of(3), lookup(txn, byValue, "v3"));
        txn.commit();
        assertEquals(map(1, "v1", 2, "v2", 3, "v3"), committedContents("t"));
        Transaction read = begin();
        assertTrue(engine.findIndex(read, "public", "t_v").isPresent());
        read.commit();
    }

    @Test
    void indexesCreatedOrDroppedSinceTheSavepointAreUndone() {
        TableHandle table = committedTable("t", 1, 2);
        Transaction setup = begin();
        engine.createIndex(setup, table, new IndexDefinition("t_old", List.of(1), false));
        setup.commit();
        Transaction txn = begin();
        txn.savepoint("s");
        engine.dropIndex(txn, engine.findIndex(txn, "public", "t_old").orElseThrow());
        engine.createIndex(txn, table, new IndexDefinition("t_new", List.of(1), true));
        txn.rollbackToSavepoint("s");
        assertTrue(engine.findIndex(txn, "public", "t_new").isEmpty());
        IndexHandle old = engine.findIndex(txn, "public", "t_old").orElseThrow();
        // both rows may share a value now: the unique index is gone
        engine.update(txn, table, rowIdOf(txn, table, 2), new Object[] {2, "v1"});
        assertEquals(List.of(1, 2), lookup(txn, old, "v1"));
        txn.commit();
        Transaction read = begin();
        assertEquals(List.of("t_pkey", "t_old"),
                engine.indexes(read, table).stream().map(i -> i.definition().name()).toList());
        read.commit();
    }

    @Test
    void releasedWorkIsRolledBackWithTheEnclosingSavepointOrKeptByTheCommit() {
        TableHandle table = committedTable("t");
        Transaction txn = begin();
        txn.savepoint("a");
        engine.insert(txn, table, new Object[] {1, "x"});
        txn.savepoint("b");
        engine.insert(txn, table, new Object[] {2, "y"});
        txn.releaseSavepoint("b");
        txn.rollbackToSavepoint("a");
        assertTrue(contents(txn, table).isEmpty());
        engine.insert(txn, table, new Object[] {3, "z"});
        txn.savepoint("c");
        engine.insert(txn, table, new Object[] {4, "w"});
        txn.releaseSavepoint("a");
        txn.commit();
        assertEquals(map(3, "z", 4, "w"), committedContents("t"));
    }

    @Test
    void aRollbackAfterARollbackToASavepointUndoesEverything() {
        TableHandle table = committedTable("t", 1);
        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {2, "before"});
        txn.savepoint("s");
        engine.insert(txn, table, new Object[] {3, "after"});
        txn.rollbackToSavepoint("s");
        txn.rollback();
        assertEquals(map(1, "v1"), committedContents("t"));
    }

    @Test
    void othersNeverSeeUndoneWork() {
        TableHandle table = committedTable("t", 1);
        Transaction txn = begin();
        txn.savepoint("s");
        engine.update(txn, table, rowIdOf(txn, table, 1), new Object[] {1, "undone"});
        engine.insert(txn, table, new Object[] {2, "undone"});
        txn.rollbackToSavepoint("s");
        txn.commit();
        Transaction read = begin();
        assertEquals(map(1, "v1"), contents(read, table));
        assertFalse(contents(read, table).containsValue("undone"));
        // the row is free to change again
        engine.update(read, table, rowIdOf(read, table, 1), new Object[] {1, "later"});
        read.commit();
        assertEquals(map(1, "later"), committedContents("t"));
    }
}
