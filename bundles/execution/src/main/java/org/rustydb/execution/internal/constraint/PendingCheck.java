package org.rustydb.execution.internal.constraint;

import java.util.Arrays;
import java.util.List;

import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.TableHandle;

/**
 * Work a row change leaves for the end of its statement (or, for a deferred constraint, for the
 * end of the transaction), as PostgreSQL's after-row triggers of foreign keys do.
 */
sealed interface PendingCheck {
    /** The referencing table. */
    TableHandle child();

    ForeignKey foreignKey();

    /** A key a row of the child took: the parent must have it (unless the row is gone again). */
    record Referencing(TableHandle child, ForeignKey foreignKey, Object[] key) implements PendingCheck {
    }

    /**
     * A key of the parent that was deleted or changed: no child row may still hold it. For NO
     * ACTION another parent row with the same key satisfies the children; RESTRICT allows none.
     */
    record Referenced(TableHandle child, ForeignKey foreignKey, TableHandle parent, Object[] key, boolean restrict)
            implements PendingCheck {
    }

    /**
     * ON DELETE or ON UPDATE CASCADE, SET NULL or SET DEFAULT for the child rows holding
     * {@code oldKey}: they are deleted ({@code delete}), or their key columns get {@code newValues}
     * (already of the child's column types).
     */
    record Action(TableHandle child, ForeignKey foreignKey, Object[] oldKey, boolean delete, Object[] newValues)
            implements PendingCheck {
    }

    /** What makes two checks the same work: the constraint, its table, the kind and the key. */
    static List<Object> identity(PendingCheck check) {
        String table = check.child().definition().schema() + "." + check.child().definition().name();
        if (check instanceof Referencing r) {
            return List.of("referencing", table, r.foreignKey().name(), Arrays.asList(r.key()));
        }
        if (check instanceof Referenced r) {
            return List.of("referenced", table, r.foreignKey().name(), r.restrict(), Arrays.asList(r.key()));
        }
        return List.of(check);
    }
}
