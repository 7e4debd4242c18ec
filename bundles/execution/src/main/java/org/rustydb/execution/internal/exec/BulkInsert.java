package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import org.rustydb.api.DbException;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * Rows of a bulk load (COPY FROM, INSERT ... SELECT) handed to the storage engine a batch at a
 * time ({@link StorageEngine#insertAll}), so that it can store them together. Each row goes
 * through {@code check} when added and {@code stored} once its batch is stored, in order. A row
 * that fails its checks is reported after the rows before it are stored, so errors come in the
 * order a row-by-row load would give them, and a
 * row the engine refuses is named by the position it was added at (COPY's line), as PostgreSQL's
 * multi-row COPY names it.
 */
final class BulkInsert {
    /** Rows per batch: a few pages' worth for typical rows, small enough to hold in memory. */
    static final int BATCH_ROWS = 512;

    private final StorageEngine storage;
    private final Transaction txn;
    private final TableHandle table;
    private final Consumer<Object[]> check;
    private final Consumer<Object[]> stored;
    private final LongSupplier position;
    private final LongFunction<String> where;
    private final List<Object[]> pending = new ArrayList<>(BATCH_ROWS);
    private final long[] positions = new long[BATCH_ROWS];

    /**
     * @param position where the row being added comes from (COPY's line number), or null
     * @param where    the error context for a row refused at that position, or null for none
     */
    BulkInsert(StorageEngine storage, Transaction txn, TableHandle table, Consumer<Object[]> check,
               Consumer<Object[]> stored, LongSupplier position, LongFunction<String> where) {
        this.check = check;
        this.storage = storage;
        this.txn = txn;
        this.table = table;
        this.stored = stored;
        this.position = position;
        this.where = where;
    }

    void add(Object[] row) {
        try {
            check.accept(row);
        } catch (RuntimeException e) {
            flush(); // the rows before it first: their errors come first
            throw e;
        }
        if (position != null) {
            positions[pending.size()] = position.getAsLong();
        }
        pending.add(row);
        if (pending.size() >= BATCH_ROWS) {
            flush();
        }
    }

    /** Stores the rows added so far. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Object[]> batch = new ArrayList<>(pending);
        pending.clear();
        int[] failed = {-1};
        try {
            storage.insertAll(txn, table, batch, i -> failed[0] = i);
        } catch (DbException e) {
            if (where != null && e.context() == null && failed[0] >= 0 && failed[0] < batch.size()) {
                throw e.withContext(where.apply(positions[failed[0]]));
            }
            throw e;
        }
        batch.forEach(stored);
    }
}
