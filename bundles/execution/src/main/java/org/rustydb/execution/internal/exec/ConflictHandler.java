package org.rustydb.execution.internal.exec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * INSERT ... ON CONFLICT: before each row is inserted, its key is looked up in the arbiter index;
 * a row found there is left alone (DO NOTHING) or updated (DO UPDATE). A row another transaction
 * inserts meanwhile makes the insert wait and then fail with 23505, after which the lookup is
 * tried again and finds it, as PostgreSQL's speculative insertion does.
 */
final class ConflictHandler {
    private static final int ATTEMPTS = 16;

    private final TableHandle table;
    private final BoundDml.Conflict conflict;
    private final SessionContext session;
    private final Transaction txn;
    private final DmlExecutor dml;
    private final int[] keyColumns;
    /** Keys this statement updated: a second update of one row is an error. */
    private final Set<HashKey> touched = new HashSet<>();

    ConflictHandler(TableHandle table, BoundDml.Conflict conflict, SessionContext session, Transaction txn,
                    DmlExecutor dml) {
        this.table = table;
        this.conflict = conflict;
        this.session = session;
        this.txn = txn;
        this.dml = dml;
        this.keyColumns = conflict.index() == null ? new int[0]
                : conflict.index().definition().columns().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Inserts {@code row} or resolves its conflict; the row written (for RETURNING), or null. */
    Object[] insert(Object[] row) {
        for (int attempt = 0; ; attempt++) {
            if (conflict.index() != null) {
                Object[] existing = null;
                RowId id = null;
                Object[] key = keyOf(row);
                if (key != null) {
                    try (RowCursor cursor = session.storage().scanIndex(txn, conflict.index(), KeyRange.equal(key),
                            false)) {
                        if (cursor.next()) {
                            existing = cursor.row().clone();
                            id = cursor.rowId();
                        }
                    }
                }
                if (existing != null) {
                    if (!conflict.update()) {
                        return null;
                    }
                    Object[] result = update(id, existing, row);
                    if (result != RETRY) {
                        return result;
                    }
                    continue;
                }
            }
            try {
                return dml.insertRow(table, row);
            } catch (DbException e) {
                if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) || !arbiterViolated(e)) {
                    throw e;
                }
                if (conflict.index() == null) {
                    return null; // DO NOTHING without a target: any unique violation
                }
                if (txn.isolationLevel() != IsolationLevel.READ_COMMITTED
                        && txn.isolationLevel() != IsolationLevel.READ_UNCOMMITTED) {
                    throw DbException.of(SqlState.SERIALIZATION_FAILURE,
                            "could not serialize access due to concurrent update");
                }
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static final Object[] RETRY = new Object[0];

    private Object[] update(RowId id, Object[] existing, Object[] proposed) {
        HashKey key = HashKey.of(existing, keyColumns);
        if (!touched.add(key)) {
            throw DbException.of(SqlState.CARDINALITY_VIOLATION,
                    "ON CONFLICT DO UPDATE command cannot affect row a second time")
                    .withHint("Ensure that no rows proposed for insertion within the same command have duplicate "
                            + "constrained values.");
        }
        boolean[] skipped = {false};
        Object[] written = dml.replaceRow(table, id, existing, read -> {
            Object[] both = java.util.Arrays.copyOf(read, read.length + proposed.length);
            System.arraycopy(proposed, 0, both, read.length, proposed.length);
            if (conflict.where() != null && !Boolean.TRUE.equals(conflict.where().eval(both))) {
                skipped[0] = true;
                return null;
            }
            Object[] changed = read.clone();
            for (int i = 0; i < conflict.targets().length; i++) {
                changed[conflict.targets()[i]] = conflict.values().get(i).eval(both);
            }
            return changed;
        }, read -> HashKey.of(read, keyColumns).equals(key));
        if (written == null && !skipped[0]) {
            touched.remove(key);
            return RETRY; // the row went away meanwhile: insert after all
        }
        return written;
    }

    private Object[] keyOf(Object[] row) {
        Object[] key = new Object[keyColumns.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[keyColumns[i]];
            if (key[i] == null) {
                return null; // NULLs never conflict
            }
        }
        return key;
    }

    /** Whether the violated constraint is the arbiter (any unique one when there is no target). */
    private boolean arbiterViolated(DbException e) {
        if (conflict.index() == null) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains("\"" + conflict.index().definition().name() + "\"");
    }

}
