package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The paged engine "crashed" (halted without checkpoint, caches dropped) and reopened. */
class PagedRecoveryTest {
    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private final List<PagedStorageEngine> opened = new ArrayList<>();

    static TableDefinition table(String name) {
        return new TableDefinition("public", name,
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey(name + "_pkey", List.of(0), true)));
    }

    PagedStorageEngine open(long poolBytes) {
        PagedStorageEngine engine = PagedStorageEngine.open(dir, new PagedOptions(true, poolBytes, 1L << 30));
        opened.add(engine);
        return engine;
    }

    PagedStorageEngine open() {
        return open(8L << 20);
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

    Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    static Map<Integer, String> contents(PagedStorageEngine engine, Transaction txn, String name) {
        TableHandle table = engine.findTable(txn, "public", name).orElseThrow();
        Map<Integer, String> rows = new TreeMap<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                Object[] row = cursor.row();
                assertEquals(null, rows.put((Integer) row[0], (String) row[1]), "row seen twice: " + row[0]);
            }
        }
        return rows;
    }

    static RowId rowIdOf(PagedStorageEngine engine, Transaction txn, String name, int id) {
        TableHandle table = engine.findTable(txn, "public", name).orElseThrow();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                if (cursor.row()[0].equals(id)) {
                    return cursor.rowId();
                }
            }
        }
        throw new AssertionError("no row " + id);
    }

    @Test
    void committedWorkSurvivesACrashAndUncommittedWorkDoesNot() {
        PagedStorageEngine engine = open();
        Transaction t1 = begin();
        TableHandle t = engine.createTable(t1, table("t"));
        Map<Integer, String> expected = new TreeMap<>();
        for (int i = 0; i < 2000; i++) {
            engine.insert(t1, t, new Object[] {i, "v" + i});
            expected.put(i, "v" + i);
        }
        t1.commit();
        Transaction t2 = begin();
        List<RowId> ids = new ArrayList<>();
        try (RowCursor cursor = engine.scan(t2, t)) {
            while (cursor.next()) {
                if ((Integer) cursor.row()[0] % 10 == 0) {
                    ids.add(cursor.rowId());
                }
            }
        }
        for (RowId id : ids) {
            engine.update(t2, t, id, new Object[] {-1 - ids.indexOf(id), "changed"});
        }
        Transaction t3 = begin();
        for (int i = 5000; i < 5100; i++) {
            engine.insert(t3, t, new Object[] {i, "late"});
            expected.put(i, "late");
        }
        t3.commit();
        // t2 never commits: the crash comes first
        engine.halt();

        PagedStorageEngine reopened = open();
        assertTrue(reopened.store().recovery().records() > 0, "recovery replayed the log");
        Transaction check = begin();
        assertEquals(expected, contents(reopened, check, "t"));
        TableHandle t4 = reopened.findTable(check, "public", "t").orElseThrow();
        DbException dup = assertThrows(DbException.class, () -> reopened.insert(check, t4, new Object[] {7, "dup"}));
        assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
        check.rollback();
        Transaction again = begin();
        reopened.insert(again, t4, new Object[] {-1, "key of the lost update is free"});
        again.commit();
    }

    @Test
    void manyRowsThroughASmallBufferPoolSurviveACrash() {
        PagedStorageEngine engine = open(32 * 8192);
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, table("big"));
        txn.commit();
        Map<Integer, String> expected = new TreeMap<>();
        for (int batch = 0; batch < 20; batch++) {
            Transaction b = begin();
            for (int i = 0; i < 1000; i++) {
                int id = batch * 1000 + i;
                String v = "row " + id + " " + "x".repeat(id % 200);
                engine.insert(b, t, new Object[] {id, v});
                expected.put(id, v);
            }
            b.commit();
            if (batch == 10) {
                engine.checkpoint();
            }
        }
        engine.halt();
        PagedStorageEngine reopened = open(32 * 8192);
        assertEquals(expected, contents(reopened, begin(), "big"));
    }

    @Test
    void aTornPageIsRebuiltFromItsFullPageImage() throws IOException {
        PagedStorageEngine engine = open();
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, table("torn"));
        for (int i = 0; i < 50; i++) {
            engine.insert(txn, t, new Object[] {i, "before"});
        }
        txn.commit();
        engine.checkpoint();
        Transaction change = begin();
        engine.insert(change, t, new Object[] {1000, "after the checkpoint"});
        change.commit();
        engine.store().pool().flushAll();
        int heapFile = ((PagedTable) t).record().heapFileId();
        engine.halt();

        // the page write was cut in half by the "crash": the second half holds stale bytes
        Path file = dir.resolve("base").resolve(Integer.toString(heapFile));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(PageLayout.PAGE_SIZE / 2), PageLayout.PAGE_SIZE / 2);
        }
        PagedStorageEngine reopened = open();
        Map<Integer, String> rows = contents(reopened, begin(), "torn");
        assertEquals(51, rows.size());
        assertEquals("after the checkpoint", rows.get(1000));
    }

    @Test
    void aCorruptPageIsXX001NamingItAndOtherTablesStillWork() throws IOException {
        PagedStorageEngine engine = open();
        Transaction txn = begin();
        TableHandle bad = engine.createTable(txn, table("bad"));
        TableHandle good = engine.createTable(txn, table("good"));
        for (int i = 0; i < 20; i++) {
            engine.insert(txn, bad, new Object[] {i, "b"});
            engine.insert(txn, good, new Object[] {i, "g"});
        }
        txn.commit();
        int heapFile = ((PagedTable) bad).record().heapFileId();
        engine.shutDown();
        opened.remove(engine);

        Path file = dir.resolve("base").resolve(Integer.toString(heapFile));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int pageNo = (int) (channel.size() / PageLayout.PAGE_SIZE) - 1;
            ByteBuffer one = ByteBuffer.allocate(1);
            long at = (long) pageNo * PageLayout.PAGE_SIZE + PageLayout.PAGE_SIZE - 10;
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, at);
        }
        PagedStorageEngine reopened = open();
        Transaction read = begin();
        DbException e = assertThrows(DbException.class, () -> contents(reopened, read, "bad"));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        assertTrue(e.getMessage().contains("relation file base/" + heapFile), e.getMessage());
        assertEquals(20, contents(reopened, read, "good").size());
    }

    @Test
    void filesOfDroppedAndRolledBackTablesAreDeleted() throws IOException {
        PagedStorageEngine engine = open();
        Transaction txn = begin();
        TableHandle dropped = engine.createTable(txn, table("dropped"));
        txn.commit();
        Transaction rolledBack = begin();
        TableHandle never = engine.createTable(rolledBack, table("never"));
        int neverFile = ((PagedTable) never).record().heapFileId();
        rolledBack.rollback();
        engine.checkpoint();
        assertFalse(Files.exists(dir.resolve("base").resolve(Integer.toString(neverFile))));

        Transaction drop = begin();
        engine.dropTable(drop, dropped);
        drop.commit();
        int droppedFile = ((PagedTable) dropped).record().heapFileId();
        engine.checkpoint();
        assertFalse(Files.exists(dir.resolve("base").resolve(Integer.toString(droppedFile))));
        engine.halt();
        PagedStorageEngine reopened = open();
        assertTrue(reopened.findTable(begin(), "public", "dropped").isEmpty());
        assertTrue(reopened.findTable(begin(), "public", "never").isEmpty());
    }

    @Test
    void aCleanShutdownLeavesNothingToRedo() {
        PagedStorageEngine engine = open();
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, table("clean"));
        engine.insert(txn, t, new Object[] {1, "one"});
        txn.commit();
        engine.shutDown();
        opened.remove(engine);
        PagedStorageEngine reopened = open();
        assertEquals(0, reopened.store().recovery().records());
        assertEquals(Map.of(1, "one"), contents(reopened, begin(), "clean"));
    }
}
