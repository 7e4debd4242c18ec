package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;

/** CREATE SEQUENCE and DROP SEQUENCE (ALTER SEQUENCE is {@link SequenceAlter}). */
final class SequenceCommands {
    private SequenceCommands() {
    }

    /** {@code CREATE SEQUENCE [IF NOT EXISTS] name [options]}. */
    record Create(boolean ifNotExists, String[] name, SequenceOptions options) implements DdlCommand {
        @Override
        public String commandName() {
            return "CREATE SEQUENCE";
        }

        @Override
        public Result run(BindContext ctx) {
            String schema = creationSchema(ctx, name[0]);
            SearchPath.checkCreatable(schema, name[1]);
            AccessControl.requireCreate(ctx.session(), ctx.transaction(), schema);
            if (Relations.relationExists(ctx, schema, name[1]) || sequence(ctx, schema, name[1]) != null) {
                if (ifNotExists) {
                    ctx.notice(Notice.notice(SqlState.DUPLICATE_TABLE,
                            String.format("relation \"%s\" already exists, skipping", name[1])));
                    return Results.command("CREATE SEQUENCE");
                }
                throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name[1]);
            }
            String[] owner = options.ownedBy == null ? null : owner(ctx, schema, options.ownedBy);
            String ownerTable = owner == null ? null : owner[0];
            String ownerColumn = owner == null ? null : owner[1];
            ctx.session().storage().createSequence(ctx.transaction(),
                    options.define(schema, name[1], ownerTable, ownerColumn));
            AccessControl.created(ctx.session(), ctx.transaction(), ObjectRef.sequence(schema, name[1]));
            return Results.command("CREATE SEQUENCE");
        }
    }

    /** {@code DROP SEQUENCE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
    record Drop(boolean ifExists, List<String[]> names, boolean cascade) implements DdlCommand {
        @Override
        public String commandName() {
            return "DROP SEQUENCE";
        }

        @Override
        public Result run(BindContext ctx) {
            StorageEngine storage = ctx.session().storage();
            List<SequenceHandle> found = new ArrayList<>();
            for (String[] name : names) {
                SequenceHandle sequence = null;
                for (String schema : lookupSchemas(ctx, name[0])) {
                    sequence = sequence(ctx, schema, name[1]);
                    if (sequence != null) {
                        break;
                    }
                    if (Relations.relationExists(ctx, schema, name[1])) {
                        throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", name[1])
                                .withHint("Use DROP TABLE to remove a table.");
                    }
                }
                if (sequence == null) {
                    if (ifExists) {
                        ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                                String.format("sequence \"%s\" does not exist, skipping", name[1])));
                        continue;
                    }
                    throw DbException.of(SqlState.UNDEFINED_TABLE, "sequence \"%s\" does not exist", name[1]);
                }
                AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.sequence(
                        sequence.definition().schema(), sequence.definition().name()), "sequence", name[1]);
                if (!found.contains(sequence)) {
                    found.add(sequence);
                }
            }
            for (SequenceHandle sequence : found) {
                dropDefaults(ctx, sequence, cascade);
                storage.dropSequence(ctx.transaction(), sequence);
                AccessControl.dropped(ctx.session(), ctx.transaction(), ObjectRef.sequence(
                        sequence.definition().schema(), sequence.definition().name()));
            }
            return Results.command("DROP SEQUENCE");
        }
    }

    /**
     * The column defaults that draw from a sequence being dropped: 2BP01 unless CASCADE, which
     * drops those defaults (as PostgreSQL does).
     */
    private static void dropDefaults(BindContext ctx, SequenceHandle sequence, boolean cascade) {
        String text = OwnedSequences.nextvalText(sequence.definition());
        StorageEngine storage = ctx.session().storage();
        for (TableHandle table : storage.listTables(ctx.transaction())) {
            var def = table.definition();
            for (int i = 0; i < def.columns().size(); i++) {
                ColumnDefinition column = def.columns().get(i);
                if (!text.equals(column.defaultExpression())) {
                    continue;
                }
                String what = String.format("default value for column %s of table %s", column.name(), def.name());
                if (!cascade) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                    "cannot drop sequence %s because other objects depend on it",
                                    sequence.definition().name())
                            .withDetail(what + " depends on sequence " + sequence.definition().name())
                            .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
                }
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "drop cascades to " + what));
                AlterTableCommand.setDefault(ctx, table, i, null);
            }
        }
    }

    /**
     * The table and column of OWNED BY [schema.]table.column for a sequence of {@code schema}:
     * 55000 if the table is in another schema, 42P01 / 42703 if it or the column does not exist.
     */
    static String[] owner(BindContext ctx, String schema, String[] owner) {
        TableHandle table = null;
        for (String candidate : lookupSchemas(ctx, owner[0])) {
            table = Relations.findTable(ctx, candidate, owner[1]).orElse(null);
            if (table != null) {
                break;
            }
        }
        if (table == null) {
            throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                    owner[0] == null ? owner[1] : owner[0] + "." + owner[1]);
        }
        if (!table.definition().schema().equals(schema)) {
            throw DbException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence must be in same schema as table it is linked to");
        }
        if (table.definition().columnIndex(owner[2]) < 0) {
            throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                    owner[2], owner[1]);
        }
        return new String[] {owner[1], owner[2]};
    }

    static SequenceHandle sequence(BindContext ctx, String schema, String name) {
        return ctx.session().storage().findSequence(ctx.transaction(), schema, name).orElse(null);
    }

    static List<String> lookupSchemas(BindContext ctx, String schema) {
        return schema == null ? SearchPath.lookupSchemas(ctx.session(), ctx.transaction()) : SearchPath.qualified(ctx.session(), ctx.transaction(), schema);
    }

    static String creationSchema(BindContext ctx, String schema) {
        if (schema == null) {
            return SearchPath.creationSchema(ctx.session(), ctx.transaction());
        }
        if (!SearchPath.schemaExists(ctx.session(), ctx.transaction(), schema)) {
            throw Relations.noSchema(schema);
        }
        return schema;
    }

    static DdlCommand parseCreate(StatementText text) {
        DdlTokens in = new DdlTokens(text, 1);
        if (in.acceptWord("temp") || in.acceptWord("temporary") || in.acceptWord("unlogged")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "temporary and unlogged sequences are not supported yet");
        }
        in.expectWord("sequence");
        boolean ifNotExists = in.acceptWords("if", "not", "exists");
        String[] name = in.qualifiedName();
        SequenceOptions options = SequenceOptions.read(in, false, true);
        return new Create(ifNotExists, name, options);
    }

    static DdlCommand parseDrop(StatementText text) {
        DdlTokens.DropList drop = new DdlTokens(text, 1).dropList("sequence");
        return new Drop(drop.ifExists(), drop.names(), drop.cascade());
    }

    /** Unused owner columns stay valid: the definition names its owner, the default names the sequence. */
    static boolean owns(SequenceDefinition d, String schema, String table, String column) {
        return d.schema().equals(schema) && table.equals(d.ownerTable()) && (column == null || column.equals(d.ownerColumn()));
    }
}
