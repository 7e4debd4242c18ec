package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * Threads interrupted over and over while they insert, commit and scan: an interrupt during file
 * I/O closes a FileChannel for every thread, which must neither fail the interrupted work nor
 * break the log or data files for anyone, and what was committed must survive a crash.
 */
class InterruptedIoTest {
    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();

    private Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    @Test
    void interruptedWritersAndReadersNeitherFailNorBreakTheFiles() throws Exception {
        // a pool of 32 pages: scans read evicted pages back and inserts write pages out
        PagedOptions options = new PagedOptions(true, 32 * 8192, 1L << 30);
        PagedStorageEngine engine = PagedStorageEngine.open(dir, options);
        Map<Integer, String> committed = new ConcurrentSkipListMap<>();
        try {
            Transaction create = begin();
            TableHandle table = engine.createTable(create, PagedRecoveryTest.table("t"));
            create.commit();

            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int base = w * 1_000_000;
                Thread writer = new Thread(() -> {
                    try {
                        for (int txn = 0; txn < 40; txn++) {
                            Transaction t = begin();
                            for (int i = 0; i < 20; i++) {
                                int id = base + txn * 20 + i;
                                engine.insert(t, table, new Object[] {id, "row " + id + " " + "x".repeat(200)});
                            }
                            t.commit();
                            for (int i = 0; i < 20; i++) {
                                int id = base + txn * 20 + i;
                                committed.put(id, "row " + id + " " + "x".repeat(200));
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                writers.add(writer);
                threads.add(writer);
            }
            Thread reader = new Thread(() -> {
                try {
                    while (writing.get()) {
                        Transaction t = begin();
                        try (RowCursor cursor = engine.scan(t, table)) {
                            while (cursor.next()) {
                                cursor.row();
                            }
                        }
                        t.commit();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(reader);
            threads.forEach(Thread::start);
            int interrupts = 0;
            while (writers.stream().anyMatch(Thread::isAlive)) {
                for (Thread thread : threads) {
                    thread.interrupt();
                    interrupts++;
                }
                LockSupport.parkNanos(50_000);
            }
            writing.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            assertTrue(failures.isEmpty(), "after " + interrupts + " interrupts: " + failures);

            Transaction last = begin();
            engine.insert(last, table, new Object[] {-1, "after"});
            last.commit();
            committed.put(-1, "after");
        } finally {
            engine.halt();
        }

        PagedStorageEngine reopened = PagedStorageEngine.open(dir, options);
        try {
            Transaction t = begin();
            assertEquals(new TreeMap<>(committed), PagedRecoveryTest.contents(reopened, t, "t"));
            t.commit();
        } finally {
            reopened.shutDown();
        }
    }
}
