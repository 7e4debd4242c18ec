package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.VisibilityMap;

/** Index-only scans of the paged engine: the visibility map vacuum sets and changes clear, and its safety under load. */
class IndexOnlyScanTest extends OpenEngine {
    private static final String PAD = "x".repeat(200);

    private TableHandle filled(String name, int rows) {
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, PagedRecoveryTest.table(name));
        for (int i = 0; i < rows; i++) {
            engine.insert(txn, t, new Object[] {i, PAD});
        }
        txn.commit();
        return t;
    }

    private static VisibilityMap map(TableHandle t) {
        return ((PagedTable) t).heap().visibilityMap();
    }

    private IndexHandle pk(Transaction txn, TableHandle t) {
        return engine.indexes(txn, t).get(0);
    }

    /** The ids an index-only scan of the whole primary key returns, and its heap fetches appended last. */
    private List<Long> scanIds(Transaction txn, TableHandle t) {
        List<Long> out = new ArrayList<>();
        try (IndexOnlyCursor cursor = engine.scanIndexOnly(txn, pk(txn, t), KeyRange.ALL, false)) {
            while (cursor.next()) {
                assertEquals(null, cursor.row()[1], "not a key column");
                out.add(((Integer) cursor.row()[0]).longValue());
            }
            out.add(cursor.heapFetches());
        }
        return out;
    }

    private RowId rowOf(Transaction txn, TableHandle t, int id) {
        try (RowCursor cursor = engine.scanIndex(txn, pk(txn, t), KeyRange.equal(id), false)) {
            assertTrue(cursor.next());
            return cursor.rowId();
        }
    }

    @Test
    void vacuumSetsTheBitsAndEveryKindOfChangeClearsThem() {
        TableHandle t = filled("vm", 200); // several pages
        HeapFile heap = ((PagedTable) t).heap();
        int pages = heap.pageCount();
        assertTrue(pages > 3, "pages: " + pages);
        assertEquals(0, map(t).countAllVisible(), "nothing is all-visible before a vacuum");
        Transaction read = begin();
        List<Long> ids = scanIds(read, t);
        assertEquals(200L, ids.get(ids.size() - 1), "every entry fetched its row");
        read.commit();

        engine.vacuum(t);
        assertEquals(pages, map(t).countAllVisible());
        read = begin();
        ids = scanIds(read, t);
        assertEquals(201, ids.size());
        assertEquals(0L, ids.get(200), "no heap fetch once every page is all-visible");
        read.commit();

        // insert, delete, update and row lock each clear the bit of the page they touch
        Transaction w = begin();
        RowId first = rowOf(w, t, 0);
        RowId locked = rowOf(w, t, 199);
        RowId deleted = rowOf(w, t, 100);
        w.commit();
        int deletedPage = HeapFile.pageOf(deleted.value());
        int lockedPage = HeapFile.pageOf(locked.value());
        assertTrue(map(t).isAllVisible(deletedPage));

        w = begin();
        engine.lockRow(w, t, locked, null, RowLockStrength.SHARE, WaitPolicy.WAIT);
        assertFalse(map(t).isAllVisible(lockedPage));
        engine.delete(w, t, deleted);
        assertFalse(map(t).isAllVisible(deletedPage));
        w.commit();

        engine.vacuum(t);
        assertEquals(pages, map(t).countAllVisible(), "a committed delete vacuumed away leaves the page all-visible");
        w = begin();
        engine.update(w, t, first, new Object[] {0, PAD}, new Object[] {0, "y"});
        assertFalse(map(t).isAllVisible(HeapFile.pageOf(first.value())));
        // an uncommitted insert: other readers must fetch and skip it
        engine.insert(w, t, new Object[] {1000, "new"});
        Transaction other = begin();
        ids = scanIds(other, t);
        assertEquals(199, ids.size() - 1, "the rows but the deleted one, the updated one once, not the new");
        assertFalse(ids.subList(0, ids.size() - 1).contains(1000L));
        assertTrue(ids.get(ids.size() - 1) > 0);
        other.commit();
        w.rollback();
    }

    @Test
    void anOpenSnapshotKeepsNewerRowsFromBeingAllVisible() {
        TableHandle t = filled("snap", 10);
        Transaction old = begin(IsolationLevel.REPEATABLE_READ);
        assertEquals(11, scanIds(old, t).size()); // takes the snapshot
        Transaction w = begin();
        engine.insert(w, t, new Object[] {50, "late"});
        w.commit();
        engine.vacuum(t);
        assertEquals(0, map(t).countAllVisible(), "the row inserted after the snapshot is not visible to it");
        List<Long> ids = scanIds(old, t);
        assertFalse(ids.subList(0, ids.size() - 1).contains(50L));
        old.commit();
        engine.vacuum(t);
        assertEquals(1, map(t).countAllVisible());
    }

    @Test
    void theMapStartsClearAfterARestart() {
        TableHandle t = filled("restart", 50);
        engine.vacuum(t);
        assertTrue(map(t).countAllVisible() > 0);
        engine.shutDown();
        engine = PagedStorageEngine.open(dir, options());
        Transaction txn = begin();
        TableHandle reopened = engine.findTable(txn, "public", "restart").orElseThrow();
        assertEquals(0, map(reopened).countAllVisible());
        List<Long> ids = scanIds(txn, reopened);
        assertEquals(51, ids.size());
        assertEquals(50L, ids.get(50), "every row fetched until a vacuum runs again");
        txn.commit();
    }

    /**
     * Writers insert pairs of rows and delete pairs, committing or rolling back, while vacuum runs
     * in a loop: an index-only scan in a REPEATABLE READ transaction must return exactly the ids a
     * table scan of the same snapshot returns: no row of an uncommitted or later-committed
     * transaction, no committed row missed.
     */
    @Test
    void underConcurrentWritersAndVacuumItSeesExactlyItsSnapshot() throws Exception {
        TableHandle t = filled("busy", 400);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger nextId = new AtomicInteger(10_000);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong checks = new AtomicLong();
        AtomicLong fromIndex = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            long seed = w;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                while (!stop.get()) {
                    Transaction txn = begin();
                    try {
                        int id = nextId.getAndAdd(2);
                        engine.insert(txn, t, new Object[] {id, PAD});
                        engine.insert(txn, t, new Object[] {id + 1, PAD});
                        int victim = random.nextInt(400);
                        try (RowCursor c = engine.scanIndex(txn, pk(txn, t), KeyRange.equal(victim), false)) {
                            if (c.next()) {
                                engine.delete(txn, t, c.rowId(), c.row().clone());
                            }
                        }
                        if (random.nextBoolean()) {
                            txn.commit();
                        } else {
                            txn.rollback();
                        }
                    } catch (DbException e) {
                        txn.rollback(); // a concurrent delete of the same victim: 40001, fine
                    } catch (Throwable e) {
                        failures.add(e);
                        txn.rollback();
                    }
                }
            }));
        }
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                try {
                    engine.vacuum(t);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        }));
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                Transaction txn = begin(IsolationLevel.REPEATABLE_READ);
                try {
                    List<Long> fromTable = new ArrayList<>();
                    try (RowCursor c = engine.scan(txn, t)) {
                        while (c.next()) {
                            fromTable.add(((Integer) c.row()[0]).longValue());
                        }
                    }
                    fromTable.sort(null);
                    List<Long> ids = scanIds(txn, t);
                    long fetches = ids.remove(ids.size() - 1);
                    fromIndex.addAndGet(ids.size() - fetches);
                    if (!ids.equals(fromTable)) {
                        List<Long> extra = new ArrayList<>(ids);
                        extra.removeAll(fromTable);
                        List<Long> missed = new ArrayList<>(fromTable);
                        missed.removeAll(ids);
                        failures.add(new AssertionError("index-only scan returned " + extra + " too, missed " + missed));
                    }
                    checks.incrementAndGet();
                    txn.commit();
                } catch (Throwable e) {
                    failures.add(e);
                    txn.rollback();
                }
            }
        }));
        threads.forEach(Thread::start);
        Thread.sleep(3000);
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
        assertTrue(checks.get() > 5, "checks: " + checks.get());
        assertTrue(fromIndex.get() > 0, "some rows came from the index alone");
    }
}
