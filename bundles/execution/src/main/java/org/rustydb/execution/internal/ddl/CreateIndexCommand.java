package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.execution.internal.binder.TableLocking;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;

/**
 * CREATE [UNIQUE] INDEX over plain columns in ascending order (B-tree). The checks come in
 * PostgreSQL's order: table, access method, columns, then the name; what this engine does not
 * support is refused (0A000) only after those, so a statement wrong in PostgreSQL fails as there.
 */
public final class CreateIndexCommand {
    /** PostgreSQL's other index access methods: they exist, but only btree is supported here. */
    private static final Set<String> OTHER_METHODS = Set.of("hash", "gist", "gin", "spgist", "brin");

    private CreateIndexCommand() {
    }

    public static Result run(BindContext ctx, IndexCommand.CreateIndex create) {
        TableHandle table = TableLocking.lock(ctx, Relations.requireTable(ctx, create.table()), LockMode.SHARE);
        TableDefinition def = table.definition();
        AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(def.schema(), def.name()),
                "table", def.name());
        String method = create.method();
        if (!method.equals("btree") && !OTHER_METHODS.contains(method)) {
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "access method \"%s\" does not exist", method);
        }
        List<Integer> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String column : create.columns()) {
            if (column == null) {
                continue; // an expression: refused below
            }
            int index = def.columnIndex(column);
            if (index < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist", column);
            }
            columns.add(index);
            names.add(column);
        }
        String schema = def.schema();
        if (create.name() != null && Relations.relationExists(ctx, schema, create.name())) {
            if (create.ifNotExists()) {
                ctx.notice(Notice.notice(SqlState.DUPLICATE_TABLE,
                        String.format("relation \"%s\" already exists, skipping", create.name())));
                return Results.command("CREATE INDEX");
            }
            throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", create.name());
        }
        if (create.unsupported() != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, create.unsupported() + " not supported yet");
        }
        if (!method.equals("btree")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "index access method \"%s\" is not supported yet",
                    method).withHint("Only btree indexes are supported.");
        }
        String name = create.name() != null ? create.name()
                : ObjectNames.choose(def.name(), ObjectNames.columnsPart(names), "idx",
                        candidate -> Relations.relationExists(ctx, schema, candidate));
        ctx.session().storage().createIndex(ctx.transaction(), table,
                new IndexDefinition(name, columns, create.unique()));
        return Results.command("CREATE INDEX");
    }
}
