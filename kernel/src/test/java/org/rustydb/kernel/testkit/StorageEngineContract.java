package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;

/**
 * The behaviour every {@link StorageEngine} must have. An implementation's test extends this class
 * and supplies a fresh engine and a transaction manager.
 */
public abstract class StorageEngineContract extends StorageContractBase {

    protected static TableDefinition accounts() {
        return new TableDefinition("public", "accounts",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("owner", SqlType.TEXT, -1, false),
                        new ColumnDefinition("active", SqlType.BOOLEAN, -1, false)),
                List.of(new UniqueKey("accounts_pkey", List.of(0), true)));
    }

    protected List<Object[]> rows(Transaction txn, TableHandle table) {
        List<Object[]> out = new ArrayList<>();
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                out.add(cursor.row().clone());
            }
        }
        return out;
    }

    private TableHandle committedAccounts() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, accounts());
        txn.commit();
        return table;
    }

    @Test
    void createdTableIsFoundAndListed() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        assertEquals(accounts(), engine.findTable(txn, "public", "accounts").orElseThrow().definition());
        assertEquals(List.of(table), engine.listTables(txn));
        assertTrue(engine.findTable(txn, "public", "missing").isEmpty());
        txn.commit();
    }

    @Test
    void duplicateTableIs42P07() {
        committedAccounts();
        Transaction txn = begin();
        DbException e = assertThrows(DbException.class, () -> engine.createTable(txn, accounts()));
        assertEquals(SqlState.DUPLICATE_TABLE, e.sqlState());
        txn.rollback();
    }

    @Test
    void insertedRowsAreScannedBack() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {1, "ann", true});
        engine.insert(txn, table, new Object[] {2, null, null});
        txn.commit();
        Transaction read = begin();
        List<Object[]> rows = rows(read, table);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(1) && "ann".equals(r[1]) && Boolean.TRUE.equals(r[2])));
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(2) && r[1] == null && r[2] == null));
        read.commit();
    }

    @Test
    void callerArrayIsNotRetained() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        Object[] values = {1, "ann", true};
        engine.insert(txn, table, values);
        values[1] = "changed";
        assertArrayEquals(new Object[] {1, "ann", true}, rows(txn, table).get(0));
        txn.commit();
    }

    @Test
    void notNullAndUniqueAreEnforced() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {1, "ann", true});
        DbException dup = assertThrows(DbException.class,
                () -> engine.insert(txn, table, new Object[] {1, "bob", false}));
        assertEquals(SqlState.UNIQUE_VIOLATION, dup.sqlState());
        assertTrue(dup.getMessage().contains("accounts_pkey"), dup.getMessage());
        DbException nul = assertThrows(DbException.class,
                () -> engine.insert(txn, table, new Object[] {null, "bob", false}));
        assertEquals(SqlState.NOT_NULL_VIOLATION, nul.sqlState());
        assertEquals(1, rows(txn, table).size());
        txn.commit();
    }

    @Test
    void nullsInUniqueKeyNeverConflict() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, new TableDefinition("public", "u",
                List.of(new ColumnDefinition("k", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey("u_k_key", List.of(0), false))));
        engine.insert(txn, table, new Object[] {null});
        engine.insert(txn, table, new Object[] {null});
        assertEquals(2, rows(txn, table).size());
        txn.commit();
    }

    @Test
    void rollbackUndoesInsertUpdateAndDelete() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId first = engine.insert(setup, table, new Object[] {1, "ann", true});
        RowId second = engine.insert(setup, table, new Object[] {2, "bob", true});
        setup.commit();

        Transaction txn = begin();
        engine.insert(txn, table, new Object[] {3, "cat", true});
        engine.update(txn, table, first, new Object[] {1, "ann2", false});
        engine.delete(txn, table, second);
        txn.rollback();

        Transaction read = begin();
        List<Object[]> rows = rows(read, table);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(1) && "ann".equals(r[1])));
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(2) && "bob".equals(r[1])));
        // the undone delete gave the key back to its row, so reusing it still conflicts
        assertEquals(SqlState.UNIQUE_VIOLATION, assertThrows(DbException.class,
                () -> engine.insert(read, table, new Object[] {2, "dup", true})).sqlState());
        read.rollback();
    }

    @Test
    void updateToTakenKeyFailsAndKeepsRow() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        RowId first = engine.insert(txn, table, new Object[] {1, "ann", true});
        engine.insert(txn, table, new Object[] {2, "bob", true});
        assertEquals(SqlState.UNIQUE_VIOLATION, assertThrows(DbException.class,
                () -> engine.update(txn, table, first, new Object[] {2, "ann", true})).sqlState());
        engine.update(txn, table, first, new Object[] {1, "ann-renamed", true});
        assertTrue(rows(txn, table).stream().anyMatch(r -> "ann-renamed".equals(r[1])));
        txn.commit();
    }

    @Test
    void rollbackUndoesCreateAndDrop() {
        Transaction create = begin();
        engine.createTable(create, accounts());
        create.rollback();
        Transaction check = begin();
        assertTrue(engine.findTable(check, "public", "accounts").isEmpty());
        check.commit();

        TableHandle table = committedAccounts();
        Transaction setup = begin();
        engine.insert(setup, table, new Object[] {1, "ann", true});
        setup.commit();
        Transaction drop = begin();
        engine.dropTable(drop, table);
        assertTrue(engine.findTable(drop, "public", "accounts").isEmpty());
        drop.rollback();
        Transaction read = begin();
        TableHandle back = engine.findTable(read, "public", "accounts").orElseThrow();
        assertEquals(1, rows(read, back).size());
        read.commit();
    }

    @Test
    void droppedTableIs42P01() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        engine.dropTable(txn, table);
        txn.commit();
        Transaction after = begin();
        assertEquals(SqlState.UNDEFINED_TABLE, assertThrows(DbException.class,
                () -> engine.insert(after, table, new Object[] {1, "x", true})).sqlState());
        assertEquals(SqlState.UNDEFINED_TABLE, assertThrows(DbException.class,
                () -> engine.scan(after, table)).sqlState());
        after.rollback();
    }

    @Test
    void readOnlyTransactionCannotWrite() {
        TableHandle table = committedAccounts();
        Transaction ro = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, assertThrows(DbException.class,
                () -> engine.insert(ro, table, new Object[] {1, "x", true})).sqlState());
        ro.rollback();
    }

    @Test
    void scanWhileOthersWriteNeverFails() throws Exception {
        TableHandle table = committedAccounts();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Transaction txn = begin();
                    engine.insert(txn, table, new Object[] {i, "w", true});
                    txn.commit();
                }
            });
            Future<?> reader = pool.submit(() -> {
                while (!writer.isDone()) {
                    Transaction txn = begin();
                    for (Object[] row : rows(txn, table)) {
                        assertEquals(3, row.length);
                    }
                    txn.commit();
                }
            });
            writer.get(30, TimeUnit.SECONDS);
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Transaction read = begin();
        assertEquals(2_000, rows(read, table).size());
        assertFalse(rows(read, table).isEmpty());
        read.commit();
    }

    // Write ownership: a row changed by an active transaction is its own until it ends; others
    // trying to change it wait for it to end (the paged engine), or fail at once with 55P03 (the
    // memory engine), rather than overwrite it (no lost updates). With a lock_timeout, both give 55P03.

    private static final String LOCK_TIMEOUT = "canceling statement due to lock timeout";

    private static void assertLocked(Transaction txn, String message, Runnable action) {
        txn.setWaitLimits(100, null);
        try {
            DbException e = assertThrows(DbException.class, action::run);
            assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.sqlState(), e.getMessage());
            assertTrue(message.equals(e.getMessage()) || LOCK_TIMEOUT.equals(e.getMessage()), e.getMessage());
        } finally {
            txn.setWaitLimits(0, null);
        }
    }

    private static final String ROW_LOCKED = "could not obtain lock on row in relation \"accounts\"";
    private static final String TABLE_LOCKED = "could not obtain lock on relation \"accounts\"";

    @Test
    void rowUpdatedByActiveTransactionCannotBeChangedByAnother() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId row = engine.insert(setup, table, new Object[] {1, "ann", true});
        setup.commit();

        Transaction first = begin();
        Transaction second = begin();
        engine.update(first, table, row, new Object[] {1, "first", true});
        assertLocked(second, ROW_LOCKED, () -> engine.update(second, table, row, new Object[] {1, "second", true}));
        assertLocked(second, ROW_LOCKED, () -> engine.delete(second, table, row));
        first.commit();
        // released at commit: the second transaction may now change the row, as it is now (an
        // engine with row versions gives the changed row a new id)
        engine.update(second, table, rowIdOf(second, table, 1), new Object[] {1, "second", true});
        second.commit();

        Transaction read = begin();
        assertArrayEquals(new Object[] {1, "second", true}, rows(read, table).get(0));
        read.commit();
    }

    /** The current id of the row whose first column is {@code id}. */
    protected RowId rowIdOf(Transaction txn, TableHandle table, Object id) {
        try (RowCursor cursor = engine.scan(txn, table)) {
            while (cursor.next()) {
                if (id.equals(cursor.row()[0])) {
                    return cursor.rowId();
                }
            }
        }
        throw new AssertionError("no row " + id);
    }

    @Test
    void rowDeletedByActiveTransactionIsLockedUntilItRollsBack() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId row = engine.insert(setup, table, new Object[] {1, "ann", true});
        setup.commit();

        Transaction deleter = begin();
        Transaction other = begin();
        engine.delete(deleter, table, row);
        assertLocked(other, ROW_LOCKED, () -> engine.update(other, table, row, new Object[] {1, "x", true}));
        assertLocked(other, ROW_LOCKED, () -> engine.delete(other, table, row));
        deleter.rollback();
        engine.update(other, table, row, new Object[] {1, "after", false});
        other.commit();

        Transaction read = begin();
        assertArrayEquals(new Object[] {1, "after", false}, rows(read, table).get(0));
        read.commit();
    }

    @Test
    void rowInsertedByActiveTransactionIsOwnedByIt() {
        TableHandle table = committedAccounts();
        Transaction inserter = begin();
        RowId row = engine.insert(inserter, table, new Object[] {1, "ann", true});
        Transaction other = begin();
        assertLocked(other, ROW_LOCKED, () -> engine.delete(other, table, row));
        // its key is not free either while the insert may still commit
        assertLocked(other, ROW_LOCKED, () -> engine.insert(other, table, new Object[] {1, "bob", true}));
        inserter.commit();
        assertEquals(SqlState.UNIQUE_VIOLATION, assertThrows(DbException.class,
                () -> engine.insert(other, table, new Object[] {1, "bob", true})).sqlState());
        engine.delete(other, table, row);
        other.commit();
        Transaction read = begin();
        assertTrue(rows(read, table).isEmpty());
        read.commit();
    }

    @Test
    void keyGivenUpByActiveTransactionStaysReservedForItsRollback() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId row = engine.insert(setup, table, new Object[] {1, "ann", true});
        setup.commit();

        Transaction deleter = begin();
        engine.delete(deleter, table, row);
        Transaction other = begin();
        assertLocked(other, ROW_LOCKED, () -> engine.insert(other, table, new Object[] {1, "bob", true}));
        // the transaction that gave the key up may take it again
        engine.insert(deleter, table, new Object[] {1, "ann again", true});
        deleter.rollback();
        engine.insert(other, table, new Object[] {2, "bob", true});
        other.commit();

        Transaction read = begin();
        List<Object[]> rows = rows(read, table);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(1) && "ann".equals(r[1])));
        read.commit();
    }

    @Test
    void droppingTableWithRowsOwnedByAnotherTransactionIs55P03() {
        TableHandle table = committedAccounts();
        Transaction writer = begin();
        engine.insert(writer, table, new Object[] {1, "ann", true});
        Transaction dropper = begin();
        assertLocked(dropper, TABLE_LOCKED, () -> engine.dropTable(dropper, table));
        writer.commit();
        engine.dropTable(dropper, table);
        dropper.commit();
        Transaction read = begin();
        assertTrue(engine.findTable(read, "public", "accounts").isEmpty());
        read.commit();
    }

    @Test
    void tableCreatedByActiveTransactionCannotBeWrittenByAnother() {
        Transaction creator = begin();
        TableHandle table = engine.createTable(creator, accounts());
        Transaction other = begin();
        assertLocked(other, TABLE_LOCKED, () -> engine.insert(other, table, new Object[] {1, "x", true}));
        assertLocked(other, TABLE_LOCKED, () -> engine.dropTable(other, table));
        creator.commit();
        engine.insert(other, table, new Object[] {1, "x", true});
        other.commit();
    }

    @Test
    void droppedNameIsReservedUntilTheDropEnds() {
        TableHandle table = committedAccounts();
        Transaction dropper = begin();
        engine.dropTable(dropper, table);
        Transaction other = begin();
        assertLocked(other, TABLE_LOCKED, () -> engine.createTable(other, accounts()));
        // the dropping transaction itself may reuse the name
        TableHandle again = engine.createTable(dropper, accounts());
        engine.insert(dropper, again, new Object[] {7, "new", true});
        dropper.rollback();
        TableHandle back = engine.findTable(other, "public", "accounts").orElseThrow();
        assertTrue(rows(other, back).isEmpty());
        other.commit();
    }

    @Test
    void conditionalUpdateAndDeleteRefuseARowChangedSinceRead() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId ann = engine.insert(setup, table, new Object[] {1, "ann", true});
        RowId bob = engine.insert(setup, table, new Object[] {2, "bob", true});
        setup.commit();
        Object[] annRead = {1, "ann", true};
        Object[] bobRead = {2, "bob", true};

        // someone else changes both rows after they were read, and commits
        Transaction other = begin();
        engine.update(other, table, ann, annRead, new Object[] {1, "ann2", true});
        engine.delete(other, table, bob, bobRead);
        other.commit();

        Transaction late = begin();
        assertEquals(SqlState.SERIALIZATION_FAILURE, assertThrows(DbException.class,
                () -> engine.update(late, table, ann, annRead, new Object[] {1, "lost", true})).sqlState());
        assertEquals(SqlState.SERIALIZATION_FAILURE, assertThrows(DbException.class,
                () -> engine.delete(late, table, bob, bobRead)).sqlState());
        // with what is there now, it works
        engine.update(late, table, rowIdOf(late, table, 1), new Object[] {1, "ann2", true},
                new Object[] {1, "ann3", true});
        late.commit();
        Transaction read = begin();
        List<Object[]> rows = rows(read, table);
        assertEquals(1, rows.size());
        assertEquals("ann3", rows.get(0)[1]);
        read.commit();
    }

    @Test
    void conditionalUpdateSeesThroughARolledBackChange() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId ann = engine.insert(setup, table, new Object[] {1, "ann", true});
        setup.commit();
        // a reader may see another transaction's uncommitted value (an engine without row versions
        // shows it), which is then rolled back: an update computed from it must not go through
        Transaction dirty = begin();
        engine.update(dirty, table, ann, new Object[] {1, "ann", true}, new Object[] {1, "dirty", true});
        Transaction reader = begin();
        Object[] read = rows(reader, table).get(0);
        RowId readId = rowIdOf(reader, table, 1);
        dirty.rollback();
        Transaction writer = begin();
        if ("dirty".equals(read[1])) {
            assertEquals(SqlState.SERIALIZATION_FAILURE, assertThrows(DbException.class,
                    () -> engine.update(writer, table, readId, read, new Object[] {1, "from dirty", true})).sqlState());
        } else {
            assertArrayEquals(new Object[] {1, "ann", true}, read);
            engine.update(writer, table, readId, read, new Object[] {1, "from committed", true});
        }
        writer.rollback();
    }

    // VACUUM: whatever an engine keeps of old row versions, vacuuming never changes what
    // transactions read, and once no transaction is open only the live rows remain.

    /** The rows of a committed read, keyed by id, as "id:owner:active". */
    private List<String> snapshotOf(TableHandle table) {
        Transaction read = begin();
        List<String> out = rows(read, table).stream().map(r -> r[0] + ":" + r[1] + ":" + r[2]).sorted().toList();
        read.commit();
        return out;
    }

    @Test
    void vacuumRemovesNothingVisibleAndLeavesOnlyLiveRows() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        for (int i = 0; i < 50; i++) {
            engine.insert(setup, table, new Object[] {i, "o" + i, true});
        }
        setup.commit();
        for (int round = 0; round < 3; round++) {
            Transaction txn = begin();
            for (int i = 0; i < 50; i++) {
                Object[] read = {i, round == 0 ? "o" + i : "o" + i + "/" + (round - 1), true};
                engine.update(txn, table, rowIdOf(txn, table, i), read, new Object[] {i, "o" + i + "/" + round, true});
            }
            txn.commit();
        }
        Transaction deletes = begin();
        for (int i = 40; i < 50; i++) {
            engine.delete(deletes, table, rowIdOf(deletes, table, i));
        }
        deletes.commit();
        Transaction aborted = begin();
        engine.insert(aborted, table, new Object[] {100, "gone", true});
        engine.update(aborted, table, rowIdOf(aborted, table, 0), new Object[] {0, "rolled back", false});
        aborted.rollback();
        List<String> before = snapshotOf(table);
        assertEquals(40, before.size());

        VacuumResult first = engine.vacuum(table);
        assertEquals(40, first.remainingVersions(), first.toString());
        assertEquals(0, first.unremovableVersions(), first.toString());
        assertEquals(before, snapshotOf(table));
        VacuumResult second = engine.vacuum(table);
        assertEquals(0, second.removedVersions(), second.toString());
        assertEquals(40, second.remainingVersions(), second.toString());

        // the table works as before: keys of removed versions are free, live keys are still taken
        Transaction after = begin();
        engine.insert(after, table, new Object[] {45, "again", true});
        assertEquals(SqlState.UNIQUE_VIOLATION, assertThrows(DbException.class,
                () -> engine.insert(after, table, new Object[] {5, "dup", true})).sqlState());
        after.rollback();
        Transaction later = begin();
        engine.insert(later, table, new Object[] {45, "again", true});
        engine.update(later, table, rowIdOf(later, table, 7), new Object[] {7, "o7/2", true},
                new Object[] {7, "seven", false});
        later.commit();
        List<String> now = snapshotOf(table);
        assertEquals(41, now.size());
        assertTrue(now.contains("7:seven:false") && now.contains("45:again:true"), now.toString());
    }

    @Test
    void vacuumRunsBesideAnActiveWriter() {
        TableHandle table = committedAccounts();
        Transaction setup = begin();
        RowId ann = engine.insert(setup, table, new Object[] {1, "ann", true});
        engine.insert(setup, table, new Object[] {2, "bob", true});
        setup.commit();
        Transaction writer = begin();
        engine.update(writer, table, ann, new Object[] {1, "ann", true}, new Object[] {1, "ann2", true});
        engine.insert(writer, table, new Object[] {3, "cat", true});
        engine.vacuum(table);
        writer.commit();
        assertEquals(List.of("1:ann2:true", "2:bob:true", "3:cat:true"), snapshotOf(table));
        engine.vacuum(table);
        assertEquals(List.of("1:ann2:true", "2:bob:true", "3:cat:true"), snapshotOf(table));
    }

    @Test
    void vacuumOfDroppedTableIs42P01() {
        TableHandle table = committedAccounts();
        Transaction txn = begin();
        engine.dropTable(txn, table);
        txn.commit();
        assertEquals(SqlState.UNDEFINED_TABLE, assertThrows(DbException.class, () -> engine.vacuum(table)).sqlState());
    }
}
