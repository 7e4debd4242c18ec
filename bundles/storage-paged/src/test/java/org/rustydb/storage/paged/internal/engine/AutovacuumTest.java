package org.rustydb.storage.paged.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.vacuum.TableActivity;
import org.rustydb.storage.paged.internal.vacuum.VacuumOptions;

/** The background vacuum: a table past the threshold is vacuumed; one below it is left alone. */
class AutovacuumTest extends OpenEngine {
    @Override
    PagedOptions options() {
        return super.options().withVacuum(new VacuumOptions(true, 50, 10, 0.1, VacuumOptions.DEFAULT_MAX_DEAD_ROWS));
    }

    @Test
    void tablesPastTheThresholdAreVacuumedInTheBackground() throws InterruptedException {
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, PagedRecoveryTest.table("t"));
        for (int i = 0; i < 100; i++) {
            engine.insert(txn, t, new Object[] {i, "v" + i});
        }
        txn.commit();
        TableActivity activity = ((PagedTable) t).activity();
        Transaction few = begin();
        for (int i = 0; i < 15; i++) { // 15 dead, not more than 10 + 0.1 * 100
            engine.delete(few, t, PagedRecoveryTest.rowIdOf(engine, few, "t", i));
        }
        few.commit();
        assertEquals(15, activity.deadRows());
        Thread.sleep(300);
        assertEquals(0, activity.autovacuumCount(), "below the threshold");

        Transaction more = begin();
        for (int i = 15; i < 40; i++) {
            engine.update(more, t, PagedRecoveryTest.rowIdOf(engine, more, "t", i), new Object[] {i, "w" + i});
        }
        more.commit();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (activity.autovacuumCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(activity.autovacuumCount() > 0, "no automatic vacuum within 10 s");
        assertEquals(0, activity.deadRows());
        assertEquals(85, activity.liveRows());
        assertTrue(activity.lastAutovacuum() != null && activity.lastVacuum() == null);
        for (ConsistencyCheck.TableReport report : new ConsistencyCheck(engine).run(java.util.Set.of())) {
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(85, report.liveRows());
            assertEquals(85, report.indexEntries(), "the entries of the dead versions are gone");
        }
    }

    @Test
    void shuttingDownStopsTheBackgroundVacuum() {
        assertTrue(engine.vacuums().autovacuumRunning());
        engine.shutDown();
        assertFalse(engine.vacuums().autovacuumRunning());
        engine = PagedStorageEngine.open(dir, options());
        assertTrue(engine.vacuums().autovacuumRunning());
        engine.halt();
        assertFalse(engine.vacuums().autovacuumRunning());
        engine = PagedStorageEngine.open(dir, super.options());
        assertFalse(engine.vacuums().autovacuumEnabled());
        assertEquals(List.of(), engine.vacuums().stats());
    }
}
