package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.LockCommand;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.WaitPolicy;

/** LOCK TABLE: takes the table locks until the transaction ends, all names resolved first. */
public final class LockTableCommand {
    private LockTableCommand() {
    }

    public static Result run(BindContext ctx, LockCommand command) {
        List<TableHandle> tables = new ArrayList<>();
        for (IndexCommand.QualifiedName name : command.tables()) {
            tables.add(Relations.requireTable(ctx, name));
        }
        for (TableHandle table : tables) {
            checkPrivilege(ctx, table, command.mode());
        }
        WaitPolicy policy = command.nowait() ? WaitPolicy.NOWAIT : WaitPolicy.WAIT;
        for (TableHandle table : tables) {
            TableLocking.lock(ctx, table, command.mode(), policy);
        }
        return Results.command("LOCK TABLE");
    }

    /**
     * PostgreSQL 15's rule: ACCESS SHARE needs SELECT, ROW EXCLUSIVE one of INSERT, UPDATE, DELETE
     * or TRUNCATE, stronger modes one of UPDATE, DELETE or TRUNCATE.
     */
    private static void checkPrivilege(BindContext ctx, TableHandle table, org.rustydb.spi.txn.LockMode mode) {
        var view = AccessControl.view(ctx.session(), ctx.transaction());
        if (view == null) {
            return;
        }
        java.util.List<Privilege> any = switch (mode) {
            case ACCESS_SHARE -> java.util.List.of(Privilege.SELECT);
            case ROW_EXCLUSIVE -> java.util.List.of(Privilege.INSERT, Privilege.UPDATE, Privilege.DELETE,
                    Privilege.TRUNCATE);
            default -> java.util.List.of(Privilege.UPDATE, Privilege.DELETE, Privilege.TRUNCATE);
        };
        ObjectRef ref = ObjectRef.relation(table.definition().schema(), table.definition().name());
        for (Privilege p : any) {
            if (view.has(ctx.session().user(), ref, p.bit())) {
                return;
            }
        }
        throw AccessControl.denied("table", table.definition().name());
    }
}
