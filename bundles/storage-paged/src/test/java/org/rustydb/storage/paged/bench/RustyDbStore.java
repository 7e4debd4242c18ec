package org.rustydb.storage.paged.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
import org.rustydb.spi.txn.TransactionManager;
import org.rustydb.storage.paged.internal.engine.PagedOptions;
import org.rustydb.storage.paged.internal.engine.PagedStorageEngine;
import org.rustydb.transaction.internal.TransactionCoordinator;

/**
 * The paged engine through the storage SPI, as the executor uses it: fsync on, every commit forced
 * to the log before {@code commit()} returns, lookups through the primary key's index.
 */
final class RustyDbStore implements BenchedStore {
    static final long BUFFER_POOL_BYTES = 256L << 20;
    static final String PRIMARY_KEY = "sbtest_pkey";
    static final TableDefinition SBTEST = new TableDefinition("public", "sbtest",
            List.of(new ColumnDefinition("id", SqlType.BIGINT, -1, true),
                    new ColumnDefinition("k", SqlType.INTEGER, -1, true),
                    new ColumnDefinition("c", SqlType.VARCHAR, Workload.C_LENGTH, true),
                    new ColumnDefinition("pad", SqlType.VARCHAR, Workload.PAD_LENGTH, true)),
            List.of(new UniqueKey(PRIMARY_KEY, List.of(0), true)));

    private final Path dir;
    private final PagedStorageEngine engine;
    private final TransactionManager transactions = new TransactionCoordinator();
    private final TableHandle table;
    private final IndexHandle primaryKey;

    RustyDbStore(Path dir) {
        this.dir = dir;
        this.engine = PagedStorageEngine.open(dir,
                new PagedOptions(true, BUFFER_POOL_BYTES, PagedOptions.DEFAULT_CHECKPOINT_BYTES));
        try {
            Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
            table = engine.createTable(txn, SBTEST);
            primaryKey = engine.indexes(txn, table).stream()
                    .filter(index -> index.definition().name().equals(PRIMARY_KEY))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the engine reports no index " + PRIMARY_KEY));
            txn.commit();
        } catch (RuntimeException e) {
            engine.halt();
            throw e;
        }
    }

    @Override
    public void insertBatch(Object[][] rows, int from, int to) {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, false);
        try {
            // the bulk path COPY and INSERT ... SELECT take: a page of rows per log record
            engine.insertAll(txn, table, Arrays.asList(rows).subList(from, to), failed -> { });
        } catch (RuntimeException e) {
            txn.rollback();
            throw e;
        }
        txn.commit();
    }

    @Override
    public long lookupKSum(long[] ids) {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        try {
            long sum = 0;
            for (long id : ids) {
                try (RowCursor cursor = engine.scanIndex(txn, primaryKey, KeyRange.equal(id), false)) {
                    if (!cursor.next()) {
                        throw new IllegalStateException("rustydb: no row with id " + id);
                    }
                    sum += (Integer) cursor.row()[1];
                }
            }
            return sum;
        } finally {
            txn.commit();
        }
    }

    @Override
    public ScanTotals scan() {
        Transaction txn = transactions.begin(IsolationLevel.READ_COMMITTED, true);
        try (RowCursor cursor = engine.scan(txn, table)) {
            long rows = 0;
            long kSum = 0;
            while (cursor.next()) {
                rows++;
                kSum += (Integer) cursor.row()[1];
            }
            return new ScanTotals(rows, kSum);
        } finally {
            txn.commit();
        }
    }

    @Override
    public void close() {
        try {
            engine.shutDown();
        } finally {
            BenchedStore.deleteTree(dir);
        }
    }
}
