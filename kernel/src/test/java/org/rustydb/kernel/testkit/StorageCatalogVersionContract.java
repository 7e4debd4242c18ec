package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.txn.Transaction;

/**
 * {@link StorageEngine#catalogVersion}: it moves with every catalog change, when the change is
 * made and again when its transaction commits, rolls back or rolls back to a savepoint; rows,
 * sequence values, statistics and reads leave it alone.
 */
public abstract class StorageCatalogVersionContract extends StorageContractBase {

    private static TableDefinition table(String name) {
        return new TableDefinition("public", name,
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                        new ColumnDefinition("v", SqlType.TEXT, -1, false)),
                List.of());
    }

    /** Runs a change and says whether the version moved (and that it is known). */
    private boolean moves(Runnable change) {
        long before = engine.catalogVersion();
        assertNotEquals(StorageEngine.UNKNOWN_CATALOG_VERSION, before);
        change.run();
        return engine.catalogVersion() != before;
    }

    private TableHandle committed(String name) {
        Transaction txn = begin();
        TableHandle t = engine.createTable(txn, table(name));
        txn.commit();
        return t;
    }

    @Test
    void everyKindOfDdlMovesItAndSoDoesItsCommit() {
        TableHandle t = committed("t");
        Transaction txn = begin();
        assertTrue(moves(() -> engine.createTable(txn, table("u"))));
        IndexHandle[] index = new IndexHandle[1];
        assertTrue(moves(() -> index[0] = engine.createIndex(txn, t, new IndexDefinition("t_v", List.of(1), false))));
        assertTrue(moves(() -> engine.dropIndex(txn, index[0])));
        TableDefinition wider = new TableDefinition("public", "t", List.of(
                new ColumnDefinition("id", SqlType.INTEGER, -1, true),
                new ColumnDefinition("v", SqlType.TEXT, -1, false),
                new ColumnDefinition("w", SqlType.INTEGER, -1, false)), List.of());
        assertTrue(moves(() -> engine.alterTable(txn, t, wider, List.of(0, 1, -1))));
        assertTrue(moves(() -> engine.createSchema(txn, "s")));
        assertTrue(moves(() -> engine.renameSchema(txn, "s", "s2")));
        assertTrue(moves(() -> engine.createView(txn, new ViewDefinition("public", "v", "select 1",
                List.of(new ColumnDefinition("x", SqlType.INTEGER, -1, false)), List.of()))));
        assertTrue(moves(() -> engine.createSequence(txn, new SequenceDefinition("public", "q", 1, 1, 100, 1, false,
                null, null))));
        assertTrue(moves(txn::commit), "a commit makes the changes visible to all");
    }

    @Test
    void dropsAndTheirRollbackMoveIt() {
        TableHandle t = committed("t");
        Transaction txn = begin();
        assertTrue(moves(() -> engine.dropTable(txn, t)));
        assertTrue(moves(txn::rollback), "the rollback brings the table back");
        Transaction again = begin();
        assertEquals(t, engine.findTable(again, "public", "t").orElseThrow());
        again.commit();
    }

    @Test
    void aRollbackToASavepointThatUndoesDdlMovesIt() {
        committed("t");
        Transaction txn = begin();
        txn.savepoint("s");
        engine.createTable(txn, table("u"));
        assertTrue(moves(() -> txn.rollbackToSavepoint("s")));
        assertTrue(engine.findTable(txn, "public", "u").isEmpty());
        txn.commit();
    }

    @Test
    void aFailedDdlStillMovesItWhenItsTransactionEnds() {
        committed("t");
        Transaction txn = begin();
        assertThrows(DbException.class, () -> engine.createTable(txn, table("t")));
        assertTrue(moves(txn::rollback));
    }

    @Test
    void rowsReadsSequencesAndStatisticsLeaveItAlone() {
        TableHandle t = committed("t");
        Transaction setup = begin();
        var sequence = engine.createSequence(setup, new SequenceDefinition("public", "q", 1, 1, 100, 1, false,
                null, null));
        setup.commit();
        Transaction txn = begin();
        assertTrue(!moves(() -> engine.insert(txn, t, new Object[] {1, "one"})));
        assertTrue(!moves(() -> engine.findTable(txn, "public", "t")));
        assertTrue(!moves(() -> engine.indexes(txn, t)));
        assertTrue(!moves(() -> engine.nextValue(txn, sequence)));
        assertTrue(!moves(() -> engine.saveStatistics(txn, t, new TableStatistics(1, java.util.Arrays.asList(
                (TableStatistics.ColumnStatistics) null, null)))));
        assertTrue(!moves(txn::commit), "a transaction without catalog changes");
        Transaction readOnly = begin();
        assertTrue(!moves(readOnly::rollback));
    }
}
