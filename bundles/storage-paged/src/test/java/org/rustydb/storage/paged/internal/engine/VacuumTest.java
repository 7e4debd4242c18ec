package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.btree.BTreeChecker;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;
import org.rustydb.storage.paged.internal.shell.VacuumCommand;

/** VACUUM of the paged engine: space comes back, index entries of dead versions go, snapshots keep theirs. */
class VacuumTest extends OpenEngine {
    static final int ROWS = 200;
    static final int ROUNDS = 30;

    TableHandle create(String name, int rows) {
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, PagedRecoveryTest.table(name));
        engine.createIndex(txn, t, new IndexDefinition(name + "_v", List.of(1), false));
        for (int i = 0; i < rows; i++) {
            engine.insert(txn, t, new Object[] {i, value(i, 0)});
        }
        txn.commit();
        return t;
    }

    static String value(int id, int round) {
        return "row " + id + " round " + round + " " + "x".repeat(100);
    }

    /** One transaction that rewrites every row of the table. */
    void updateAll(TableHandle t, int round) {
        Transaction txn = begin();
        Map<RowId, Object[]> rows = new TreeMap<>();
        try (RowCursor cursor = engine.scan(txn, t)) {
            while (cursor.next()) {
                rows.put(cursor.rowId(), cursor.row().clone());
            }
        }
        for (Map.Entry<RowId, Object[]> e : rows.entrySet()) {
            int id = (Integer) e.getValue()[0];
            engine.update(txn, t, e.getKey(), e.getValue(), new Object[] {id, value(id, round)});
        }
        txn.commit();
    }

    static int heapPages(TableHandle t) {
        return ((PagedTable) t).heap().pageCount();
    }

    int indexPages(TableHandle t) {
        int pages = 0;
        for (PagedIndex index : ((PagedTable) t).indexes()) {
            pages += engine.store().pool().pageCount(index.fileId());
        }
        return pages;
    }

    /** Index entries per index; checks every tree's structure on the way. */
    List<Integer> indexEntries(TableHandle t) {
        return ((PagedTable) t).indexes().stream().map(index -> {
            BTreeChecker checker = new BTreeChecker(engine.store().pool(), index.fileId());
            assertEquals(List.of(), checker.check(), index.name());
            return checker.entries().size();
        }).toList();
    }

    void assertConsistent() {
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(Set.of())) {
            assertTrue(report.ok(), report.table() + ": " + report.problems());
        }
    }

    Map<Integer, String> contents(String name) {
        Transaction txn = begin();
        try {
            return PagedRecoveryTest.contents(engine, txn, name);
        } finally {
            txn.commit();
        }
    }

    @Test
    void repeatedUpdatesStopGrowingTheFilesOnceVacuumed() {
        TableHandle vacuumed = create("t", ROWS);
        TableHandle left = create("u", ROWS);
        int[] heapAt = new int[2];
        int[] indexAt = new int[2];
        for (int round = 1; round <= ROUNDS; round++) {
            updateAll(vacuumed, round);
            updateAll(left, round);
            VacuumResult r = engine.vacuum(vacuumed);
            assertEquals(ROWS, r.remainingVersions(), r.toString());
            // every old version's entry, whether vacuum pruned the version or an insert did before
            assertEquals(2L * ROWS, r.removedIndexEntries(), r.toString());
            if (round == 10) { // the indexes reach their steady size after a few rounds
                heapAt[0] = heapPages(vacuumed);
                indexAt[0] = indexPages(vacuumed);
            }
        }
        heapAt[1] = heapPages(vacuumed);
        indexAt[1] = indexPages(vacuumed);
        System.out.printf("%d rounds of updating %d rows: with vacuum heap %d (round 10) -> %d pages, "
                        + "indexes %d -> %d pages; without vacuum heap %d pages, indexes %d pages%n", ROUNDS, ROWS,
                heapAt[0], heapAt[1], indexAt[0], indexAt[1], heapPages(left), indexPages(left));
        assertTrue(heapAt[1] <= heapAt[0] + 1, "heap grew from " + heapAt[0] + " to " + heapAt[1] + " pages");
        assertTrue(indexAt[1] <= indexAt[0] + 1, "indexes grew from " + indexAt[0] + " to " + indexAt[1] + " pages");
        assertTrue(indexPages(left) > 2 * indexAt[1], "without vacuum the non-unique index keeps every version's entry");
        assertEquals(List.of(ROWS, ROWS), indexEntries(vacuumed));
        List<Integer> unvacuumed = indexEntries(left);
        // a unique insert removes the entries of its key whose versions an insert pruned; the other index keeps them
        assertTrue(unvacuumed.get(0) < (ROUNDS + 1) * ROWS / 4, "unique index entries: " + unvacuumed);
        assertEquals((ROUNDS + 1) * ROWS, unvacuumed.get(1));
        assertConsistent();
        Map<Integer, String> rows = contents("t");
        assertEquals(ROWS, rows.size());
        assertEquals(value(7, ROUNDS), rows.get(7));

        // the other table catches up in one vacuum
        VacuumResult r = engine.vacuum(left);
        assertEquals(ROWS, r.remainingVersions());
        assertEquals(unvacuumed.get(0) + unvacuumed.get(1) - 2L * ROWS, r.removedIndexEntries());
        assertEquals(List.of(ROWS, ROWS), indexEntries(left));
        assertConsistent();
    }

    @Test
    void aSnapshotKeepsTheVersionsItCanStillSee() {
        TableHandle t = create("t", 100);
        Transaction reader = begin(IsolationLevel.REPEATABLE_READ);
        assertEquals(100, count(reader, t));
        Transaction writer = begin();
        for (int i = 0; i < 50; i++) {
            engine.delete(writer, t, PagedRecoveryTest.rowIdOf(engine, writer, "t", i));
        }
        writer.commit();
        updateAll(t, 1);

        VacuumResult held = engine.vacuum(t);
        assertEquals(0, held.removedVersions(), held.toString());
        assertEquals(100, held.unremovableVersions(), held.toString());
        assertEquals(100, count(reader, t));
        try (RowCursor cursor = engine.scanIndex(reader, engine.indexes(reader, t).get(0), KeyRange.equal(3), false)) {
            assertTrue(cursor.next());
            assertEquals(value(3, 0), cursor.row()[1]);
        }
        reader.commit();

        VacuumResult freed = engine.vacuum(t);
        assertEquals(100, freed.removedVersions(), freed.toString());
        assertEquals(50, freed.remainingVersions(), freed.toString());
        assertEquals(0, freed.unremovableVersions(), freed.toString());
        assertEquals(200, freed.removedIndexEntries(), freed.toString());
        assertEquals(List.of(50, 50), indexEntries(t));
        assertConsistent();
    }

    private long count(Transaction txn, TableHandle t) {
        long n = 0;
        try (RowCursor cursor = engine.scan(txn, t)) {
            while (cursor.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void versionsOfAbortedTransactionsGoToo() {
        TableHandle t = create("t", 10);
        Transaction aborted = begin();
        for (int i = 100; i < 200; i++) {
            engine.insert(aborted, t, new Object[] {i, value(i, 0)});
        }
        engine.delete(aborted, t, PagedRecoveryTest.rowIdOf(engine, aborted, "t", 1));
        aborted.rollback();
        VacuumResult r = engine.vacuum(t);
        assertEquals(100, r.removedVersions(), r.toString());
        assertEquals(10, r.remainingVersions(), r.toString());
        assertEquals(List.of(10, 10), indexEntries(t));
        assertEquals(10, contents("t").size());
        assertConsistent();
    }

    @Test
    void overflowChainsOfDeadVersionsAreFreedAndReused() {
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, PagedRecoveryTest.table("big"));
        for (int i = 0; i < 20; i++) {
            engine.insert(txn, t, new Object[] {i, "b".repeat(30_000) + i});
        }
        txn.commit();
        int pagesAfterFirstRound = 0;
        for (int round = 1; round <= 10; round++) {
            Transaction update = begin();
            for (int i = 0; i < 20; i++) {
                engine.update(update, t, PagedRecoveryTest.rowIdOf(engine, update, "big", i),
                        new Object[] {i, "r".repeat(30_000) + round + "/" + i});
            }
            update.commit();
            engine.vacuum(t);
            if (round == 1) {
                pagesAfterFirstRound = heapPages(t);
            }
        }
        assertTrue(heapPages(t) <= pagesAfterFirstRound + 2, pagesAfterFirstRound + " -> " + heapPages(t));
        Map<Integer, String> rows = contents("big");
        assertEquals(20, rows.size());
        assertEquals("r".repeat(30_000) + "10/7", rows.get(7));
        assertConsistent();
    }

    @Test
    void aRowIdReadBeforeVacuumIsNotReusedWhileItsTransactionRuns() {
        TableHandle t = create("t", 5);
        Transaction holder = begin();
        RowId held = PagedRecoveryTest.rowIdOf(engine, holder, "t", 2); // its cursor is closed now
        Object[] read = {2, value(2, 0)};
        Transaction deleter = begin();
        engine.delete(deleter, t, held);
        deleter.commit();

        engine.vacuum(t);
        HeapFile heap = ((PagedTable) t).heap();
        long[] dead = heap.deadRowIds(HeapFile.pageOf(held.value()));
        assertEquals(1, dead.length, "the slot stays DEAD while the holder runs");
        assertEquals(held.value(), dead[0]);
        Transaction inserter = begin();
        for (int i = 10; i < 20; i++) {
            assertTrue(engine.insert(inserter, t, new Object[] {i, value(i, 0)}).value() != held.value());
        }
        inserter.commit();
        // the holder's change finds its row gone, not some new row in its place
        assertEquals(SqlState.SERIALIZATION_FAILURE, assertThrows(DbException.class,
                () -> engine.delete(holder, t, held, read)).sqlState());
        holder.rollback();

        engine.vacuum(t);
        assertEquals(0, heap.deadRowIds(HeapFile.pageOf(held.value())).length);
        assertEquals(14, contents("t").size());
        assertConsistent();
    }

    @Test
    void slotsLeftForLaterAreFreedByTheNextVacuum() {
        TableHandle t = create("t", 20);
        Transaction holder = begin();
        count(holder, t); // enlisted: it may hold row ids
        Transaction deleter = begin();
        for (int i = 0; i < 10; i++) {
            engine.delete(deleter, t, PagedRecoveryTest.rowIdOf(engine, deleter, "t", i));
        }
        deleter.commit();
        VacuumResult first = engine.vacuum(t);
        assertEquals(10, first.removedVersions());
        assertEquals(20, first.removedIndexEntries());
        assertTrue(((PagedTable) t).activity().hasDeferred());
        holder.commit();
        VacuumResult second = engine.vacuum(t);
        assertEquals(0, second.removedVersions());
        assertEquals(0, second.removedIndexEntries(), "the deferred slots are freed without another index pass");
        assertEquals(0, ((PagedTable) t).heap().deadRowIds(0).length);
        assertConsistent();
    }

    @Test
    void vacuumFindsEveryTableStateAndCountsChanges() {
        TableHandle t = create("t", 100);
        assertEquals(100, ((PagedTable) t).activity().liveRows());
        updateAll(t, 1);
        Transaction deleter = begin();
        engine.delete(deleter, t, PagedRecoveryTest.rowIdOf(engine, deleter, "t", 0));
        deleter.commit();
        Transaction aborted = begin();
        engine.insert(aborted, t, new Object[] {500, "x"});
        aborted.rollback();
        EngineVacuum.TableStats before = engine.vacuums().stats().get(0);
        assertEquals(99, before.liveRows());
        assertEquals(102, before.deadRows());
        assertNull(before.lastVacuum());
        engine.vacuum(t);
        EngineVacuum.TableStats after = engine.vacuums().stats().get(0);
        assertEquals("public.t", after.table());
        assertEquals(99, after.liveRows());
        assertEquals(0, after.deadRows());
        assertEquals(1, after.vacuumCount());
        assertTrue(after.lastVacuum() != null && after.lastAutovacuum() == null);
    }

    @Test
    void aTableBeingDroppedIsLeftAlone() {
        TableHandle t = create("t", 10);
        Transaction dropper = begin();
        engine.dropTable(dropper, t);
        assertEquals(SqlState.LOCK_NOT_AVAILABLE, assertThrows(DbException.class, () -> engine.vacuum(t)).sqlState());
        dropper.rollback();
        assertEquals(10, engine.vacuum(t).remainingVersions());
    }

    @Test
    void aSlotHoldsNoTupleAfterVacuum() {
        TableHandle t = create("t", 3);
        Transaction deleter = begin();
        RowId gone = PagedRecoveryTest.rowIdOf(engine, deleter, "t", 1);
        engine.delete(deleter, t, gone);
        deleter.commit();
        engine.vacuum(t);
        StoredTuple tuple = ((PagedTable) t).heap().read(gone.value());
        assertNull(tuple);
    }

    @Test
    void theShellCommandShowsAndRunsVacuum() {
        TableHandle t = create("t", 20);
        Transaction deleter = begin();
        for (int i = 0; i < 5; i++) {
            engine.delete(deleter, t, PagedRecoveryTest.rowIdOf(engine, deleter, "t", i));
        }
        deleter.commit();
        VacuumCommand command = new VacuumCommand(engine.vacuums());
        String before = run(command, List.of());
        assertTrue(before.matches("(?s)table +pages +live rows +dead rows +last vacuum +last autovacuum +vacuums +autovacuums\n"
                + "public\\.t +1 +15 +5 +never +never +0 +0\nautovacuum: off\n"), before);
        String ran = run(command, List.of("t"));
        assertEquals("t: removed 5 row versions (0 dead but not yet removable), 10 index entries; 15 remain in 1 pages, "
                + "0 pages freed\n", ran);
        String after = run(command, List.of());
        assertTrue(after.matches("(?s).*public\\.t +1 +15 +0 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +never +1 +0\n.*"),
                after);
        assertEquals(SqlState.UNDEFINED_TABLE, assertThrows(DbException.class,
                () -> run(command, List.of("nosuch"))).sqlState());
    }

    private static String run(VacuumCommand command, List<String> arguments) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        command.execute(arguments, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
