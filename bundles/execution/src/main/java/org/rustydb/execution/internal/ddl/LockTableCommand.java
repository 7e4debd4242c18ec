package org.rustydb.execution.internal.ddl;

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
        WaitPolicy policy = command.nowait() ? WaitPolicy.NOWAIT : WaitPolicy.WAIT;
        for (TableHandle table : tables) {
            TableLocking.lock(ctx, table, command.mode(), policy);
        }
        return Results.command("LOCK TABLE");
    }
}
