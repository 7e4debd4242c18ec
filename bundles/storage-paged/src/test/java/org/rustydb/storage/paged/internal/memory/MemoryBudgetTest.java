package org.rustydb.storage.paged.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;

class MemoryBudgetTest {
    @Test
    void reservesUpToTheLimitAndFailsBeyondIt() {
        MemoryBudget budget = new MemoryBudget(1000);
        budget.reserve(600, "sort");
        budget.reserve(400, "hash");
        assertEquals(1000, budget.used());
        assertEquals(0, budget.available());
        DbException e = assertThrows(DbException.class, () -> budget.reserve(1, "hash table"));
        assertEquals("53200", e.sqlState());
        assertEquals("out of memory", e.getMessage());
        assertEquals("Failed on request of size 1 bytes for hash table.", e.detail());
        assertEquals(1000, budget.used(), "a failed reservation takes nothing");
        budget.release(600);
        assertEquals(400, budget.used());
        budget.reserve(600, "sort");
        assertFalse(budget.tryReserve(1));
    }

    @Test
    void releasingMoreThanReservedIsABug() {
        MemoryBudget budget = new MemoryBudget(100);
        budget.reserve(10, "x");
        assertThrows(IllegalStateException.class, () -> budget.release(11));
        assertEquals(10, budget.used());
        assertThrows(IllegalArgumentException.class, () -> budget.reserve(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(-1));
    }

    @Test
    void childDrawsFromItsParentAndHasItsOwnLimit() {
        MemoryBudget global = new MemoryBudget(1000);
        MemoryBudget query = global.child(300);
        query.reserve(200, "sort");
        assertEquals(200, query.used());
        assertEquals(200, global.used());
        DbException own = assertThrows(DbException.class, () -> query.reserve(101, "sort"));
        assertEquals("53200", own.sqlState());
        assertEquals(200, global.used());

        global.reserve(780, "buffer pool");
        DbException parents = assertThrows(DbException.class, () -> query.reserve(50, "hash"));
        assertEquals("Failed on request of size 50 bytes for hash.", parents.detail());
        assertEquals(200, query.used(), "the child's part of a failed reservation is rolled back");
        assertEquals(980, global.used());

        query.release(100);
        assertEquals(100, query.used());
        assertEquals(880, global.used());
    }

    @Test
    void closingAChildReturnsWhatItStillHolds() {
        MemoryBudget global = new MemoryBudget(1000);
        MemoryBudget query = global.child(500);
        MemoryBudget operator = query.child(200);
        operator.reserve(150, "sort");
        query.reserve(100, "hash");
        assertEquals(250, global.used());
        operator.close();
        assertEquals(0, operator.used());
        assertEquals(100, query.used());
        assertEquals(100, global.used());
        query.close();
        assertEquals(0, global.used());
    }

    @Test
    void concurrentReservationsNeverExceedTheLimit() throws InterruptedException {
        MemoryBudget global = new MemoryBudget(2_000);
        AtomicLong maxSeen = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            MemoryBudget child = global.child(1_500);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (child.tryReserve(700)) {
                        maxSeen.accumulateAndGet(global.used(), Math::max);
                        child.release(700);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(maxSeen.get() <= 2_000 && maxSeen.get() >= 700, "max seen " + maxSeen.get());
        assertEquals(0, global.used());
    }
}
