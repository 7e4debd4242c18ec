package org.rustydb.execution.internal.copy;

import java.util.List;
import org.rustydb.api.CopyChannel;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.binder.Catalog;
import org.rustydb.execution.internal.ddl.AutoAnalyze;
import org.rustydb.execution.internal.ddl.Relations;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.ViewHandle;

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

    /** The table a COPY names; a view is 42809 as in PostgreSQL (views have no rows to copy in or out). */
    static TableHandle table(BindContext ctx, IndexCommand.QualifiedName name, boolean from) {
        return table(ctx, name, from, null);
    }

    /**
     * The table, with the privilege COPY needs checked: INSERT for FROM, SELECT for TO, on the table
     * or on each column copied ({@code columns}; null or empty: all of them).
     */
    static TableHandle table(BindContext ctx, IndexCommand.QualifiedName name, boolean from, List<String> columns) {
        TableHandle table = find(ctx, name, from);
        var def = table.definition();
        org.rustydb.execution.internal.privilege.AccessControl.requireColumns(ctx.session(), ctx.transaction(),
                org.rustydb.spi.security.ObjectRef.relation(def.schema(), def.name()), def.name(),
                (from ? org.rustydb.spi.security.Privilege.INSERT : org.rustydb.spi.security.Privilege.SELECT).bit(),
                columns == null || columns.isEmpty()
                        ? def.columns().stream().map(org.rustydb.spi.storage.ColumnDefinition::name).toList() : columns);
        return table;
    }

    private static TableHandle find(BindContext ctx, IndexCommand.QualifiedName name, boolean from) {
        try {
            return Relations.requireTable(ctx, name);
        } catch (DbException e) {
            if (!SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                throw e;
            }
            net.sf.jsqlparser.schema.Table table = new net.sf.jsqlparser.schema.Table(
                    name.schema() == null ? null : Identifiers.quote(name.schema()), Identifiers.quote(name.name()));
            if (Catalog.findRelation(ctx, table) instanceof ViewHandle view) {
                throw from
                        ? DbException.of(SqlState.WRONG_OBJECT_TYPE, "cannot copy to view \"%s\"", view.definition().name())
                        .withHint("To enable copying to a view, provide an INSTEAD OF INSERT trigger.")
                        : DbException.of(SqlState.WRONG_OBJECT_TYPE, "cannot copy from view \"%s\"",
                                view.definition().name()).withHint("Try the COPY (SELECT ...) TO variant.");
            }
            throw e;
        }
    }
}
