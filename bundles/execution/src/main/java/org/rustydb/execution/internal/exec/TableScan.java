package org.rustydb.execution.internal.exec;

import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.txn.Transaction;

/**
 * Reads the rows of a table through a storage cursor, all of them or those of an index range as
 * the access path says, checking for cancel as it goes.
 */
public final class TableScan implements RowSource {
    /** How many rows pass between cancel checks. */
    static final int CANCEL_CHECK_INTERVAL = 1024;

    private final SessionContext session;
    private final RowCursor cursor;
    private int sinceCheck;

    public TableScan(SessionContext session, Transaction txn, AccessPath path) {
        this(session, txn, path, null);
    }

    /** A scan whose rows need to hold only {@code columns} (ascending; null: all). */
    public TableScan(SessionContext session, Transaction txn, AccessPath path, int[] columns) {
        this.session = session;
        this.cursor = path.open(session.storage(), txn, columns);
    }

    @Override
    public Object[] next() {
        if (++sinceCheck >= CANCEL_CHECK_INTERVAL) {
            sinceCheck = 0;
            session.checkCancelled();
        }
        return cursor.next() ? cursor.row() : null;
    }

    /** The rows an index-only scan had to read from the table so far (0 for other scans). */
    long heapFetches() {
        return AccessPath.heapFetches(cursor);
    }

    /** The id of the row last returned by {@link #next()}. */
    public RowId rowId() {
        return cursor.rowId();
    }

    @Override
    public void close() {
        cursor.close();
    }
}
