package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * The index behaviour every {@link StorageEngine} must have: unique keys are indexes, CREATE and
 * DROP INDEX, and index scans that see exactly what table scans see, in key order.
 */
public abstract class StorageIndexContract extends StorageContractBase {

    private static TableDefinition people() {
        return new TableDefinition("public", "people",
                List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                        new ColumnDefinition("name", SqlType.TEXT, -1, false),
                        new ColumnDefinition("age", SqlType.INTEGER, -1, false)),
                List.of(new UniqueKey("people_pkey", List.of(0), true)));
    }

    private TableHandle filledPeople() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, people());
        Object[][] rows = {
            {5L, "bob", 30}, {1L, "alice", 41}, {9L, "carol", null}, {3L, "bob", 25}, {7L, null, 30}, {2L, "dave", 30},
        };
        for (Object[] row : rows) {
            engine.insert(txn, table, row);
        }
        txn.commit();
        return table;
    }

    private List<Object> ids(Transaction txn, IndexHandle index, KeyRange range, boolean descending) {
        List<Object> out = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, index, range, descending)) {
            while (cursor.next()) {
                out.add(cursor.row()[0]);
            }
        }
        return out;
    }

    private IndexHandle index(Transaction txn, String name) {
        return engine.findIndex(txn, "public", name).orElseThrow();
    }

    @Test
    void aPrimaryKeyIsAnIndexScannedInKeyOrderBothWays() {
        TableHandle table = filledPeople();
        Transaction txn = begin();
        List<IndexHandle> indexes = engine.indexes(txn, table);
        assertEquals(1, indexes.size());
        assertEquals(new IndexDefinition("people_pkey", List.of(0), true), indexes.get(0).definition());
        assertEquals(List.of(1L, 2L, 3L, 5L, 7L, 9L), ids(txn, indexes.get(0), KeyRange.ALL, false));
        assertEquals(List.of(9L, 7L, 5L, 3L, 2L, 1L), ids(txn, indexes.get(0), KeyRange.ALL, true));
        assertEquals(List.of(5L), ids(txn, indexes.get(0), KeyRange.equal(5L), false));
        assertEquals(List.of(), ids(txn, indexes.get(0), KeyRange.equal(4L), false));
        assertEquals(List.of(3L, 5L), ids(txn, indexes.get(0), new KeyRange(List.of(2L), false, List.of(5L), true), false));
        assertEquals(List.of(7L, 9L), ids(txn, indexes.get(0), new KeyRange(List.of(5L), false, List.of(), true), false));
        assertEquals(List.of(2L, 1L), ids(txn, indexes.get(0), new KeyRange(List.of(), true, List.of(3L), false), true));
        txn.commit();
    }

    @Test
    void aCreatedIndexFindsDuplicatesAndPutsNullsLast() {
        TableHandle table = filledPeople();
        Transaction ddl = begin();
        engine.createIndex(ddl, table, new IndexDefinition("people_name_age", List.of(1, 2), false));
        ddl.commit();
        Transaction txn = begin();
        IndexHandle index = index(txn, "people_name_age");
        assertEquals(List.of(1L, 3L, 5L, 9L, 2L, 7L), ids(txn, index, KeyRange.ALL, false));
        assertEquals(List.of(3L, 5L), sorted(ids(txn, index, KeyRange.equal("bob"), false)));
        assertEquals(List.of(5L), ids(txn, index, KeyRange.equal("bob", 30), false));
        assertEquals(List.of(9L), ids(txn, index, new KeyRange(List.of("c"), true, List.of("d"), false), false));
        // NULL is outside every bounded range
        assertEquals(List.of(2L), ids(txn, index, new KeyRange(List.of("czz"), true, List.of(), true), false));
        assertEquals(List.of(2L, 9L, 5L, 3L, 1L), ids(txn, index, new KeyRange(List.of(), true, List.of("dave"), true), true));
        assertEquals(List.of(index.definition().name()),
                engine.indexes(txn, table).stream().skip(1).map(i -> i.definition().name()).toList());
        txn.commit();
    }

    @Test
    void indexScansSeeWhatTableScansSee() {
        TableHandle table = filledPeople();
        Transaction ddl = begin();
        IndexHandle byAge = engine.createIndex(ddl, table, new IndexDefinition("people_age", List.of(2), false));
        ddl.commit();

        Transaction writer = begin();
        engine.insert(writer, table, new Object[] {20L, "eve", 30});
        RowId bob = null;
        try (RowCursor cursor = engine.scan(writer, table)) {
            while (cursor.next()) {
                if (cursor.row()[0].equals(5L)) {
                    bob = cursor.rowId();
                }
            }
        }
        engine.update(writer, table, bob, new Object[] {5L, "bob", 30}, new Object[] {5L, "bob", 99});
        assertEquals(List.of(2L, 7L, 20L), sorted(ids(writer, byAge, KeyRange.equal(30), false)));
        assertEquals(List.of(5L), ids(writer, byAge, KeyRange.equal(99), false));

        // another transaction sees through the index what it sees in the table, whatever the
        // engine's isolation shows it of the writer's uncommitted changes
        Transaction other = begin();
        assertEquals(idsWithAge(other, table, 30), sorted(ids(other, byAge, KeyRange.equal(30), false)));
        assertEquals(idsWithAge(other, table, 99), sorted(ids(other, byAge, KeyRange.equal(99), false)));
        other.commit();

        writer.rollback();
        Transaction after = begin();
        assertEquals(List.of(2L, 5L, 7L), sorted(ids(after, byAge, KeyRange.equal(30), false)));
        assertEquals(List.of(), ids(after, byAge, KeyRange.equal(99), false));
        after.commit();
    }

    private List<Object> idsWithAge(Transaction txn, TableHandle table, int age) {
        List<Object> out = new ArrayList<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                if (Integer.valueOf(age).equals(cursor.row()[2])) {
                    out.add(cursor.row()[0]);
                }
            }
        }
        return sorted(out);
    }

    private static List<Object> sorted(List<Object> values) {
        Object[] array = values.toArray();
        Arrays.sort(array);
        return List.of(array);
    }

    /** The values of the given columns of each row a cursor returns; asserts the row keeps its width. */
    private static List<List<Object>> projected(RowCursor cursor, int width, int... columns) {
        List<List<Object>> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                assertEquals(width, cursor.row().length);
                out.add(Arrays.stream(columns).mapToObj(c -> cursor.row()[c]).toList());
            }
        }
        return out;
    }

    private static List<List<Object>> rows(Object[]... rows) {
        return Arrays.stream(rows).map(Arrays::asList).toList();
    }

    @Test
    void scansAskedForSomeColumnsDeliverThoseInEveryRow() {
        TableHandle table = filledPeople();
        Transaction ddl = begin();
        engine.createIndex(ddl, table, new IndexDefinition("people_age", List.of(2), false));
        ddl.commit();
        Transaction txn = begin();
        IndexHandle pk = index(txn, "people_pkey");
        IndexHandle byAge = index(txn, "people_age");

        List<List<Object>> full = projected(engine.scan(txn, table), 3, 0, 2);
        assertEquals(full, projected(engine.scan(txn, table, new int[] {0, 2}), 3, 0, 2));
        assertEquals(full.stream().map(r -> r.subList(1, 2)).toList(),
                projected(engine.scan(txn, table, new int[] {2}), 3, 2));
        assertEquals(projected(engine.scan(txn, table), 3, 0, 1, 2),
                projected(engine.scan(txn, table, null), 3, 0, 1, 2));
        assertEquals(rows(new Object[] {"alice"}, new Object[] {"dave"}, new Object[] {"bob"}, new Object[] {"bob"},
                        new Object[] {null}, new Object[] {"carol"}),
                projected(engine.scanIndex(txn, pk, KeyRange.ALL, false, new int[] {1}), 3, 1));
        // a bounded index scan still leaves out keys with NULL when the key column is not asked for
        assertEquals(rows(new Object[] {"bob"}, new Object[] {"dave"}, new Object[] {null}),
                projected(engine.scanIndex(txn, byAge, KeyRange.equal(30), false, new int[] {1}), 3, 1)
                        .stream().sorted((a, b) -> String.valueOf(a.get(0)).compareTo(String.valueOf(b.get(0))))
                        .toList());
        txn.commit();

        // after ALTER TABLE drops a column and adds one, positions follow the new definition
        Transaction alter = begin();
        engine.alterTable(alter, table, new TableDefinition("public", "people",
                List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                        new ColumnDefinition("age", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("nick", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey("people_pkey", List.of(0), true))), List.of(0, 2, -1));
        alter.commit();
        Transaction write = begin();
        TableHandle altered = engine.findTable(write, "public", "people").orElseThrow();
        engine.insert(write, altered, new Object[] {11L, 50, "zed"});
        write.commit();
        Transaction after = begin();
        assertEquals(rows(new Object[] {41}, new Object[] {30}, new Object[] {25}, new Object[] {30},
                        new Object[] {30}, new Object[] {null}, new Object[] {50}),
                projected(engine.scanIndex(after, index(after, "people_pkey"), KeyRange.ALL, false, new int[] {1}), 3,
                        1));
        assertEquals(rows(new Object[] {1L, null}, new Object[] {11L, "zed"}),
                projected(engine.scanIndex(after, index(after, "people_pkey"), KeyRange.ALL, false,
                        new int[] {0, 2}), 3, 0, 2).stream().filter(r -> r.get(0).equals(1L) || r.get(0).equals(11L))
                        .toList());
        assertEquals(7, projected(engine.scan(after, altered, new int[] {2}), 3, 2).size());
        after.commit();
    }

    /** The key columns of each row of an index scan (all of a row's other slots asserted null when {@code keysOnly}). */
    private static List<List<Object>> keys(RowCursor cursor, boolean keysOnly, int... key) {
        List<List<Object>> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                Object[] row = cursor.row();
                assertEquals(3, row.length);
                for (int c = 0; keysOnly && c < row.length; c++) {
                    int column = c;
                    if (Arrays.stream(key).noneMatch(k -> k == column)) {
                        assertEquals(null, row[c], "slot " + c + " of an index-only row");
                    }
                }
                out.add(Arrays.stream(key).mapToObj(c -> row[c]).toList());
            }
        }
        return out;
    }

    /** Index-only and plain index scans of the same ranges give the same keys, in the same order. */
    private void assertIndexOnlyMatches(Transaction txn, IndexHandle index, int... key) {
        List<KeyRange> ranges = List.of(KeyRange.ALL, KeyRange.equal("bob"), KeyRange.equal("bob", 30),
                new KeyRange(List.of("c"), true, List.of(), true), new KeyRange(List.of(), true, List.of("dave"), false));
        for (KeyRange range : ranges) {
            for (boolean descending : new boolean[] {false, true}) {
                assertEquals(keys(engine.scanIndex(txn, index, range, descending), false, key),
                        keys(engine.scanIndexOnly(txn, index, range, descending), true, key), range + " " + descending);
            }
        }
    }

    @Test
    void indexOnlyScansReturnTheKeysAnIndexScanReturns() {
        TableHandle table = filledPeople();
        Transaction ddl = begin();
        engine.createIndex(ddl, table, new IndexDefinition("people_name_age", List.of(1, 2), false));
        ddl.commit();
        Transaction txn = begin();
        IndexHandle index = index(txn, "people_name_age");
        assertIndexOnlyMatches(txn, index, 1, 2);
        txn.commit();

        // once vacuum has seen every row settled, an engine may answer from the index alone: same rows
        engine.vacuum(table);
        Transaction settled = begin();
        try (var cursor = engine.scanIndexOnly(settled, index, KeyRange.ALL, false)) {
            int n = 0;
            while (cursor.next()) {
                n++;
            }
            assertEquals(6, n);
            assertEquals(0, cursor.heapFetches(), "rows all visible after vacuum need no heap fetch");
        }
        assertIndexOnlyMatches(settled, index, 1, 2);
        settled.commit();

        // changes in progress: each transaction sees through the index only what its index scan sees
        Transaction writer = begin();
        engine.insert(writer, table, new Object[] {20L, "bob", 30});
        RowId dave = null;
        try (RowCursor cursor = engine.scan(writer, table)) {
            while (cursor.next()) {
                if (cursor.row()[0].equals(2L)) {
                    dave = cursor.rowId();
                }
            }
        }
        engine.delete(writer, table, dave);
        assertIndexOnlyMatches(writer, index, 1, 2);
        Transaction other = begin();
        assertIndexOnlyMatches(other, index, 1, 2);
        writer.commit();
        assertIndexOnlyMatches(other, index, 1, 2);
        other.commit();
        Transaction after = begin();
        assertEquals(List.of(List.of("bob", 25), List.of("bob", 30), List.of("bob", 30)),
                keys(engine.scanIndexOnly(after, index, KeyRange.equal("bob"), false), true, 1, 2));
        assertEquals(List.of(), keys(engine.scanIndexOnly(after, index, KeyRange.equal("dave"), false), true, 1, 2));
        assertIndexOnlyMatches(after, index, 1, 2);
        after.commit();
    }

    @Test
    void aUniqueIndexRefusesExistingAndNewDuplicates() {
        TableHandle table = filledPeople();
        Transaction txn = begin();
        DbException existing = assertThrows(DbException.class,
                () -> engine.createIndex(txn, table, new IndexDefinition("people_name_key", List.of(1), true)));
        assertEquals(SqlState.UNIQUE_VIOLATION, existing.sqlState());
        txn.rollback();

        Transaction ddl = begin();
        engine.createIndex(ddl, table, new IndexDefinition("people_name_age_key", List.of(1, 2), true));
        ddl.commit();
        Transaction insert = begin();
        DbException dup = assertThrows(DbException.class,
                () -> engine.insert(insert, table, new Object[] {100L, "bob", 30}));
        assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
        insert.rollback();
        Transaction nulls = begin();
        engine.insert(nulls, table, new Object[] {101L, null, 30});
        engine.insert(nulls, table, new Object[] {102L, "carol", null});
        nulls.commit();
    }

    @Test
    void indexNamesShareTheRelationNamespaceAndDropsFollowTransactions() {
        TableHandle table = filledPeople();
        Transaction txn = begin();
        DbException clash = assertThrows(DbException.class,
                () -> engine.createIndex(txn, table, new IndexDefinition("people", List.of(1), false)));
        assertEquals(SqlState.DUPLICATE_TABLE, clash.sqlState());
        txn.rollback();

        Transaction create = begin();
        engine.createIndex(create, table, new IndexDefinition("people_name", List.of(1), false));
        DbException twice = assertThrows(DbException.class,
                () -> engine.createIndex(create, table, new IndexDefinition("people_name", List.of(2), false)));
        assertEquals(SqlState.DUPLICATE_TABLE, twice.sqlState());
        create.rollback();
        assertTrue(engine.findIndex(begin(), "public", "people_name").isEmpty());

        Transaction again = begin();
        engine.createIndex(again, table, new IndexDefinition("people_name", List.of(1), false));
        again.commit();
        Transaction pk = begin();
        DbException dependent = assertThrows(DbException.class, () -> engine.dropIndex(pk, index(pk, "people_pkey")));
        assertEquals(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, dependent.sqlState());
        pk.rollback();

        Transaction drop = begin();
        engine.dropIndex(drop, index(drop, "people_name"));
        assertTrue(engine.findIndex(drop, "public", "people_name").isEmpty());
        drop.rollback();
        Transaction check = begin();
        assertEquals(List.of(3L, 5L), sorted(ids(check, index(check, "people_name"), KeyRange.equal("bob"), false)));
        engine.dropIndex(check, index(check, "people_name"));
        check.commit();
        assertTrue(engine.findIndex(begin(), "public", "people_name").isEmpty());
    }
}
