package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.txn.LockMode;
import org.rustydb.execution.internal.binder.TableLocking;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * DROP INDEX [IF EXISTS] name [, ...] [CASCADE | RESTRICT]: all names are checked before any drop.
 * A foreign key that relies on a dropped unique index makes it fail, or with CASCADE is dropped.
 */
public final class DropIndexCommand {
    private DropIndexCommand() {
    }

    public static Result run(BindContext ctx, IndexCommand.DropIndex drop) {
        if (drop.unsupported() != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, drop.unsupported() + " not supported yet");
        }
        List<IndexHandle> targets = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (IndexCommand.QualifiedName name : drop.names()) {
            List<String> schemas = Relations.lookupSchemas(ctx, name);
            if (name.schema() != null && schemas.isEmpty()) {
                if (drop.ifExists()) {
                    skip(ctx, String.format("schema \"%s\" does not exist, skipping", name.schema()));
                    continue;
                }
                throw Relations.noSchema(name.schema());
            }
            Optional<IndexHandle> index = Optional.empty();
            String schema = null;
            for (String s : schemas) {
                index = Relations.findIndex(ctx, s, name.name());
                if (index.isPresent() || Relations.findTable(ctx, s, name.name()).isPresent()) {
                    schema = s; // the first schema holding a relation of that name decides, as in PostgreSQL
                    break;
                }
            }
            if (index.isEmpty()) {
                if (schema != null) {
                    throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not an index", name.name())
                            .withHint("Use DROP TABLE to remove a table.");
                }
                if (drop.ifExists()) {
                    skip(ctx, String.format("index \"%s\" does not exist, skipping", name.name()));
                    continue;
                }
                throw DbException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", name.name());
            }
            checkNotAConstraint(index.get());
            // an index belongs to its table's owner
            AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(
                    index.get().table().definition().schema(), index.get().table().definition().name()), "index",
                    name.name());
            if (!seen.contains(schema + "." + name.name())) {
                seen.add(schema + "." + name.name());
                targets.add(index.get());
            }
        }
        new Dependents(ctx).ofIndexes(targets)
                .dropOrRefuse(drop.cascade(), targets.size() == 1 ? "index " + targets.get(0).definition().name() : null);
        for (IndexHandle index : targets) {
            TableLocking.lock(ctx, index.table(), LockMode.ACCESS_EXCLUSIVE);
            ctx.session().storage().dropIndex(ctx.transaction(), index);
        }
        return Results.command("DROP INDEX");
    }

    private static void skip(BindContext ctx, String message) {
        ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, message));
    }

    /** The index of a primary key or unique constraint goes only with the constraint (2BP01). */
    private static void checkNotAConstraint(IndexHandle index) {
        String name = index.definition().name();
        TableDefinition table = index.table().definition();
        for (UniqueKey key : table.uniqueKeys()) {
            if (key.name().equals(name)) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop index %s because constraint %s on table %s requires it", name, name, table.name())
                        .withHint(String.format("You can drop constraint %s on table %s instead.", name, table.name()));
            }
        }
    }
}
