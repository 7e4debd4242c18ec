package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
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
import org.rustydb.transaction.internal.TransactionCoordinator;

/** Index behaviour particular to the memory engine: its visibility, fail-fast locking and messages. */
class MemoryIndexTest {
    private final MemoryStorageEngine engine = new MemoryStorageEngine();
    private final TransactionCoordinator transactions = new TransactionCoordinator();

    private Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    static TableDefinition people(String name) {
        return new TableDefinition("public", name,
                List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                        new ColumnDefinition("name", SqlType.TEXT, -1, false),
                        new ColumnDefinition("age", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("ok", SqlType.BOOLEAN, -1, false)),
                List.of(new UniqueKey(name + "_pkey", List.of(0), true)));
    }

    private TableHandle filled() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, people("people"));
        Object[][] rows = {{5L, "bob", 30, true}, {1L, "alice", 41, true}, {3L, "bob", 25, false}, {2L, "dave", 30, null}};
        for (Object[] row : rows) {
            engine.insert(txn, table, row);
        }
        txn.commit();
        return table;
    }

    private List<Object> ids(Transaction txn, IndexHandle index, KeyRange range) {
        List<Object> out = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, index, range, false)) {
            while (cursor.next()) {
                out.add(cursor.row()[0]);
            }
        }
        return out;
    }

    /** The ids a table scan finds with {@code age} equal to the value, in id order. */
    private List<Object> scanAge(Transaction txn, TableHandle table, int age) {
        List<Object> out = new ArrayList<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                if (Integer.valueOf(age).equals(cursor.row()[2])) {
                    out.add(cursor.row()[0]);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static DbException fails(String sqlState, Runnable action) {
        DbException e = assertThrows(DbException.class, action::run);
        assertEquals(sqlState, e.sqlState(), e.getMessage());
        return e;
    }

    private IndexHandle create(TableHandle table, String name, boolean unique, Integer... columns) {
        Transaction txn = begin();
        IndexHandle index = engine.createIndex(txn, table, new IndexDefinition(name, List.of(columns), unique));
        txn.commit();
        return index;
    }

    @Test
    void indexScansSeeExactlyWhatTableScansSee() {
        TableHandle table = filled();
        IndexHandle byAge = create(table, "people_age", false, 2);
        Transaction writer = begin();
        engine.insert(writer, table, new Object[] {20L, "eve", 30, true});
        RowId bob = new RowId(1); // the first row inserted: id 5
        engine.update(writer, table, bob, new Object[] {5L, "bob", 30, true}, new Object[] {5L, "bob", 99, true});
        Transaction other = begin();
        for (Transaction txn : List.of(writer, other)) {
            // no isolation yet: both see the live rows, through either access path
            assertEquals(scanAge(txn, table, 30), sorted(ids(txn, byAge, KeyRange.equal(30))));
            assertEquals(List.of(2L, 20L), ids(txn, byAge, KeyRange.equal(30)));
            assertEquals(List.of(5L), ids(txn, byAge, KeyRange.equal(99)));
        }
        other.commit();
        writer.rollback();
        Transaction after = begin();
        // equal keys come in row id order: bob's row was inserted first
        assertEquals(List.of(5L, 2L), ids(after, byAge, KeyRange.equal(30)));
        assertEquals(scanAge(after, table, 30), sorted(ids(after, byAge, KeyRange.equal(30))));
        assertEquals(List.of(), ids(after, byAge, KeyRange.equal(99)));
        after.commit();
    }

    @Test
    void anIndexBeingCreatedIsHiddenFromOthersAndLocksTheTable() {
        TableHandle table = filled();
        Transaction creator = begin();
        IndexHandle index = engine.createIndex(creator, table, new IndexDefinition("people_name", List.of(1), false));
        Transaction other = begin();
        assertTrue(engine.findIndex(other, "public", "people_name").isEmpty());
        assertEquals(List.of("people_pkey"), names(engine.indexes(other, table)));
        assertEquals(List.of("people_pkey", "people_name"), names(engine.indexes(creator, table)));
        fails(SqlState.UNDEFINED_OBJECT, () -> engine.scanIndex(other, index, KeyRange.ALL, false));
        // others may read the table, not write it, nor take the name
        assertEquals(4, ids(other, engine.indexes(other, table).get(0), KeyRange.ALL).size());
        DbException locked = fails(SqlState.LOCK_NOT_AVAILABLE,
                () -> engine.insert(other, table, new Object[] {8L, "x", 1, true}));
        assertEquals("could not obtain lock on relation \"people\"", locked.getMessage());
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.createTable(other, people("people_name")));
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.dropTable(other, table));
        creator.commit();
        assertEquals(List.of("people_pkey", "people_name"), names(engine.indexes(other, table)));
        engine.insert(other, table, new Object[] {8L, "x", 1, true});
        fails(SqlState.DUPLICATE_TABLE, () -> engine.createTable(other, people("people_name")));
        other.commit();
    }

    @Test
    void indexDdlFailsFastWhileOthersWriteTheTable() {
        TableHandle table = filled();
        IndexHandle existing = create(table, "people_age", false, 2);
        Transaction writer = begin();
        engine.delete(writer, table, new RowId(1));
        Transaction ddl = begin();
        fails(SqlState.LOCK_NOT_AVAILABLE,
                () -> engine.createIndex(ddl, table, new IndexDefinition("people_name", List.of(1), false)));
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.dropIndex(ddl, existing));
        writer.rollback();
        engine.dropIndex(ddl, existing);
        Transaction reader = begin();
        assertTrue(engine.findIndex(reader, "public", "people_age").isEmpty());
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.update(reader, table, new RowId(1), new Object[] {5L, "b", 1, true}));
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.createIndex(reader, table,
                new IndexDefinition("people_age", List.of(2), false)));
        ddl.commit();
        engine.createIndex(reader, table, new IndexDefinition("people_age", List.of(2), false));
        reader.commit();
    }

    @Test
    void uniqueKeysAreIndexesThatCannotBeDroppedAlone() {
        TableHandle table = filled();
        Transaction txn = begin();
        IndexHandle pkey = engine.findIndex(txn, "public", "people_pkey").orElseThrow();
        assertEquals(new IndexDefinition("people_pkey", List.of(0), true), pkey.definition());
        assertEquals(table, pkey.table());
        DbException e = fails(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, () -> engine.dropIndex(txn, pkey));
        assertEquals("cannot drop index people_pkey because constraint people_pkey on table people requires it",
                e.getMessage());
        assertEquals("You can drop constraint people_pkey on table people instead.", e.hint());
        DbException clash = fails(SqlState.DUPLICATE_TABLE,
                () -> engine.createIndex(txn, table, new IndexDefinition("people_pkey", List.of(1), false)));
        assertEquals("relation \"people_pkey\" already exists", clash.getMessage());
        fails(SqlState.DUPLICATE_TABLE, () -> engine.createTable(txn, people("people_pkey")));
        TableDefinition keyedLikeTable = new TableDefinition("public", "other", people("x").columns(),
                List.of(new UniqueKey("people", List.of(0), true)));
        fails(SqlState.DUPLICATE_TABLE, () -> engine.createTable(txn, keyedLikeTable));
        TableDefinition keyedLikeItself = new TableDefinition("public", "other", people("x").columns(),
                List.of(new UniqueKey("other", List.of(0), true)));
        fails(SqlState.DUPLICATE_TABLE, () -> engine.createTable(txn, keyedLikeItself));
        // another schema is another namespace
        engine.createTable(txn, new TableDefinition("s", "people_pkey", people("x").columns(), List.of()));
        txn.commit();
    }

    @Test
    void uniqueIndexMessagesAreTheOnesOfPostgreSql() {
        TableHandle table = filled();
        Transaction txn = begin();
        DbException build = fails(SqlState.UNIQUE_VIOLATION,
                () -> engine.createIndex(txn, table, new IndexDefinition("people_ok_key", List.of(3), true)));
        assertEquals("could not create unique index \"people_ok_key\"", build.getMessage());
        assertEquals("Key (ok)=(t) is duplicated.", build.detail());
        engine.createIndex(txn, table, new IndexDefinition("people_name_ok", List.of(1, 3), true));
        DbException dup = fails(SqlState.UNIQUE_VIOLATION,
                () -> engine.insert(txn, table, new Object[] {9L, "bob", 1, false}));
        assertEquals("duplicate key value violates unique constraint \"people_name_ok\"", dup.getMessage());
        assertEquals("Key (name, ok)=(bob, f) already exists.", dup.detail());
        txn.commit();
    }

    @Test
    void rollbackRestoresIndexesAndTheirEntries() {
        TableHandle table = filled();
        IndexHandle byName = create(table, "people_name_key", true, 1, 2);
        Transaction txn = begin();
        engine.dropIndex(txn, byName);
        // the key is not enforced while dropped; the rollback takes the duplicate out first
        engine.insert(txn, table, new Object[] {50L, "bob", 30, true});
        engine.update(txn, table, new RowId(3), new Object[] {7L, "zed", 1, true});
        engine.createIndex(txn, table, new IndexDefinition("people_name_key", List.of(2), false));
        txn.rollback();
        Transaction check = begin();
        IndexHandle back = engine.findIndex(check, "public", "people_name_key").orElseThrow();
        assertEquals(byName, back);
        assertEquals(List.of(1L, 3L, 5L, 2L), ids(check, back, KeyRange.ALL));
        fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(check, table, new Object[] {50L, "bob", 30, true}));
        check.rollback();
    }

    @Test
    void droppingTheTableDropsItsIndexes() {
        TableHandle table = filled();
        IndexHandle byName = create(table, "people_name", false, 1);
        Transaction drop = begin();
        engine.dropTable(drop, table);
        assertTrue(engine.findIndex(drop, "public", "people_name").isEmpty());
        fails(SqlState.UNDEFINED_OBJECT, () -> engine.scanIndex(drop, byName, KeyRange.ALL, false));
        Transaction other = begin();
        // the names come back if the drop is rolled back
        fails(SqlState.LOCK_NOT_AVAILABLE, () -> engine.createTable(other, people("people_name")));
        // the dropper may reuse them
        TableHandle again = engine.createTable(drop, people("people"));
        engine.createIndex(drop, again, new IndexDefinition("people_name", List.of(1), false));
        drop.rollback();
        assertEquals(byName, engine.findIndex(other, "public", "people_name").orElseThrow());
        assertEquals(List.of(1L, 5L, 3L, 2L), ids(other, byName, KeyRange.ALL));
        other.commit();

        Transaction dropAgain = begin();
        engine.dropTable(dropAgain, table);
        dropAgain.commit();
        Transaction after = begin();
        assertTrue(engine.findIndex(after, "public", "people_name").isEmpty());
        assertTrue(engine.findIndex(after, "public", "people_pkey").isEmpty());
        fails(SqlState.UNDEFINED_OBJECT, () -> engine.dropIndex(after, byName));
        engine.createTable(after, people("people_name"));
        after.commit();
    }

    @Test
    void aDroppedIndexHandleIsUndefined() {
        TableHandle table = filled();
        IndexHandle index = create(table, "people_age", false, 2);
        Transaction drop = begin();
        engine.dropIndex(drop, index);
        DbException again = fails(SqlState.UNDEFINED_OBJECT, () -> engine.dropIndex(drop, index));
        assertEquals("index \"people_age\" does not exist", again.getMessage());
        drop.commit();
        Transaction txn = begin();
        fails(SqlState.UNDEFINED_OBJECT, () -> engine.scanIndex(txn, index, KeyRange.ALL, false));
        assertEquals(List.of("people_pkey"), names(engine.indexes(txn, table)));
        txn.commit();
    }

    @Test
    void aStatementMovingKeysAheadOfItsIndexCursorSeesEachRowOnce() {
        TableHandle table = filled();
        IndexHandle byAge = create(table, "people_age", false, 2);
        Transaction txn = begin();
        int updates = 0;
        try (RowCursor cursor = engine.scanIndex(txn, byAge, KeyRange.ALL, false)) {
            while (cursor.next()) {
                Object[] row = cursor.row();
                Object[] moved = {row[0], row[1], (Integer) row[2] + 100, row[3]};
                engine.update(txn, table, cursor.rowId(), row, moved);
                updates++;
            }
        }
        assertEquals(4, updates);
        assertEquals(List.of(3L, 5L, 2L, 1L), ids(txn, byAge, KeyRange.ALL));
        txn.commit();
    }

    @Test
    void textKeysScanInCodePointOrder() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, people("texts"));
        // ids give the code point order (UTF-8 byte order); UTF-16 order would put 5 and 6 before 3 and 4
        String[] names = {"", "a", "\uD7FF", "\uE000", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE00a", "\uDBFF\uDFFF"};
        int[] insertOrder = {5, 3, 7, 0, 6, 2, 4, 1};
        for (int i : insertOrder) {
            engine.insert(txn, table, new Object[] {(long) i, names[i], i, true});
        }
        IndexHandle byName = engine.createIndex(txn, table, new IndexDefinition("texts_name", List.of(1), true));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), ids(txn, byName, KeyRange.ALL));
        List<Object> descending = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, byName, KeyRange.ALL, true)) {
            while (cursor.next()) {
                descending.add(cursor.row()[0]);
            }
        }
        assertEquals(List.of(7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L), descending);
        // ranges bounded by a supplementary character and by a character above the surrogates
        assertEquals(List.of(3L, 4L), ids(txn, byName, new KeyRange(List.of("\uD7FF"), false, List.of("\uD800\uDC00"), false)));
        assertEquals(List.of(5L, 6L), ids(txn, byName, new KeyRange(List.of("\uFFFF"), false, List.of("\uD83D\uDE00a"), true)));
        assertEquals(List.of(6L), ids(txn, byName, KeyRange.equal("\uD83D\uDE00a")));
        fails(SqlState.UNIQUE_VIOLATION, () -> engine.insert(txn, table, new Object[] {9L, "\uD83D\uDE00", 9, true}));
        txn.rollback();
    }

    @Test
    void boundsOfTheWrongTypeAreACallerBug() {
        TableHandle table = filled();
        Transaction txn = begin();
        IndexHandle pkey = engine.indexes(txn, table).get(0);
        assertThrows(IllegalArgumentException.class, () -> engine.scanIndex(txn, pkey, KeyRange.equal(5), false));
        assertThrows(IllegalArgumentException.class, () -> engine.scanIndex(txn, pkey, KeyRange.equal(5L, 1L), false));
        // an empty range, lower above upper, is no error
        assertEquals(List.of(), ids(txn, pkey, new KeyRange(List.of(5L), true, List.of(2L), true)));
        assertEquals(List.of(), ids(txn, pkey, new KeyRange(List.of(5L), false, List.of(5L), true)));
        txn.commit();
    }

    private static List<Object> sorted(List<Object> ids) {
        List<Object> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }

    private static List<String> names(List<IndexHandle> indexes) {
        return indexes.stream().map(i -> i.definition().name()).toList();
    }
}
