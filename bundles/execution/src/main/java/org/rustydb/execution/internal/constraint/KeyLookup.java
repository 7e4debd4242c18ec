package org.rustydb.execution.internal.constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.execution.internal.exec.RowFollowing;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * Finds rows by the columns of a foreign key, through an index when one fits: the referenced row
 * in the parent table (through the unique index of the referenced key), and the referencing rows
 * in a child table (through an index that starts with the foreign key's columns, else a scan).
 * Reads see what the transaction sees: its own changes and, per cursor, what others committed.
 * Used by one statement (or one run of deferred checks), during which no index comes or goes.
 */
final class KeyLookup {
    private static final int CANCEL_CHECK_INTERVAL = 1024;

    /** A row found, with its id for changing it. */
    record Found(RowId id, Object[] row) {
    }

    private final SessionContext session;
    private final Transaction txn;
    private final StorageEngine storage;
    /** The index chosen for a table, columns and uniqueness (empty: none fits): tables do not change meanwhile. */
    private final Map<List<Object>, Optional<IndexHandle>> chosen = new HashMap<>();

    KeyLookup(SessionContext session, Transaction txn) {
        this.session = session;
        this.txn = txn;
        this.storage = session.storage();
    }

    /**
     * True when the parent table holds a row with {@code key} in {@code columns} (the referenced
     * columns, in foreign key order; the key already converted to their types). The row found is
     * locked FOR KEY SHARE until the transaction ends, as PostgreSQL does, so no other transaction
     * can delete it (or change its key) while the new referencing row may still commit: a
     * concurrent deleter is waited for; if it committed, READ COMMITTED looks at the row's newest
     * version and REPEATABLE READ fails with 40001.
     */
    boolean parentHasKey(TableHandle parent, List<Integer> columns, Object[] key) {
        for (Found found : find(parent, columns, key, true, false)) {
            if (lockKeyShare(parent, found, columns, key)) {
                return true;
            }
        }
        return false;
    }

    private boolean lockKeyShare(TableHandle parent, Found found, List<Integer> columns, Object[] key) {
        RowId id = found.id();
        Object[] row = found.row();
        for (;;) {
            try {
                return storage.lockRow(txn, parent, id, row, RowLockStrength.KEY_SHARE, WaitPolicy.WAIT);
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, parent, id,
                        values -> KeyValues.matches(values, columns, key));
                if (next == null) {
                    return false;
                }
                id = next.id();
                row = next.values();
            }
        }
    }

    /** The rows of a child table holding {@code key} in {@code columns}; only the first if {@code first}. */
    List<Found> childRows(TableHandle child, List<Integer> columns, Object[] key, boolean first) {
        return find(child, columns, key, false, first);
    }

    private List<Found> find(TableHandle table, List<Integer> columns, Object[] key, boolean uniqueIndex,
                             boolean first) {
        List<Found> found = new ArrayList<>();
        IndexHandle index = chosen.computeIfAbsent(List.of(table, columns, uniqueIndex),
                k -> Optional.ofNullable(indexFor(table, columns, uniqueIndex))).orElse(null);
        try (RowCursor cursor = index == null ? storage.scan(txn, table)
                : storage.scanIndex(txn, index, range(index.definition(), columns, key), false)) {
            int read = 0;
            while (cursor.next()) {
                if (++read % CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
                if (KeyValues.matches(cursor.row(), columns, key)) {
                    found.add(new Found(cursor.rowId(), cursor.row().clone()));
                    if (first) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    /**
     * An index whose leading columns are {@code columns} in any order; with {@code unique}, a
     * unique index of exactly those columns (the one a foreign key references).
     */
    private IndexHandle indexFor(TableHandle table, List<Integer> columns, boolean unique) {
        for (IndexHandle index : storage.indexes(txn, table)) {
            IndexDefinition def = index.definition();
            if (def.columns().size() < columns.size() || (unique && (!def.unique()
                    || def.columns().size() != columns.size()))) {
                continue;
            }
            if (new HashSet<>(def.columns().subList(0, columns.size())).equals(new HashSet<>(columns))) {
                return index;
            }
        }
        return null;
    }

    /** Equality on the index's leading columns, with the key's values put in index order. */
    private static KeyRange range(IndexDefinition index, List<Integer> columns, Object[] key) {
        Object[] prefix = new Object[columns.size()];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = key[columns.indexOf(index.columns().get(i))];
        }
        return KeyRange.equal(prefix);
    }
}
