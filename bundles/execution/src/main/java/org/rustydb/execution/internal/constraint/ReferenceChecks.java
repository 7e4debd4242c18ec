package org.rustydb.execution.internal.constraint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/** Runs the two checks of a foreign key, with PostgreSQL's errors (23503). */
final class ReferenceChecks {
    private final SessionContext session;
    private final Transaction txn;
    private final KeyLookup lookup;
    private final Map<List<String>, Optional<TableHandle>> parents = new HashMap<>();

    ReferenceChecks(SessionContext session, Transaction txn) {
        this.session = session;
        this.txn = txn;
        this.lookup = new KeyLookup(session, txn);
    }

    KeyLookup lookup() {
        return lookup;
    }

    void run(PendingCheck check) {
        if (check instanceof PendingCheck.Referencing r) {
            referencing(r.child(), r.foreignKey(), r.key());
        } else if (check instanceof PendingCheck.Referenced r) {
            referenced(r.child(), r.foreignKey(), r.parent(), r.key(), r.restrict());
        } else {
            throw new IllegalArgumentException("not a check: " + check);
        }
    }

    /** The parent must hold a key a child row took, unless no child row holds it any more. */
    void referencing(TableHandle child, ForeignKey fk, Object[] key) {
        TableDefinition childTable = child.definition();
        if (KeyValues.anyNull(key)) {
            if (!fk.matchFull() || KeyValues.allNull(key)) {
                return;
            }
            throw DbException.of(SqlState.FOREIGN_KEY_VIOLATION,
                            "insert or update on table \"%s\" violates foreign key constraint \"%s\"",
                            childTable.name(), fk.name())
                    .withDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
        }
        Optional<TableHandle> parent = parents.computeIfAbsent(List.of(fk.referencedSchema(), fk.referencedTable()),
                k -> session.storage().findTable(txn, k.get(0), k.get(1)));
        if (parent.isPresent()) {
            Object[] parentKey = KeyValues.convert(key, parent.get().definition(), fk.referencedColumns());
            if (parentKey != null && lookup.parentHasKey(parent.get(), fk.referencedColumns(), parentKey)) {
                return;
            }
        }
        // the check was queued by a change of a child row; that row may have been deleted or changed since
        if (lookup.childRows(child, fk.columns(), key, true).isEmpty()) {
            return;
        }
        throw DbException.of(SqlState.FOREIGN_KEY_VIOLATION,
                        "insert or update on table \"%s\" violates foreign key constraint \"%s\"", childTable.name(),
                        fk.name())
                .withDetail("Key " + KeyValues.keyText(childTable, fk.columns(), key) + " is not present in table \""
                        + fk.referencedTable() + "\".");
    }

    /** No child row may hold a key the parent gave up; for NO ACTION, unless the parent has it again. */
    void referenced(TableHandle child, ForeignKey fk, TableHandle parent, Object[] key, boolean restrict) {
        if (!restrict && lookup.parentHasKey(parent, fk.referencedColumns(), key)) {
            return;
        }
        Object[] childKey = KeyValues.convert(key, child.definition(), fk.columns());
        if (childKey == null || lookup.childRows(child, fk.columns(), childKey, true).isEmpty()) {
            return;
        }
        TableDefinition parentTable = parent.definition();
        throw DbException.of(SqlState.FOREIGN_KEY_VIOLATION,
                        "update or delete on table \"%s\" violates foreign key constraint \"%s\" on table \"%s\"",
                        parentTable.name(), fk.name(), child.definition().name())
                .withDetail("Key " + KeyValues.keyText(parentTable, fk.referencedColumns(), key)
                        + " is still referenced from table \"" + child.definition().name() + "\".");
    }
}
