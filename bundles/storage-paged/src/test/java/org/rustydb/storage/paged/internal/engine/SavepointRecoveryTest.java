package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Rollbacks to savepoints across a crash (halt without checkpoint, then reopen): a committed
 * transaction that rolled back to a savepoint keeps exactly the work it kept, and one that did not
 * commit leaves nothing.
 */
class SavepointRecoveryTest {
    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private final List<PagedStorageEngine> opened = new ArrayList<>();

    private PagedStorageEngine open() {
        PagedStorageEngine engine = PagedStorageEngine.open(dir, new PagedOptions(true, 8L << 20, 1L << 30));
        opened.add(engine);
        return engine;
    }

    @AfterEach
    void closeAll() {
        for (PagedStorageEngine engine : opened) {
            try {
                engine.halt();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }

    private Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    private static void assertConsistent(PagedStorageEngine engine) {
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(Set.of())) {
            assertTrue(report.ok(), report.table() + ": " + report.problems());
        }
    }

    @Test
    void aCommitAfterARollbackToASavepointRecoversOnlyTheKeptWork() {
        PagedStorageEngine engine = open();
        Transaction setup = begin();
        TableHandle t = engine.createTable(setup, PagedRecoveryTest.table("t"));
        for (int i = 0; i < 100; i++) {
            engine.insert(setup, t, new Object[] {i, "v" + i});
        }
        setup.commit();
        // the undo edits land on pages written before the checkpoint too
        engine.checkpoint();

        Transaction txn = begin();
        Map<Integer, String> expected = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            expected.put(i, "v" + i);
        }
        engine.insert(txn, t, new Object[] {100, "kept"});
        expected.put(100, "kept");
        engine.update(txn, t, PagedRecoveryTest.rowIdOf(engine, txn, "t", 1), new Object[] {1, "kept update"});
        expected.put(1, "kept update");
        txn.savepoint("s");
        for (int i = 200; i < 1200; i++) {
            engine.insert(txn, t, new Object[] {i, "undone"});
        }
        for (int i = 2; i < 50; i++) {
            engine.delete(txn, t, PagedRecoveryTest.rowIdOf(engine, txn, "t", i));
        }
        engine.update(txn, t, PagedRecoveryTest.rowIdOf(engine, txn, "t", 1), new Object[] {1, "undone"});
        TableHandle undoneTable = engine.createTable(txn, PagedRecoveryTest.table("undone"));
        engine.insert(txn, undoneTable, new Object[] {1, "undone"});
        engine.createIndex(txn, t, new IndexDefinition("t_v", List.of(1), false));
        int undoneFile = ((PagedTable) undoneTable).record().heapFileId();
        txn.rollbackToSavepoint("s");
        engine.insert(txn, t, new Object[] {200, "after the rollback"});
        expected.put(200, "after the rollback");
        txn.commit();
        engine.halt();

        PagedStorageEngine reopened = open();
        Transaction read = begin();
        assertEquals(expected, PagedRecoveryTest.contents(reopened, read, "t"));
        assertTrue(reopened.findTable(read, "public", "undone").isEmpty());
        assertTrue(reopened.findIndex(read, "public", "t_v").isEmpty());
        read.commit();
        assertConsistent(reopened);
        assertFalse(Files.exists(dir.resolve("base").resolve(Integer.toString(undoneFile))),
                "recovery deletes the file of the table the savepoint rollback undid");
        // the keys of the undone inserts are free
        Transaction again = begin();
        TableHandle t2 = reopened.findTable(again, "public", "t").orElseThrow();
        reopened.insert(again, t2, new Object[] {300, "free"});
        reopened.createTable(again, PagedRecoveryTest.table("undone"));
        again.commit();
    }

    @Test
    void aTransactionThatRolledBackToASavepointAndThenCrashedLeavesNothing() {
        PagedStorageEngine engine = open();
        Transaction setup = begin();
        TableHandle t = engine.createTable(setup, PagedRecoveryTest.table("t"));
        engine.insert(setup, t, new Object[] {1, "one"});
        setup.commit();

        Transaction txn = begin();
        engine.insert(txn, t, new Object[] {2, "before the savepoint"});
        txn.savepoint("s");
        engine.delete(txn, t, PagedRecoveryTest.rowIdOf(engine, txn, "t", 1));
        txn.rollbackToSavepoint("s");
        engine.insert(txn, t, new Object[] {3, "after"});
        engine.store().log().flushTo(engine.store().log().endLsn());
        engine.halt();

        PagedStorageEngine reopened = open();
        assertEquals(Map.of(1, "one"), PagedRecoveryTest.contents(reopened, begin(), "t"));
        assertConsistent(reopened);
    }

    @Test
    void aDropUndoneByASavepointKeepsTheTableAcrossACrash() {
        PagedStorageEngine engine = open();
        Transaction setup = begin();
        TableHandle t = engine.createTable(setup, PagedRecoveryTest.table("t"));
        engine.createIndex(setup, t, new IndexDefinition("t_v", List.of(1), false));
        engine.insert(setup, t, new Object[] {1, "one"});
        setup.commit();

        Transaction txn = begin();
        txn.savepoint("s");
        engine.dropIndex(txn, engine.findIndex(txn, "public", "t_v").orElseThrow());
        engine.dropTable(txn, t);
        txn.rollbackToSavepoint("s");
        engine.insert(txn, t, new Object[] {2, "two"});
        txn.commit();
        engine.halt();

        PagedStorageEngine reopened = open();
        Transaction read = begin();
        assertEquals(Map.of(1, "one", 2, "two"), PagedRecoveryTest.contents(reopened, read, "t"));
        assertTrue(reopened.findIndex(read, "public", "t_v").isPresent());
        read.commit();
        assertConsistent(reopened);
    }
}
