package org.rustydb.execution.internal.exec;

import org.rustydb.api.DbException;
import org.rustydb.execution.internal.plan.RowLocking;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * The scan and WHERE of SELECT ... FOR UPDATE/SHARE: each qualifying row is locked before it is
 * returned. A row another transaction holds makes this wait (or fail with NOWAIT, or be skipped
 * with SKIP LOCKED); at READ COMMITTED a row changed meanwhile is replaced by its newest version
 * if that still qualifies, as in PostgreSQL.
 */
final class LockingScan implements RowSource {
    private final TableScan scan;
    private final BoundExpr filter;
    private final RowLocking locking;
    private final StorageEngine storage;
    private final Transaction txn;
    private final TableHandle table;

    LockingScan(TableScan scan, BoundExpr filter, RowLocking locking, SessionContext session,
                Transaction txn, TableHandle table) {
        this.scan = scan;
        this.filter = filter;
        this.locking = locking;
        this.storage = session.storage();
        this.txn = txn;
        this.table = table;
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = scan.next()) != null) {
            if (matches(row)) {
                Object[] locked = lock(scan.rowId(), row.clone());
                if (locked != null) {
                    return locked;
                }
            }
        }
        return null;
    }

    /** The row as locked (possibly a newer version), or null if it was skipped or no longer qualifies. */
    private Object[] lock(RowId id, Object[] read) {
        for (;;) {
            try {
                return storage.lockRow(txn, table, id, read, locking.strength(), locking.policy()) ? read : null;
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, table, id, this::matches);
                if (next == null) {
                    return null;
                }
                id = next.id();
                read = next.values();
            }
        }
    }

    private boolean matches(Object[] row) {
        return filter == null || Boolean.TRUE.equals(filter.eval(row));
    }

    @Override
    public void close() {
        scan.close();
    }
}
