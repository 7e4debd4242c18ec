package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.IsolationLevel;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.btree.BulkDelete;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.vacuum.VacuumOptions;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * A crash (halt: no checkpoint, caches and unforced log dropped) after each step of a vacuum, or
 * while one runs: after recovery the data is intact, the consistency check passes, and the next
 * vacuum finishes the job.
 */
class VacuumRecoveryTest {
    @TempDir
    Path dir;
    private final TransactionCoordinator transactions = new TransactionCoordinator();
    private final List<PagedStorageEngine> opened = new ArrayList<>();

    private PagedStorageEngine open() {
        PagedStorageEngine engine = PagedStorageEngine.open(dir, new PagedOptions(true, 8L << 20, 1L << 30)
                .withVacuum(VacuumOptions.defaults().withAutovacuum(false)));
        opened.add(engine);
        return engine;
    }

    @AfterEach
    void closeAll() {
        for (PagedStorageEngine engine : opened) {
            try {
                engine.halt();
            } catch (RuntimeException e) {
                // already halted
            }
        }
    }

    private Transaction begin() {
        return transactions.begin(IsolationLevel.READ_COMMITTED, false);
    }

    /** 3000 rows updated twice, every third deleted, 200 inserted and rolled back; returns what is committed. */
    private Map<Integer, String> churn(PagedStorageEngine engine, int rows) {
        Transaction create = begin();
        TableHandle t = engine.createTable(create, PagedRecoveryTest.table("t"));
        engine.createIndex(create, t, new IndexDefinition("t_v", List.of(1), false));
        for (int i = 0; i < rows; i++) {
            engine.insert(create, t, new Object[] {i, "v" + i + " " + "p".repeat(i % 200)});
        }
        create.commit();
        Map<Integer, String> expected = new TreeMap<>();
        for (int round = 1; round <= 2; round++) {
            Transaction txn = begin();
            List<RowId> ids = new ArrayList<>();
            List<Object[]> read = new ArrayList<>();
            try (RowCursor cursor = engine.scan(txn, t)) {
                while (cursor.next()) {
                    ids.add(cursor.rowId());
                    read.add(cursor.row().clone());
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                int id = (Integer) read.get(i)[0];
                String v = "r" + round + " " + id + " " + "q".repeat(id % 300);
                if (round == 2 && id % 3 == 0) {
                    engine.delete(txn, t, ids.get(i), read.get(i));
                } else {
                    engine.update(txn, t, ids.get(i), read.get(i), new Object[] {id, v});
                    expected.put(id, v);
                }
            }
            txn.commit();
        }
        expected.keySet().removeIf(id -> id % 3 == 0);
        Transaction aborted = begin();
        for (int i = 0; i < 200; i++) {
            engine.insert(aborted, t, new Object[] {rows + i, "never"});
        }
        aborted.rollback();
        return expected;
    }

    private static PagedTable table(PagedStorageEngine engine) {
        return engine.committedTables().stream().filter(t -> t.name().equals("t")).findFirst().orElseThrow();
    }

    /** A committed transaction forces the log, so every page edit logged before it survives the crash. */
    private void forceLog(PagedStorageEngine engine) {
        Transaction txn = begin();
        engine.createTable(txn, PagedRecoveryTest.table("marker" + System.nanoTime()));
        txn.commit();
    }

    private void assertRecovered(PagedStorageEngine engine, Map<Integer, String> expected) {
        Transaction read = begin();
        assertEquals(expected, PagedRecoveryTest.contents(engine, read, "t"));
        read.commit();
        assertChecked(engine);
    }

    private static void assertChecked(PagedStorageEngine engine) {
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(Set.of("t"))) {
            assertTrue(report.ok(), report.problems().toString());
        }
    }

    /** After a vacuum of a quiet table: every index holds exactly the live rows, no slot is left DEAD. */
    private static void assertClean(PagedStorageEngine engine, int liveRows) {
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(Set.of("t"))) {
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(liveRows, report.liveRows());
            assertEquals(2L * liveRows, report.indexEntries());
        }
        HeapFile heap = table(engine).heap();
        for (int p = 0; p < heap.pageCount(); p++) {
            assertEquals(0, heap.deadRowIds(p).length, "DEAD slots left on page " + p);
        }
    }

    @Test
    void crashAfterAVacuum() {
        PagedStorageEngine engine = open();
        Map<Integer, String> expected = churn(engine, 1500);
        VacuumResult first = engine.vacuum(table(engine));
        assertTrue(first.removedIndexEntries() > 0);
        forceLog(engine);
        engine.halt();

        PagedStorageEngine reopened = open();
        assertRecovered(reopened, expected);
        VacuumResult again = reopened.vacuum(table(reopened));
        assertEquals(0, again.removedVersions(), again.toString());
        assertEquals(0, again.removedIndexEntries(), "the first vacuum's work survived");
        assertClean(reopened, expected.size());
    }

    @Test
    void crashAfterThePruningPass() {
        PagedStorageEngine engine = open();
        Map<Integer, String> expected = churn(engine, 1500);
        HeapFile heap = table(engine).heap();
        for (int p = 0; p < heap.pageCount(); p++) {
            heap.prune(p, engine.rows().pruneFilter()); // DEAD slots whose index entries are still there
        }
        forceLog(engine);
        engine.halt();

        PagedStorageEngine reopened = open();
        assertRecovered(reopened, expected);
        VacuumResult r = reopened.vacuum(table(reopened));
        assertEquals(0, r.removedVersions(), "pruned before the crash");
        assertTrue(r.removedIndexEntries() > 0);
        assertClean(reopened, expected.size());
        assertRecovered(reopened, expected);
    }

    @Test
    void crashAfterTheIndexPass() {
        PagedStorageEngine engine = open();
        Map<Integer, String> expected = churn(engine, 1500);
        PagedTable t = table(engine);
        HeapFile heap = t.heap();
        Set<Long> dead = new HashSet<>();
        for (int p = 0; p < heap.pageCount(); p++) {
            heap.prune(p, engine.rows().pruneFilter());
            Arrays.stream(heap.deadRowIds(p)).forEach(dead::add);
        }
        for (PagedIndex index : t.indexes()) {
            BulkDelete pass = index.tree().bulkDelete(dead::contains);
            while (pass.step(8)) {
                // to the end
            }
        }
        forceLog(engine);
        int pages = heap.pageCount();
        engine.halt();

        PagedStorageEngine reopened = open();
        assertRecovered(reopened, expected);
        VacuumResult r = reopened.vacuum(table(reopened));
        assertEquals(0, r.removedIndexEntries(), "removed before the crash");
        assertClean(reopened, expected.size());
        // the freed slots take new rows: the heap does not grow
        Transaction txn = begin();
        TableHandle handle = reopened.findTable(txn, "public", "t").orElseThrow();
        for (int i = 0; i < 1000; i++) {
            reopened.insert(txn, handle, new Object[] {10_000 + i, "new " + i});
            expected.put(10_000 + i, "new " + i);
        }
        txn.commit();
        assertEquals(pages, table(reopened).heap().pageCount());
        assertRecovered(reopened, expected);
    }

    @Test
    void crashWhileAVacuumRuns() throws Exception {
        PagedStorageEngine engine = open();
        Map<Integer, String> expected = churn(engine, 3000);
        long editsBefore = engine.store().log().editCount();
        CompletableFuture<Void> vacuum = CompletableFuture.runAsync(() -> engine.vacuum(table(engine)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.store().log().editCount() < editsBefore + 40 && !vacuum.isDone()
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        forceLog(engine); // some of the vacuum's edits are durable, later ones may not be
        engine.halt();
        try {
            vacuum.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // stopped by the halt, as a crash would stop it
        }

        PagedStorageEngine reopened = open();
        assertRecovered(reopened, expected);
        reopened.vacuum(table(reopened));
        assertClean(reopened, expected.size());
        assertRecovered(reopened, expected);
    }
}
