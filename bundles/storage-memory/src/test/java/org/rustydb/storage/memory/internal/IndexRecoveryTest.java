package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** CREATE and DROP INDEX through crashes (log replay) and clean restarts (snapshots). */
class IndexRecoveryTest {
    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private final List<MemoryStorageEngine> opened = new ArrayList<>();
    private MemoryStorageEngine engine;

    private MemoryStorageEngine open() {
        engine = MemoryStorageEngine.open(dir, DurabilityOptions.defaults());
        opened.add(engine);
        return engine;
    }

    private void crashAndReopen() {
        engine.store().orElseThrow().halt();
        open();
    }

    private void shutDownAndReopen() {
        engine.shutDown();
        open();
        assertEquals(0, engine.store().orElseThrow().recoveryInfo().records(), "all from the snapshot");
    }

    @AfterEach
    void closeAll() {
        for (MemoryStorageEngine e : opened) {
            e.store().orElseThrow().halt();
        }
    }

    private Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    private Optional<IndexHandle> index(String name) {
        Transaction txn = begin();
        try {
            return engine.findIndex(txn, "public", name);
        } finally {
            txn.commit();
        }
    }

    private List<Object> ids(String index, KeyRange range) {
        Transaction txn = begin();
        List<Object> out = new ArrayList<>();
        try (RowCursor cursor = engine.scanIndex(txn, index(index).orElseThrow(), range, false)) {
            while (cursor.next()) {
                out.add(cursor.row()[0]);
            }
        }
        txn.commit();
        return out;
    }

    /**
     * Table t with committed unique index t_v_key and index t_v_id, an index created and dropped
     * by a rolled-back transaction, and one created by a transaction left open.
     */
    private TableHandle setUp() {
        open();
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, RecoveryTest.table("t"));
        engine.insert(txn, t, new Object[] {1, "b"});
        engine.insert(txn, t, new Object[] {2, "a"});
        engine.insert(txn, t, new Object[] {3, null});
        engine.insert(txn, t, new Object[] {4, "c"});
        engine.createIndex(txn, t, new IndexDefinition("t_v_key", List.of(1), true));
        txn.commit();
        Transaction more = begin();
        engine.createIndex(more, t, new IndexDefinition("t_v_id", List.of(1, 0), false));
        engine.insert(more, t, new Object[] {5, "a0"});
        more.commit();
        Transaction rolledBack = begin();
        engine.createIndex(rolledBack, t, new IndexDefinition("t_never", List.of(0), false));
        engine.dropIndex(rolledBack, index("t_v_id").orElseThrow());
        rolledBack.rollback();
        Transaction unfinished = begin();
        engine.createIndex(unfinished, t, new IndexDefinition("t_unfinished", List.of(0), false));
        engine.insert(unfinished, t, new Object[] {6, "unfinished"});
        return t;
    }

    private void assertRecovered() {
        assertEquals(List.of(2, 5, 1, 4, 3), ids("t_v_key", KeyRange.ALL));
        assertEquals(List.of(5), ids("t_v_id", KeyRange.equal("a0")));
        assertTrue(index("t_never").isEmpty());
        assertTrue(index("t_unfinished").isEmpty());
        Transaction txn = begin();
        TableHandle t = engine.findTable(txn, "public", "t").orElseThrow();
        assertEquals(List.of("t_pkey", "t_v_id", "t_v_key"),
                engine.indexes(txn, t).stream().map(i -> i.definition().name()).toList());
        DbException dup = assertThrows(DbException.class, () -> engine.insert(txn, t, new Object[] {7, "c"}));
        assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
        assertEquals("duplicate key value violates unique constraint \"t_v_key\"", dup.getMessage());
        txn.rollback();
    }

    @Test
    void committedIndexesSurviveACrashAndOthersDoNot() {
        setUp();
        crashAndReopen();
        assertRecovered();
    }

    @Test
    void committedIndexesSurviveASnapshot() throws IOException {
        setUp();
        crashAndReopen();
        shutDownAndReopen();
        assertRecovered();
        // and a snapshot taken in the background, with more log after it
        engine.store().orElseThrow().checkpoint();
        Transaction drop = begin();
        engine.dropIndex(drop, index("t_v_id").orElseThrow());
        drop.commit();
        crashAndReopen();
        assertTrue(engine.store().orElseThrow().recoveryInfo().snapshotLsn() > 0);
        assertTrue(index("t_v_id").isEmpty());
        assertEquals(List.of(2, 5, 1, 4, 3), ids("t_v_key", KeyRange.ALL));
    }

    @Test
    void droppedIndexesAndTablesStayDroppedAndTheirNamesFree() throws IOException {
        setUp();
        crashAndReopen();
        Transaction txn = begin();
        engine.dropIndex(txn, index("t_v_id").orElseThrow());
        TableHandle t = engine.findTable(txn, "public", "t").orElseThrow();
        // the name of a dropped index is free again in the same transaction
        engine.createIndex(txn, t, new IndexDefinition("t_v_id", List.of(0), true));
        txn.commit();
        crashAndReopen();
        assertEquals(new IndexDefinition("t_v_id", List.of(0), true), index("t_v_id").orElseThrow().definition());
        Transaction dropTable = begin();
        engine.dropTable(dropTable, engine.findTable(dropTable, "public", "t").orElseThrow());
        engine.createTable(dropTable, RecoveryTest.table("t_v_key"));
        dropTable.commit();
        engine.store().orElseThrow().checkpoint();
        crashAndReopen();
        assertTrue(index("t_v_id").isEmpty());
        assertTrue(index("t_v_key").isEmpty());
        assertTrue(index("t_v_key_pkey").isPresent());
    }
}
