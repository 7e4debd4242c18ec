package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.execution.internal.binder.TableLocking;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.drop.Drop;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.SqlState;
import org.rustydb.api.Results;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Catalog;
import org.rustydb.spi.storage.TableHandle;

/**
 * DROP TABLE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. Foreign keys of other tables that
 * reference a dropped table, and views that read it, make it fail, or with CASCADE are dropped.
 */
public final class DropTableCommand {
    private DropTableCommand() {
    }

    public static Result run(BindContext ctx, Drop drop) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        if (!type.equals("TABLE")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP %s is not supported yet", type);
        }
        boolean cascade = false;
        if (drop.getParameters() != null) {
            for (String p : drop.getParameters()) {
                String option = p.toUpperCase(Locale.ROOT);
                if (!option.equals("CASCADE") && !option.equals("RESTRICT")) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", p);
                }
                cascade = option.equals("CASCADE");
            }
        }
        List<Table> names = drop.getNames() != null && !drop.getNames().isEmpty() ? drop.getNames()
                : List.of(drop.getName());
        // Look every table up first, so that a missing one drops nothing (as in PostgreSQL).
        List<TableHandle> tables = new ArrayList<>();
        for (Table name : names) {
            Object relation = Catalog.findRelation(ctx, name);
            if (relation instanceof org.rustydb.spi.storage.ViewHandle) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a table", Catalog.tableName(name))
                        .withHint("Use DROP VIEW to remove a view.");
            }
            TableHandle handle = relation instanceof TableHandle t ? t : null;
            if (handle == null && isIndex(ctx, name)) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a table", Catalog.tableName(name))
                        .withHint("Use DROP INDEX to remove an index.");
            }
            if (handle == null) {
                if (drop.isIfExists()) {
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            String.format("table \"%s\" does not exist, skipping", Catalog.tableName(name))));
                    continue;
                }
                throw DbException.of(SqlState.UNDEFINED_TABLE, "table \"%s\" does not exist", Catalog.tableName(name));
            }
            AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(
                    handle.definition().schema(), handle.definition().name()), "table", handle.definition().name());
            if (!tables.contains(handle)) {
                tables.add(handle);
            }
        }
        List<ViewDependents.Dropped> dropped = new ArrayList<>();
        for (TableHandle t : tables) {
            dropped.add(new ViewDependents.Dropped(new org.rustydb.spi.storage.ViewDefinition.Reference(
                    t.definition().schema(), t.definition().name()), "table " + t.definition().name()));
        }
        new Dependents(ctx).ofTables(tables).ofRelations(dropped)
                .dropOrRefuse(cascade, tables.size() == 1 ? "table " + tables.get(0).definition().name() : null);
        for (TableHandle t : tables) {
            TableLocking.lock(ctx, t, LockMode.ACCESS_EXCLUSIVE);
            ctx.session().storage().dropTable(ctx.transaction(), t);
            AccessControl.dropped(ctx.session(), ctx.transaction(), ObjectRef.relation(t.definition().schema(),
                    t.definition().name()));
            OwnedSequences.dropOwned(ctx, t.definition(), null);
        }
        return Results.command("DROP TABLE");
    }

    private static boolean isIndex(BindContext ctx, Table name) {
        for (String schema : Catalog.lookupSchemas(ctx, name)) {
            if (ctx.session().storage().findIndex(ctx.transaction(), schema, Catalog.tableName(name)).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
