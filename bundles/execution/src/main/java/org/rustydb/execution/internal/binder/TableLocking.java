package org.rustydb.execution.internal.binder;

import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * The table locks statements take, as in PostgreSQL: SELECT takes ACCESS SHARE, SELECT ... FOR
 * UPDATE/SHARE ROW SHARE, INSERT/UPDATE/DELETE ROW EXCLUSIVE, CREATE INDEX SHARE, DROP ACCESS
 * EXCLUSIVE; each is held to the end of the transaction. So a DROP TABLE waits for the
 * transactions using the table, and they wait for it.
 */
public final class TableLocking {
    private TableLocking() {
    }

    /** The lock manager's name of a table. */
    public static String relation(TableHandle table) {
        return table.definition().schema() + "." + table.definition().name();
    }

    /**
     * Locks a table found by name; if it was dropped (or dropped and created again) while this
     * waited, 42P01 as PostgreSQL gives when the name no longer resolves.
     */
    public static TableHandle lock(BindContext ctx, TableHandle table, LockMode mode) {
        return lock(ctx, table, mode, WaitPolicy.WAIT);
    }

    public static TableHandle lock(BindContext ctx, TableHandle table, LockMode mode, WaitPolicy policy) {
        if (!ctx.transaction().lockTable(relation(table), mode, policy)) {
            return null;
        }
        ctx.dependencies().lock(table, mode);
        Optional<TableHandle> now = ctx.session().storage().findTable(ctx.transaction(), table.definition().schema(),
                table.definition().name());
        if (now.isEmpty() || !now.get().equals(table)) {
            throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", table.definition().name());
        }
        return table;
    }
}
