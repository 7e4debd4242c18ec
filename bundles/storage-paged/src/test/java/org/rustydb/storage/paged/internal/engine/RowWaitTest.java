package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * A change to a row another transaction in progress has changed or locked waits for that
 * transaction, then goes on against the outcome, as in PostgreSQL.
 */
class RowWaitTest extends OpenEngine {
    private TableHandle table;
    private RowId one;
    private RowId two;

    @BeforeEach
    void createTable() {
        Transaction setup = begin();
        table = engine.createTable(setup, PagedRecoveryTest.table("t"));
        one = engine.insert(setup, table, new Object[] {1, "a"});
        two = engine.insert(setup, table, new Object[] {2, "b"});
        setup.commit();
    }

    private static void assertBlocked(CompletableFuture<?> f) throws InterruptedException {
        Thread.sleep(150);
        assertFalse(f.isDone(), "should be waiting");
    }

    private static DbException failure(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return (DbException) e.getCause();
    }

    @Test
    void aWriterWaitsForAnotherAndThenSeesItsUpdate() throws Exception {
        Transaction t1 = begin();
        Transaction t2 = begin();
        // a statement keeps its cursor (and snapshot) open while it changes the rows it read
        RowCursor statement = engine.scan(t2, table);
        engine.update(t1, table, one, new Object[] {1, "a"}, new Object[] {1, "a1"});
        CompletableFuture<Void> t2Update = CompletableFuture.runAsync(
                () -> engine.update(t2, table, one, new Object[] {1, "a"}, new Object[] {1, "a2"}));
        assertBlocked(t2Update);
        t1.commit();
        assertEquals("40001", failure(t2Update).sqlState());
        // READ COMMITTED goes on with the newest version
        Optional<RowVersion> latest = engine.latestVersion(t2, table, one);
        assertTrue(latest.isPresent());
        assertArrayEquals(new Object[] {1, "a1"}, latest.get().values());
        engine.update(t2, table, latest.get().id(), latest.get().values(), new Object[] {1, "a2"});
        statement.close();
        t2.commit();
        Transaction check = begin();
        try (RowCursor rows = engine.scan(check, table)) {
            assertTrue(rows.next());
            assertArrayEquals(new Object[] {2, "b"}, rows.row());
            assertTrue(rows.next());
            assertArrayEquals(new Object[] {1, "a2"}, rows.row());
            assertFalse(rows.next());
        }
        check.commit();
    }

    @Test
    void aWriterWaitingForARollbackGoesAhead() throws Exception {
        Transaction t1 = begin();
        Transaction t2 = begin();
        engine.delete(t1, table, one, new Object[] {1, "a"});
        CompletableFuture<Void> t2Update = CompletableFuture.runAsync(
                () -> engine.update(t2, table, one, new Object[] {1, "a"}, new Object[] {1, "z"}));
        assertBlocked(t2Update);
        t1.rollback();
        t2Update.get(5, TimeUnit.SECONDS);
        t2.commit();
    }

    @Test
    void deletedRowsHaveNoLatestVersion() {
        Transaction t1 = begin();
        engine.delete(t1, table, one, new Object[] {1, "a"});
        t1.commit();
        Transaction t2 = begin();
        assertTrue(engine.latestVersion(t2, table, one).isEmpty());
        t2.commit();
    }

    @Test
    void twoWritersCrossingEachOtherDeadlock() throws Exception {
        Transaction t1 = begin();
        Transaction t2 = begin();
        engine.update(t1, table, one, new Object[] {1, "a"}, new Object[] {1, "x"});
        engine.update(t2, table, two, new Object[] {2, "b"}, new Object[] {2, "y"});
        CompletableFuture<Void> t1Waits = CompletableFuture.runAsync(
                () -> engine.update(t1, table, two, new Object[] {2, "b"}, new Object[] {2, "x"}));
        assertBlocked(t1Waits);
        CompletableFuture<Void> t2Waits = CompletableFuture.runAsync(
                () -> engine.update(t2, table, one, new Object[] {1, "a"}, new Object[] {1, "y"}));
        // the first to wait is the first to look for the cycle, and the victim
        assertEquals("40P01", failure(t1Waits).sqlState());
        assertFalse(t2Waits.isDone());
        t1.rollback();
        t2Waits.get(5, TimeUnit.SECONDS);
        t2.commit();
    }

    @Test
    void updatesKeepingTheKeyLeaveItUniqueAgainstOtherWriters() throws Exception {
        // many committed versions of row 1, each keeping its key: their entries pile up in the index
        RowId current = one;
        Object[] values = {1, "a"};
        for (int i = 0; i < 40; i++) {
            Transaction t = begin();
            Object[] next = {1, "v" + i};
            engine.update(t, table, current, values, next);
            t.commit();
            current = versionOfOne();
            values = next;
        }
        Transaction t1 = begin();
        Transaction t2 = begin();
        engine.update(t1, table, current, values, new Object[] {1, "last"});
        CompletableFuture<RowId> t2Insert = CompletableFuture.supplyAsync(
                () -> engine.insert(t2, table, new Object[] {1, "other"}));
        assertBlocked(t2Insert);
        t1.commit();
        assertEquals("23505", failure(t2Insert).sqlState());
        t2.rollback();

        Transaction t3 = begin();
        DbException e = assertThrows(DbException.class, () -> engine.insert(t3, table, new Object[] {1, "again"}));
        assertEquals("23505", e.sqlState());
        t3.rollback();
        versionOfOne();
    }

    /** The one live version of key 1, found through the primary key. */
    private RowId versionOfOne() {
        Transaction look = begin();
        try (RowCursor rows = engine.scanIndex(look, engine.indexes(look, table).get(0),
                org.rustydb.spi.storage.KeyRange.equal(1), false)) {
            assertTrue(rows.next());
            RowId id = rows.rowId();
            assertFalse(rows.next(), "one live version of key 1");
            return id;
        } finally {
            look.commit();
        }
    }

    @Test
    void anInsertOfAKeyBeingInsertedWaitsForTheOutcome() throws Exception {
        Transaction t1 = begin();
        Transaction t2 = begin();
        engine.insert(t1, table, new Object[] {3, "c"});
        CompletableFuture<RowId> t2Insert = CompletableFuture.supplyAsync(
                () -> engine.insert(t2, table, new Object[] {3, "d"}));
        assertBlocked(t2Insert);
        t1.commit();
        assertEquals("23505", failure(t2Insert).sqlState());
        t2.rollback();

        Transaction t3 = begin();
        Transaction t4 = begin();
        engine.insert(t3, table, new Object[] {4, "c"});
        CompletableFuture<RowId> t4Insert = CompletableFuture.supplyAsync(
                () -> engine.insert(t4, table, new Object[] {4, "d"}));
        assertBlocked(t4Insert);
        t3.rollback();
        t4Insert.get(5, TimeUnit.SECONDS);
        t4.commit();
    }

    @Test
    void forUpdateBlocksWritersAndOtherLockers() throws Exception {
        Transaction t1 = begin();
        Transaction t2 = begin();
        assertTrue(engine.lockRow(t1, table, one, new Object[] {1, "a"}, RowLockStrength.UPDATE, WaitPolicy.WAIT));
        DbException nowait = assertThrows(DbException.class,
                () -> engine.lockRow(t2, table, one, null, RowLockStrength.SHARE, WaitPolicy.NOWAIT));
        assertEquals("55P03", nowait.sqlState());
        assertEquals("could not obtain lock on row in relation \"t\"", nowait.getMessage());
        assertFalse(engine.lockRow(t2, table, one, null, RowLockStrength.UPDATE, WaitPolicy.SKIP_LOCKED));
        assertTrue(engine.lockRow(t2, table, two, null, RowLockStrength.UPDATE, WaitPolicy.SKIP_LOCKED));
        CompletableFuture<Void> t2Update = CompletableFuture.runAsync(
                () -> engine.update(t2, table, one, new Object[] {1, "a"}, new Object[] {1, "b"}));
        assertBlocked(t2Update);
        t1.commit(); // the lock goes; the row did not change
        t2Update.get(5, TimeUnit.SECONDS);
        t2.commit();
    }

    @Test
    void sharedLocksShareButKeepWritersOut() throws Exception {
        Transaction t1 = begin();
        Transaction t2 = begin();
        Transaction t3 = begin();
        assertTrue(engine.lockRow(t1, table, one, null, RowLockStrength.SHARE, WaitPolicy.NOWAIT));
        assertTrue(engine.lockRow(t2, table, one, null, RowLockStrength.KEY_SHARE, WaitPolicy.NOWAIT));
        assertThrows(DbException.class,
                () -> engine.lockRow(t3, table, one, null, RowLockStrength.UPDATE, WaitPolicy.NOWAIT));
        CompletableFuture<Void> t3Delete = CompletableFuture.runAsync(() -> engine.delete(t3, table, one, null));
        assertBlocked(t3Delete);
        t1.commit();
        assertBlocked(t3Delete);
        t2.rollback();
        t3Delete.get(5, TimeUnit.SECONDS);
        t3.commit();
    }

    @Test
    void lockingARowChangedSinceTheSnapshotIsASerializationFailureAtRepeatableRead() {
        Transaction rr = begin(IsolationLevel.REPEATABLE_READ);
        assertTrue(engine.lockRow(rr, table, two, null, RowLockStrength.SHARE, WaitPolicy.WAIT));
        Transaction t1 = begin();
        engine.update(t1, table, one, new Object[] {1, "a"}, new Object[] {1, "q"});
        t1.commit();
        DbException e = assertThrows(DbException.class,
                () -> engine.lockRow(rr, table, one, new Object[] {1, "a"}, RowLockStrength.UPDATE, WaitPolicy.WAIT));
        assertEquals("40001", e.sqlState());
        rr.rollback();
    }

    @Test
    void lockTimeoutEndsARowWait() {
        Transaction t1 = begin();
        Transaction t2 = begin();
        engine.update(t1, table, one, new Object[] {1, "a"}, new Object[] {1, "x"});
        t2.setWaitLimits(100, null);
        DbException e = assertThrows(DbException.class,
                () -> engine.delete(t2, table, one, new Object[] {1, "a"}));
        assertEquals("55P03", e.sqlState());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        t1.rollback();
        t2.rollback();
    }
}
