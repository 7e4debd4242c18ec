package org.rustydb.execution.internal.exec;

import java.util.Optional;
import java.util.function.Predicate;

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
     * After an attempt on a row failed with {@code failure}: at READ COMMITTED, a 40001 means a
     * committed transaction changed the row since it was read, and the statement goes on with its
     * newest version if that still {@code qualifies}; null when the row was deleted or no longer
     * qualifies (skip it). Anything else, or any 40001 at a higher level, is rethrown.
     */
    public static RowVersion next(StorageEngine storage, Transaction txn, DbException failure, TableHandle table,
                                  RowId id, Predicate<Object[]> qualifies) {
        boolean readCommitted = txn.isolationLevel() == IsolationLevel.READ_COMMITTED
                || txn.isolationLevel() == IsolationLevel.READ_UNCOMMITTED;
        if (!readCommitted || !SqlState.SERIALIZATION_FAILURE.equals(failure.sqlState())) {
            throw failure;
        }
        Optional<RowVersion> latest = storage.latestVersion(txn, table, id);
        return latest.isPresent() && qualifies.test(latest.get().values()) ? latest.get() : null;
    }
}
