package org.rustydb.storage.paged.internal.engine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.kernel.testkit.StorageIndexContract;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.transaction.internal.TransactionCoordinator;

/** The index contract on the paged engine, and what it decodes of a projected scan. */
class PagedStorageIndexTest extends StorageIndexContract {
    @TempDir
    Path dir;

    @Override
    protected StorageEngine createEngine() {
        return PagedStorageEngine.open(dir, new PagedOptions(true, 8L << 20, 64L << 20));
    }

    @Override
    protected TransactionManager createTransactionManager() {
        return new TransactionCoordinator();
    }

    @Test
    void aProjectedScanDecodesTheColumnsAskedForOnly() {
        Transaction ddl = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        TableHandle table = engine.createTable(ddl, new TableDefinition("public", "wide",
                List.of(new ColumnDefinition("id", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("k", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("v", SqlType.INTEGER, -1, false),
                        new ColumnDefinition("pad", SqlType.TEXT, -1, false)),
                List.of(new UniqueKey("wide_pkey", List.of(0), true))));
        engine.insert(ddl, table, new Object[] {1, 2, 3, "four"});
        ddl.commit();
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        try (RowCursor cursor = engine.scan(txn, table, new int[] {1, 2})) {
            assertTrue(cursor.next());
            assertArrayEquals(new Object[] {null, 2, 3, null}, cursor.row());
        }
        IndexHandle pk = engine.indexes(txn, table).get(0);
        try (RowCursor cursor = engine.scanIndex(txn, pk, KeyRange.ALL, false, new int[] {3})) {
            assertTrue(cursor.next());
            assertArrayEquals(new Object[] {1, null, null, "four"}, cursor.row(), "and the key");
        }
        txn.commit();
    }

    @AfterEach
    void shutDownEngine() {
        ((PagedStorageEngine) engine).shutDown();
    }
}
