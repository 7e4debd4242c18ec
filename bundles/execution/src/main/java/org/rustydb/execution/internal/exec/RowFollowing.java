package org.rustydb.execution.internal.exec;

import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * READ COMMITTED's answer to a row changed under a statement (PostgreSQL's EvalPlanQual): the
 * statement goes on with the newest version of the row instead of failing. Shared by UPDATE,
 * DELETE and SELECT ... FOR UPDATE.
 */
public final class RowFollowing {
    private RowFollowing() {
    }

    /**
     * The newest version of the row (empty if it was deleted) when {@code failure} is a 40001 in a
     * READ COMMITTED transaction; rethrows {@code failure} otherwise.
     */
    public static Optional<RowVersion> latestIfFollowing(StorageEngine storage, Transaction txn, DbException failure,
                                                  TableHandle table, RowId id) {
        boolean readCommitted = txn.isolationLevel() == IsolationLevel.READ_COMMITTED
                || txn.isolationLevel() == IsolationLevel.READ_UNCOMMITTED;
        if (!readCommitted || !SqlState.SERIALIZATION_FAILURE.equals(failure.sqlState())) {
            throw failure;
        }
        return storage.latestVersion(txn, table, id);
    }
}
