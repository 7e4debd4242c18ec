package org.rustydb.execution.internal.copy;

import org.rustydb.api.CopyChannel;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.ddl.AutoAnalyze;

/** Runs a parsed COPY in the statement's transaction, with the client's side of the copy. */
public final class CopyRunner {
    private CopyRunner() {
    }

    public static Result run(BindContext ctx, CopyCommand command, TransactionConstraints.Registry registry,
                             AutoAnalyze autoAnalyze) {
        if (command.file() != null) {
            // reading and writing the server's files needs privileges this server does not model
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY %s a file is not supported",
                            command.from() ? "from" : "to")
                    .withHint("Use COPY ... " + (command.from() ? "FROM STDIN" : "TO STDOUT")
                            + ", or a client-side facility such as psql's \\copy.");
        }
        CopyChannel channel = ctx.notices() == null ? null : ctx.notices().copyChannel().orElse(null);
        if (channel == null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY %s is not supported by this connection",
                    command.from() ? "FROM STDIN" : "TO STDOUT");
        }
        if (command.from()) {
            return CopyFrom.run(ctx, command, channel::copyIn, registry, autoAnalyze);
        }
        return CopyTo.run(ctx, command, channel::copyOut);
    }
}
