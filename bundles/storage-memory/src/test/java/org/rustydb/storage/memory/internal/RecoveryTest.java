package org.rustydb.storage.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
import org.rustydb.storage.memory.internal.durable.DurabilityOptions;
import org.rustydb.storage.memory.internal.durable.DurableStore;
import org.rustydb.storage.memory.internal.durable.SnapshotFile;
import org.rustydb.storage.log.internal.wal.HookedChannel;
import org.rustydb.storage.log.internal.wal.WalOptions;
import org.rustydb.storage.log.internal.wal.WalSegments;
import org.rustydb.storage.log.internal.wal.WriteAheadLog;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** A durable engine, "crashed" (files dropped without shutdown) and reopened on the same directory. */
class RecoveryTest {
    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private final List<MemoryStorageEngine> opened = new ArrayList<>();
    private MemoryStorageEngine engine;

    static TableDefinition table(String name) {
        return new TableDefinition("public", name,
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey(name + "_pkey", List.of(0), true)));
    }

    MemoryStorageEngine open(DurabilityOptions options) {
        engine = MemoryStorageEngine.open(dir, options);
        opened.add(engine);
        return engine;
    }

    MemoryStorageEngine open() {
        return open(DurabilityOptions.defaults());
    }

    DurableStore store() {
        return engine.store().orElseThrow();
    }

    /** Drops the engine as a killed process would: nothing flushed, no snapshot. */
    MemoryStorageEngine crashAndReopen() {
        store().halt();
        return open();
    }

    @AfterEach
    void closeAll() {
        for (MemoryStorageEngine e : opened) {
            e.store().orElseThrow().halt();
        }
    }

    Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    TableHandle find(String name) {
        Transaction txn = begin();
        try {
            return engine.findTable(txn, "public", name).orElse(null);
        } finally {
            txn.commit();
        }
    }

    List<String> contents(String name) {
        TableHandle table = find(name);
        if (table == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Transaction txn = begin();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                out.add(cursor.rowId().value() + ":" + cursor.row()[0] + "=" + cursor.row()[1]);
            }
        }
        txn.commit();
        return out;
    }

    @Test
    void everyKindOfChangeIsRecovered() {
        open();
        Transaction ddl = begin();
        TableHandle t = engine.createTable(ddl, table("t"));
        engine.createTable(ddl, table("gone"));
        RowId a = engine.insert(ddl, t, new Object[] {1, "a"});
        ddl.commit();
        Transaction dml = begin();
        RowId b = engine.insert(dml, t, new Object[] {2, "b"});
        engine.insert(dml, t, new Object[] {3, null});
        engine.update(dml, t, a, new Object[] {1, "a2"});
        engine.delete(dml, t, b);
        engine.dropTable(dml, find("gone"));
        dml.commit();
        Transaction recreate = begin();
        engine.dropTable(recreate, t);
        TableHandle t2 = engine.createTable(recreate, table("t"));
        engine.insert(recreate, t2, new Object[] {10, "new"});
        engine.createTable(recreate, table("u"));
        recreate.commit();
        List<String> before = contents("t");
        assertEquals(1, before.size());

        crashAndReopen();
        assertEquals(before, contents("t"));
        assertEquals(List.of(), contents("u"));
        assertEquals(null, contents("gone"));
        assertEquals(3, store().recoveryInfo().records(), "one record per writing transaction");
    }

    @Test
    void rolledBackAndUnfinishedTransactionsNeverShow() {
        open();
        Transaction setup = begin();
        TableHandle t = engine.createTable(setup, table("t"));
        RowId keep = engine.insert(setup, t, new Object[] {1, "keep"});
        setup.commit();
        Transaction rolledBack = begin();
        engine.insert(rolledBack, t, new Object[] {2, "rolled back"});
        engine.update(rolledBack, t, keep, new Object[] {1, "changed"});
        engine.createTable(rolledBack, table("never"));
        rolledBack.rollback();
        Transaction unfinished = begin();
        engine.insert(unfinished, t, new Object[] {3, "unfinished"});
        engine.delete(unfinished, t, keep);
        engine.dropTable(unfinished, find("t"));
        // a read-only transaction and a failed statement log nothing
        long end = store().wal().endLsn();
        Transaction reader = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        engine.listTables(reader);
        reader.commit();
        assertEquals(end, store().wal().endLsn());

        crashAndReopen();
        assertEquals(List.of(keep.value() + ":1=keep"), contents("t"));
        assertEquals(null, contents("never"));
    }

    @Test
    void rowIdsContinueAndUniqueKeysAreEnforcedAfterRecovery() {
        open();
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, table("t"));
        for (int i = 1; i <= 5; i++) {
            engine.insert(txn, t, new Object[] {i, "v" + i});
        }
        txn.commit();
        crashAndReopen();
        Transaction after = begin();
        TableHandle t2 = engine.findTable(after, "public", "t").orElseThrow();
        assertEquals(SqlState.UNIQUE_VIOLATION, assertThrows(DbException.class,
                () -> engine.insert(after, t2, new Object[] {3, "dup"})).sqlState());
        RowId next = engine.insert(after, t2, new Object[] {6, "v6"});
        assertEquals(6, next.value());
        after.commit();
        crashAndReopen();
        assertEquals(6, contents("t").size());
    }

    @Test
    void cleanShutdownWritesASnapshotSoReopeningReplaysNothing() throws IOException {
        open();
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, table("t"));
        engine.insert(txn, t, new Object[] {1, "x"});
        txn.commit();
        engine.shutDown();
        assertEquals(1, SnapshotFile.list(dir).size());
        open();
        assertEquals(0, store().recoveryInfo().records());
        assertTrue(store().recoveryInfo().snapshotLsn() > 0);
        assertEquals(1, contents("t").size());
        // nothing logged since: the next shutdown writes no new snapshot
        engine.shutDown();
        assertEquals(1, SnapshotFile.list(dir).size());
    }

    @Test
    void checkpointsRunInTheBackgroundAndCompactTheLog() throws Exception {
        DurabilityOptions small = new DurabilityOptions(true, 2_000, new WalOptions(1_000, true));
        open(small);
        Transaction ddl = begin();
        TableHandle t = engine.createTable(ddl, table("t"));
        ddl.commit();
        for (int i = 0; i < 300; i++) {
            Transaction txn = begin();
            engine.insert(txn, t, new Object[] {i, "row " + i});
            txn.commit();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (store().snapshotLsn() < 10_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(store().snapshotLsn() >= 10_000, "snapshot at " + store().snapshotLsn());
        // waits for a background checkpoint still between writing its snapshot and deleting the
        // generation before; nothing is logged any more, so none writes after this one
        store().checkpoint();
        assertTrue(SnapshotFile.list(dir).size() <= 2, "two generations at most: " + SnapshotFile.list(dir));
        long firstSegment = WalSegments.list(dir.resolve("wal")).get(0).start();
        assertTrue(firstSegment > 0, "old segments removed");
        List<String> before = contents("t");
        crashAndReopen();
        assertEquals(before, contents("t"));
        assertTrue(store().recoveryInfo().snapshotLsn() > 0);
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToThePreviousOneAndItsLog() throws IOException {
        open();
        Transaction ddl = begin();
        TableHandle t = engine.createTable(ddl, table("t"));
        engine.insert(ddl, t, new Object[] {1, "one"});
        ddl.commit();
        store().checkpoint();
        Transaction more = begin();
        engine.insert(more, t, new Object[] {2, "two"});
        more.commit();
        store().checkpoint();
        Transaction last = begin();
        engine.insert(last, t, new Object[] {3, "three"});
        last.commit();
        List<SnapshotFile.Info> snapshots = SnapshotFile.list(dir);
        assertEquals(2, snapshots.size());
        Path newest = snapshots.get(0).path();
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);
        crashAndReopen();
        assertEquals(snapshots.get(1).lsn(), store().recoveryInfo().snapshotLsn());
        assertEquals(3, contents("t").size());
    }

    @Test
    void damageInTheMiddleOfTheLogRefusesToOpen() throws IOException {
        open();
        Transaction ddl = begin();
        TableHandle t = engine.createTable(ddl, table("t"));
        ddl.commit();
        for (int i = 0; i < 3; i++) {
            Transaction txn = begin();
            engine.insert(txn, t, new Object[] {i, "v"});
            txn.commit();
        }
        store().halt();
        Path segment = dir.resolve("wal").resolve(WalSegments.fileName(0));
        byte[] bytes = Files.readAllBytes(segment);
        bytes[30] ^= 1; // inside the first record
        Files.write(segment, bytes);
        DbException e = assertThrows(DbException.class, this::open);
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        assertTrue(e.getMessage().contains(segment.toString()) && e.getMessage().contains("offset 0"), e.getMessage());
        // refused without taking the directory: a fixed copy can be opened
        bytes[30] ^= 1;
        Files.write(segment, bytes);
        open();
        assertEquals(3, contents("t").size());
    }

    @Test
    void aSecondEngineOnTheSameDirectoryIsRefused() {
        open();
        DbException e = assertThrows(DbException.class,
                () -> MemoryStorageEngine.open(dir, DurabilityOptions.defaults()));
        assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.sqlState());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        engine.shutDown();
        open();
    }

    @Test
    void aFailedLogWriteRollsTheCommitBackAndStopsFurtherCommits() {
        AtomicBoolean failing = new AtomicBoolean();
        WalOptions wal = new WalOptions(WalOptions.DEFAULT_SEGMENT_BYTES, true, HookedChannel.opener(op -> {
            if (failing.get()) {
                throw new IOException("injected " + op + " failure");
            }
        }));
        open(new DurabilityOptions(true, DurabilityOptions.DEFAULT_CHECKPOINT_BYTES, wal));
        Transaction ddl = begin();
        TableHandle t = engine.createTable(ddl, table("t"));
        RowId row = engine.insert(ddl, t, new Object[] {1, "committed"});
        ddl.commit();
        failing.set(true);
        Transaction txn = begin();
        engine.insert(txn, t, new Object[] {2, "lost"});
        engine.update(txn, t, row, new Object[] {1, "lost"});
        DbException e = assertThrows(DbException.class, txn::commit);
        assertEquals(SqlState.IO_ERROR, e.sqlState());
        assertEquals(Transaction.State.ROLLED_BACK, txn.state());
        assertEquals(List.of(row.value() + ":1=committed"), contents("t"));
        failing.set(false);
        Transaction next = begin();
        engine.update(next, t, row, new Object[] {1, "also refused"}); // the row was released
        assertEquals(SqlState.IO_ERROR, assertThrows(DbException.class, next::commit).sqlState());
        crashAndReopen();
        assertEquals(List.of(row.value() + ":1=committed"), contents("t"));
    }

    @Test
    void shutDownEngineRefusesCommitsOfOpenTransactions() {
        open();
        Transaction ddl = begin();
        TableHandle t = engine.createTable(ddl, table("t"));
        ddl.commit();
        Transaction open = begin();
        engine.insert(open, t, new Object[] {1, "late"});
        engine.shutDown();
        assertEquals(SqlState.CANNOT_CONNECT_NOW, assertThrows(DbException.class, open::commit).sqlState());
        open();
        assertEquals(List.of(), contents("t"));
    }
}
