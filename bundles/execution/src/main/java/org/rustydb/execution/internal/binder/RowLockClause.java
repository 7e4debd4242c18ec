package org.rustydb.execution.internal.binder;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.RowLocking;
import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.WaitPolicy;

/** Binds SELECT's locking clause: FOR [NO KEY] UPDATE / FOR [KEY] SHARE [OF t] [NOWAIT | SKIP LOCKED]. */
final class RowLockClause {
    private RowLockClause() {
    }

    /** The clause, or null if the SELECT has none; 25006 in a read-only transaction. */
    static RowLocking bind(BindContext ctx, PlainSelect ps) {
        if (ps.getForMode() == null) {
            return null;
        }
        RowLockStrength strength = switch (ps.getForMode()) {
            case UPDATE -> RowLockStrength.UPDATE;
            case NO_KEY_UPDATE -> RowLockStrength.NO_KEY_UPDATE;
            case SHARE -> RowLockStrength.SHARE;
            case KEY_SHARE -> RowLockStrength.KEY_SHARE;
            default -> throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"FOR\"")
                    .withPosition(ctx.pos(ps));
        };
        // a reused plan would skip the read-only check above
        ctx.dependencies().notReusable("FOR " + strength.sql());
        if (ctx.transaction().isReadOnly()) {
            throw DbException.of(SqlState.READ_ONLY_SQL_TRANSACTION,
                    "cannot execute SELECT %s in a read-only transaction", strength.sql());
        }
        if (ps.getWait() != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"WAIT\"").withPosition(ctx.pos(ps));
        }
        WaitPolicy policy = ps.isNoWait() ? WaitPolicy.NOWAIT : ps.isSkipLocked() ? WaitPolicy.SKIP_LOCKED : WaitPolicy.WAIT;
        return new RowLocking(strength, policy);
    }

    /** FOR UPDATE OF names must be tables of the FROM clause (42P01 otherwise, as in PostgreSQL). */
    static void checkTargets(BindContext ctx, PlainSelect ps, TableHandle table) {
        if (ps.getForUpdateTables() == null) {
            return;
        }
        Table from = (Table) ps.getFromItem();
        String visible = from.getAlias() != null ? Identifiers.name(from.getAlias().getName())
                : table.definition().name();
        for (Table target : ps.getForUpdateTables()) {
            String name = Identifiers.name(target.getName());
            if (!name.equals(visible)) {
                throw DbException.of(SqlState.UNDEFINED_TABLE,
                        "relation \"%s\" in %s clause not found in FROM clause", name,
                        bind(ctx, ps).strength().sql()).withPosition(ctx.pos(target));
            }
        }
    }
}
