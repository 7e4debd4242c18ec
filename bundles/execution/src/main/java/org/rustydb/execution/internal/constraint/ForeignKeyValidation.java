package org.rustydb.execution.internal.constraint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * ALTER TABLE ADD FOREIGN KEY: the rows already in the table must reference keys the referenced
 * table holds (23503 with PostgreSQL's message otherwise). The caller holds locks on both tables
 * that keep their rows from changing, so one pass over each, with the referenced keys in a hash
 * set, checks them all without a lookup or a row lock per row.
 */
public final class ForeignKeyValidation {
    private static final int CANCEL_CHECK_INTERVAL = 4096;

    private ForeignKeyValidation() {
    }

    public static void check(SessionContext session, Transaction txn, TableHandle child, TableHandle parent,
                             ForeignKey fk) {
        Set<List<Object>> keys = new HashSet<>();
        long read = 0;
        try (RowCursor cursor = session.storage().scan(txn, parent)) {
            while (cursor.next()) {
                if (++read % CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
                Object[] key = KeyValues.of(cursor.row(), fk.referencedColumns());
                if (!KeyValues.anyNull(key)) {
                    keys.add(Arrays.asList(key));
                }
            }
        }
        String table = child.definition().name();
        try (RowCursor cursor = session.storage().scan(txn, child)) {
            while (cursor.next()) {
                if (++read % CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
                Object[] key = KeyValues.of(cursor.row(), fk.columns());
                if (KeyValues.anyNull(key)) {
                    if (!fk.matchFull() || KeyValues.allNull(key)) {
                        continue;
                    }
                    throw violation(table, fk).withDetail("MATCH FULL does not allow mixing of null and nonnull key "
                            + "values.");
                }
                Object[] parentKey = KeyValues.convert(key, parent.definition(), fk.referencedColumns());
                if (parentKey == null || !keys.contains(Arrays.asList(parentKey))) {
                    throw violation(table, fk).withDetail("Key " + KeyValues.keyText(child.definition(), fk.columns(),
                            key) + " is not present in table \"" + fk.referencedTable() + "\".");
                }
            }
        }
    }

    private static DbException violation(String table, ForeignKey fk) {
        return DbException.of(SqlState.FOREIGN_KEY_VIOLATION,
                "insert or update on table \"%s\" violates foreign key constraint \"%s\"", table, fk.name());
    }
}
