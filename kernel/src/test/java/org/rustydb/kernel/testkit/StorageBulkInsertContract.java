package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntConsumer;

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
 * {@link StorageEngine#insertAll}: rows stored together behave exactly as the same rows inserted
 * one by one: in order, with their index entries, the first failing row reporting its own error,
 * the rows before it undone by the rollback of the statement's savepoint or transaction.
 */
public abstract class StorageBulkInsertContract extends StorageContractBase {
    protected static final IntConsumer NO_REPORT = i -> { };

    protected TableHandle items(Transaction txn) {
        TableHandle table = engine.createTable(txn, new TableDefinition("public", "items",
                List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                        new ColumnDefinition("k", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey("items_pkey", List.of(0), true))));
        engine.createIndex(txn, table, new IndexDefinition("items_k", List.of(1), false));
        return table;
    }

    protected static List<Object[]> rows(long from, long to) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = from; id < to; id++) {
            // every 97th row too large to fit a page: stored apart, in between the others
            String v = id % 97 == 0 ? "x".repeat(20_000) + id : "value " + id;
            rows.add(new Object[] {id, (int) (id % 13), v});
        }
        return rows;
    }

    protected TreeMap<Long, Object[]> contents(Transaction txn, TableHandle table) {
        TreeMap<Long, Object[]> out = new TreeMap<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                out.put((Long) cursor.row()[0], cursor.row().clone());
            }
        }
        return out;
    }

    private IndexHandle index(Transaction txn, TableHandle table, String name) {
        return engine.indexes(txn, table).stream().filter(i -> i.definition().name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** Every row is found through both indexes, and the indexes hold nothing else. */
    protected void assertIndexed(Transaction txn, TableHandle table, TreeMap<Long, Object[]> expected) {
        IndexHandle pk = index(txn, table, "items_pkey");
        List<Long> ids = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, pk, KeyRange.ALL, false)) {
            while (cursor.next()) {
                ids.add((Long) cursor.row()[0]);
            }
        }
        assertEquals(new ArrayList<>(expected.keySet()), ids);
        IndexHandle k = index(txn, table, "items_k");
        long byK = 0;
        for (int key = 0; key < 13; key++) {
            try (RowCursor cursor = engine.scanIndex(txn, k, KeyRange.equal(key), false)) {
                while (cursor.next()) {
                    assertEquals(key, cursor.row()[1]);
                    byK++;
                }
            }
        }
        assertEquals(expected.size(), byK);
    }

    @Test
    void rowsStoredTogetherAreFoundAsIfInsertedOneByOne() {
        Transaction txn = begin();
        TableHandle table = items(txn);
        List<Object[]> rows = rows(1, 3001);
        List<RowId> ids = engine.insertAll(txn, table, rows, NO_REPORT);
        assertEquals(rows.size(), ids.size());
        txn.commit();

        Transaction read = begin();
        TreeMap<Long, Object[]> stored = contents(read, table);
        assertEquals(3000, stored.size());
        for (Object[] row : rows) {
            assertArrayEquals(row, stored.get((Long) row[0]));
        }
        assertIndexed(read, table, stored);
        read.commit();

        // the ids name the rows: deleting by them empties the table
        Transaction delete = begin();
        for (RowId id : ids) {
            engine.delete(delete, table, id);
        }
        assertEquals(0, contents(delete, table).size());
        delete.rollback();
    }

    @Test
    void theFirstFailingRowReportsItsErrorAndTheRollbackUndoesTheRest() {
        Transaction setup = begin();
        TableHandle table = items(setup);
        engine.insertAll(setup, table, rows(1, 11), NO_REPORT);
        setup.commit();

        Transaction txn = begin();
        engine.insertAll(txn, table, rows(100, 110), NO_REPORT);
        txn.savepoint("s");
        List<Object[]> batch = rows(200, 500);
        batch.add(new Object[] {5L, 1, "duplicate of a committed row"});
        batch.add(new Object[] {600L, null, "null in a NOT NULL column, after the duplicate"});
        int[] failed = {-1};
        DbException e = assertThrows(DbException.class, () -> engine.insertAll(txn, table, batch, i -> failed[0] = i));
        assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState(), e.getMessage());
        assertEquals(300, failed[0], "the duplicate's position");
        txn.rollbackToSavepoint("s");
        TreeMap<Long, Object[]> expected = contents(txn, table);
        assertEquals(20, expected.size(), "the rows before the savepoint, no row of the failed batch");
        assertIndexed(txn, table, expected);

        // a NOT NULL violation first in line is reported when the rows before it are fine
        List<Object[]> late = rows(700, 710);
        late.add(new Object[] {800L, null, "null"});
        DbException notNull = assertThrows(DbException.class, () -> engine.insertAll(txn, table, late, i -> failed[0] = i));
        assertEquals(SqlState.NOT_NULL_VIOLATION, notNull.sqlState());
        assertEquals(10, failed[0]);
        txn.rollback();

        Transaction read = begin();
        TreeMap<Long, Object[]> committed = contents(read, table);
        assertEquals(10, committed.size());
        assertIndexed(read, table, committed);
        read.commit();
    }

    @Test
    void anEmptyBatchStoresNothing() {
        Transaction txn = begin();
        TableHandle table = items(txn);
        assertEquals(List.of(), engine.insertAll(txn, table, List.of(), NO_REPORT));
        assertTrue(contents(txn, table).isEmpty());
        txn.commit();
    }
}
