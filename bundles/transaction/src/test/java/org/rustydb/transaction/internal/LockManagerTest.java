package org.rustydb.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;

class LockManagerTest {
    private final TransactionCoordinator coordinator = new TransactionCoordinator();

    private Transaction begin() {
        return coordinator.begin(IsolationLevel.READ_COMMITTED, false);
    }

    @Test
    void conflictMatrixIsPostgresqls() {
        assertTrue(LockMode.ACCESS_SHARE.conflictsWith(LockMode.ACCESS_EXCLUSIVE));
        assertFalse(LockMode.ACCESS_SHARE.conflictsWith(LockMode.EXCLUSIVE));
        assertFalse(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE));
        assertTrue(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE));
        assertFalse(LockMode.SHARE.conflictsWith(LockMode.SHARE));
        assertTrue(LockMode.SHARE_ROW_EXCLUSIVE.conflictsWith(LockMode.SHARE_ROW_EXCLUSIVE));
        assertTrue(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertFalse(LockMode.ROW_SHARE.conflictsWith(LockMode.ROW_EXCLUSIVE));
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertEquals(a.conflictsWith(b), b.conflictsWith(a), a + " vs " + b);
            }
        }
    }

    @Test
    void compatibleModesDoNotWaitAndOwnLocksNeverConflict() {
        Transaction a = begin();
        Transaction b = begin();
        assertTrue(a.lockTable("public.t", LockMode.ROW_EXCLUSIVE, WaitPolicy.NOWAIT));
        assertTrue(b.lockTable("public.t", LockMode.ROW_EXCLUSIVE, WaitPolicy.NOWAIT));
        assertTrue(a.lockTable("public.u", LockMode.ACCESS_SHARE, WaitPolicy.NOWAIT));
        assertTrue(a.lockTable("public.u", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.NOWAIT)); // upgrade, alone
        a.rollback();
        b.rollback();
    }

    /**
     * Weak modes taken without the lock table (fast path) still block a strong lock until their
     * transaction ends, and once a strong lock is held or wanted, weak ones queue behind it.
     */
    @Test
    void fastPathWeakLocksBlockStrongOnesAndQueueBehindThem() throws Exception {
        Transaction reader = begin();
        Transaction ddl = begin();
        Transaction late = begin();
        assertTrue(reader.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.WAIT));
        assertTrue(late.lockTable("public.t", LockMode.ROW_EXCLUSIVE, WaitPolicy.WAIT));
        assertFalse(ddl.lockTable("public.t", LockMode.SHARE, WaitPolicy.SKIP_LOCKED), "ROW EXCLUSIVE blocks SHARE");
        late.rollback();
        CompletableFuture<Boolean> exclusive = CompletableFuture.supplyAsync(
                () -> ddl.lockTable("public.t", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT));
        Thread.sleep(100);
        assertFalse(exclusive.isDone(), "waits for the fast-path ACCESS SHARE");
        // while ACCESS EXCLUSIVE is wanted, a new weak lock goes to the lock table (granted: only
        // granted locks conflict), where the waiting one sees it too
        Transaction another = begin();
        assertTrue(another.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.NOWAIT));
        assertEquals(1, coordinator.locks().strongCountFor("public.t"));
        reader.commit();
        Thread.sleep(100);
        assertFalse(exclusive.isDone(), "waits for the ACCESS SHARE in the lock table");
        another.rollback();
        assertTrue(exclusive.get(5, TimeUnit.SECONDS));
        Transaction third = begin();
        assertEquals("55P03", assertThrows(DbException.class,
                () -> third.lockTable("public.t", LockMode.ROW_SHARE, WaitPolicy.NOWAIT)).sqlState());
        ddl.commit();
        // the strong lock is gone: weak locks take the fast path again
        assertEquals(0, coordinator.locks().strongCountFor("public.t"));
        assertTrue(third.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.NOWAIT));
        assertTrue(coordinator.locks().modesHeld((CoordinatedTransaction) third, "public.t")
                .contains(LockMode.ACCESS_SHARE));
        third.rollback();
    }

    @Test
    void aFailedStrongRequestStopsCountingSoWeakLocksStayFast() {
        Transaction reader = begin();
        Transaction ddl = begin();
        assertTrue(reader.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.WAIT));
        assertThrows(DbException.class, () -> ddl.lockTable("public.t", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.NOWAIT));
        Transaction other = begin();
        assertTrue(other.lockTable("public.t", LockMode.ROW_EXCLUSIVE, WaitPolicy.NOWAIT));
        assertEquals(0, coordinator.locks().strongCountFor("public.t"));
        reader.rollback();
        ddl.rollback();
        other.rollback();
    }

    @Test
    void nowaitFailsAndSkipLockedGivesUp() {
        Transaction a = begin();
        Transaction b = begin();
        a.lockTable("public.t", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT);
        DbException e = assertThrows(DbException.class,
                () -> b.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.NOWAIT));
        assertEquals("55P03", e.sqlState());
        assertEquals("could not obtain lock on relation \"t\"", e.getMessage());
        assertFalse(b.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.SKIP_LOCKED));
        a.commit();
        assertTrue(b.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.NOWAIT));
        b.commit();
    }

    @Test
    void aWaiterGetsTheLockWhenTheHolderEnds() throws Exception {
        Transaction a = begin();
        Transaction b = begin();
        a.lockTable("public.t", LockMode.EXCLUSIVE, WaitPolicy.WAIT);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(
                () -> b.lockTable("public.t", LockMode.ROW_SHARE, WaitPolicy.WAIT));
        Thread.sleep(100);
        assertFalse(waiting.isDone());
        a.rollback();
        assertTrue(waiting.get(5, TimeUnit.SECONDS));
        b.commit();
    }

    @Test
    void lockTimeoutCancelsTheWait() {
        Transaction a = begin();
        Transaction b = begin();
        a.lockTable("public.t", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT);
        b.setWaitLimits(100, null);
        long start = System.nanoTime();
        DbException e = assertThrows(DbException.class,
                () -> b.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.WAIT));
        assertEquals("55P03", e.sqlState());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        assertTrue(System.nanoTime() - start >= 90_000_000L);
        assertEquals(org.rustydb.spi.txn.Transaction.State.ACTIVE, b.state());
        a.commit();
        b.rollback();
    }

    @Test
    void aCanceledStatementStopsWaiting() {
        Transaction a = begin();
        Transaction b = begin();
        a.awaitEnd(a); // waiting for oneself is no wait
        b.setWaitLimits(0, () -> {
            throw DbException.of("57014", "canceling statement due to user request");
        });
        DbException e = assertThrows(DbException.class, () -> b.awaitEnd(a));
        assertEquals("57014", e.sqlState());
        a.commit();
        b.awaitEnd(a); // ended: returns at once
        b.commit();
    }

    private static DbException failureOf(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        return (DbException) e.getCause();
    }

    @Test
    void theFirstTransactionToWaitIsTheDeadlockVictim() throws Exception {
        Transaction a = begin();
        Transaction b = begin();
        a.lockTable("public.x", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT);
        b.lockTable("public.y", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT);
        long start = System.nanoTime();
        CompletableFuture<Boolean> aWaits = CompletableFuture.supplyAsync(
                () -> a.lockTable("public.y", LockMode.ACCESS_SHARE, WaitPolicy.WAIT));
        Thread.sleep(50);
        CompletableFuture<Void> bWaits = CompletableFuture.runAsync(() -> b.awaitEnd(a));
        DbException e = failureOf(aWaits);
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "found within a second");
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        assertTrue(e.detail().contains("blocked by transaction " + b.id()), e.detail());
        assertFalse(bWaits.isDone(), "the other one still waits for the victim to end");
        a.rollback();
        bWaits.get(5, TimeUnit.SECONDS);
        b.commit();
    }

    @Test
    void threeWayCycleIsFound() throws Exception {
        Transaction a = begin();
        Transaction b = begin();
        Transaction c = begin();
        CompletableFuture<Void> aWaitsB = CompletableFuture.runAsync(() -> a.awaitEnd(b));
        Thread.sleep(50);
        CompletableFuture<Void> bWaitsC = CompletableFuture.runAsync(() -> b.awaitEnd(c));
        CompletableFuture<Void> cWaitsA = CompletableFuture.runAsync(() -> c.awaitEnd(a));
        assertEquals("40P01", failureOf(aWaitsB).sqlState());
        a.rollback();
        cWaitsA.get(5, TimeUnit.SECONDS);
        c.commit();
        bWaitsC.get(5, TimeUnit.SECONDS);
        b.commit();
    }

    @Test
    void endedTransactionsCannotLock() {
        Transaction a = begin();
        a.commit();
        assertThrows(DbException.class, () -> a.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.WAIT));
    }

    @Test
    void waitsDoNotLeakIntoTheGraph() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Transaction a = begin();
        Transaction b = begin();
        b.setWaitLimits(50, null);
        a.lockTable("public.t", LockMode.ACCESS_EXCLUSIVE, WaitPolicy.WAIT);
        assertThrows(DbException.class, () -> b.lockTable("public.t", LockMode.ACCESS_SHARE, WaitPolicy.WAIT));
        // b no longer waits for a, so a waiting for b is no deadlock
        CompletableFuture<Void> aWaits = CompletableFuture.runAsync(() -> a.awaitEnd(b));
        Thread.sleep(50);
        assertFalse(aWaits.isDone());
        b.commit();
        aWaits.get(5, TimeUnit.SECONDS);
        a.commit();
    }
}
