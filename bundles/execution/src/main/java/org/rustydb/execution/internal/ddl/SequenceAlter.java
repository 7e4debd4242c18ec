package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
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
import org.rustydb.spi.storage.TableHandle;

/**
 * ALTER SEQUENCE [IF EXISTS] name followed by options (as CREATE SEQUENCE's, plus RESTART), or by
 * RENAME TO new_name, or by SET SCHEMA schema, with PostgreSQL's checks and messages.
 */
record SequenceAlter(boolean ifExists, String[] name, SequenceOptions options, String renameTo, String setSchema,
                     String ownerTo)
        implements DdlCommand {

    @Override
    public String commandName() {
        return "ALTER SEQUENCE";
    }

    static DdlCommand parse(StatementText text) {
        DdlTokens in = new DdlTokens(text, 1);
        in.expectWord("sequence");
        boolean ifExists = in.acceptWords("if", "exists");
        String[] name = in.qualifiedName();
        if (in.acceptWords("rename", "to")) {
            String to = in.name();
            in.expectEnd();
            return new SequenceAlter(ifExists, name, null, to, null, null);
        }
        if (in.acceptWords("set", "schema")) {
            String schema = in.name();
            in.expectEnd();
            return new SequenceAlter(ifExists, name, null, null, schema, null);
        }
        if (in.acceptWords("owner", "to")) {
            String spec = RoleSpecs.read(in);
            String role = spec == null ? "\0" : spec; // (null is no OWNER TO at all)
            in.expectEnd();
            return new SequenceAlter(ifExists, name, null, null, null, role);
        }
        if (in.peekWord("owner") || in.peekWord("set") || in.peekWord("reset")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER SEQUENCE %s is not supported yet",
                    in.peek().value().toUpperCase(java.util.Locale.ROOT)).withPosition(in.position());
        }
        if (in.atEnd()) {
            throw in.syntaxError();
        }
        SequenceOptions options = SequenceOptions.read(in, false, true, true);
        return new SequenceAlter(ifExists, name, options, null, null, null);
    }

    @Override
    public Result run(BindContext ctx) {
        SequenceHandle sequence = find(ctx);
        if (sequence == null) {
            return Results.command("ALTER SEQUENCE");
        }
        SequenceDefinition old = sequence.definition();
        ObjectRef ref = ObjectRef.sequence(old.schema(), old.name());
        AccessControl.requireOwner(ctx.session(), ctx.transaction(), ref, "sequence", old.name());
        if (ownerTo != null) {
            changeOwner(ctx, ref, RoleSpecs.resolve(ctx.session(), ownerTo));
        } else if (renameTo != null) {
            rename(ctx, sequence, old.schema(), renameTo);
            AccessControl.renamed(ctx.session(), ctx.transaction(), ref, renameTo);
        } else if (setSchema != null) {
            moveTo(ctx, sequence, setSchema);
            var catalog = AccessControl.catalog(ctx.session());
            if (catalog != null && !setSchema.equals(old.schema())) {
                catalog.moved(ctx.transaction(), ref, setSchema); // owner and grants go with it
            }
        } else {
            SequenceDefinition altered = options.changesGenerator() ? options.alter(old) : old;
            if (options.given.contains("owned")) {
                String[] owner = options.ownedBy == null ? null
                        : SequenceCommands.owner(ctx, old.schema(), options.ownedBy);
                altered = owner == null ? altered.withOwner(null, null) : altered.withOwner(owner[0], owner[1]);
            }
            Long restart = !options.restart ? null
                    : options.restartValue != null ? options.restartValue : altered.start();
            ctx.session().storage().alterSequence(ctx.transaction(), sequence, altered, restart,
                    options.changesGenerator());
        }
        return Results.command("ALTER SEQUENCE");
    }

    /** The sequence; null (after a NOTICE) when missing with IF EXISTS; 42P01 when missing, 42809 when not a sequence. */
    private SequenceHandle find(BindContext ctx) {
        List<String> schemas = SequenceCommands.lookupSchemas(ctx, name[0]);
        for (String schema : schemas) {
            SequenceHandle sequence = SequenceCommands.sequence(ctx, schema, name[1]);
            if (sequence != null) {
                return sequence;
            }
            if (Relations.relationExists(ctx, schema, name[1])) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", name[1]);
            }
        }
        String shown = name[0] == null ? name[1] : name[0] + "." + name[1];
        if (ifExists) {
            ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                    String.format("relation \"%s\" does not exist, skipping", shown)));
            return null;
        }
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", shown);
    }

    /** RENAME TO: 42P07 if a relation of the schema has the name. */
    private static void rename(BindContext ctx, SequenceHandle sequence, String schema, String to) {
        SequenceDefinition old = sequence.definition();
        if (Relations.relationExists(ctx, schema, to)) {
            throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", to);
        }
        replace(ctx, sequence, old.withName(schema, to));
    }

    /** SET SCHEMA: a no-op into its own schema; an owned sequence moves only with its table (0A000). */
    private static void moveTo(BindContext ctx, SequenceHandle sequence, String schema) {
        SequenceDefinition old = sequence.definition();
        if (!SearchPath.schemaExists(ctx.session(), ctx.transaction(), schema)) {
            throw Relations.noSchema(schema);
        }
        if (schema.equals(old.schema())) {
            return;
        }
        SearchPath.checkCreatable(schema, old.name());
        AccessControl.requireCreate(ctx.session(), ctx.transaction(), schema);
        if (old.ownerTable() != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot move an owned sequence into another schema")
                    .withDetail(String.format("Sequence \"%s\" is linked to table \"%s\".", old.name(),
                            old.ownerTable()));
        }
        if (Relations.relationExists(ctx, schema, old.name())) {
            throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists in schema \"%s\"",
                    old.name(), schema);
        }
        replace(ctx, sequence, old.withName(schema, old.name()));
    }

    /**
     * Renames or moves the sequence. Column defaults name their sequence in text (PostgreSQL's
     * follow its oid), so those that draw from it are rewritten to the new name.
     */
    private static void replace(BindContext ctx, SequenceHandle sequence, SequenceDefinition renamed) {
        String oldText = OwnedSequences.nextvalText(sequence.definition());
        String newText = OwnedSequences.nextvalText(renamed);
        ctx.session().storage().alterSequence(ctx.transaction(), sequence, renamed, null, false);
        for (TableHandle table : ctx.session().storage().listTables(ctx.transaction())) {
            List<ColumnDefinition> columns = table.definition().columns();
            for (int i = 0; i < columns.size(); i++) {
                if (oldText.equals(columns.get(i).defaultExpression())) {
                    AlterTableCommand.setDefault(ctx, table, i, newText);
                    table = Relations.findTable(ctx, table.definition().schema(), table.definition().name())
                            .orElseThrow();
                }
            }
        }
    }

    /**
     * ALTER TABLE on a sequence, which PostgreSQL allows for RENAME TO: the result, or null when
     * the name is not a sequence's (the statement then goes on as ALTER TABLE). 42809 for the
     * actions that do not apply to sequences.
     */
    static Result asAlterTable(BindContext ctx, String[] name, List<AlterTableSyntax.Action> actions) {
        SequenceHandle sequence = null;
        for (String schema : SequenceCommands.lookupSchemas(ctx, name[0])) {
            sequence = SequenceCommands.sequence(ctx, schema, name[1]);
            if (sequence != null || Relations.relationExists(ctx, schema, name[1])) {
                break;
            }
        }
        if (sequence == null) {
            return null;
        }
        String relation = sequence.definition().name();
        for (AlterTableSyntax.Action action : actions) {
            if (action instanceof AlterTableSyntax.RenameColumn) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "cannot rename columns of relation \"%s\"", relation)
                        .withDetail("This operation is not supported for sequences.");
            }
            if (!(action instanceof AlterTableSyntax.RenameTable) && !(action instanceof AlterTableSyntax.OwnerTo)) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "ALTER action %s cannot be performed on relation \"%s\"",
                        actionName(action), relation).withDetail("This operation is not supported for sequences.");
            }
        }
        for (AlterTableSyntax.Action action : actions) {
            SequenceDefinition d = sequence.definition();
            ObjectRef ref = ObjectRef.sequence(d.schema(), d.name());
            AccessControl.requireOwner(ctx.session(), ctx.transaction(), ref, "sequence", d.name());
            if (action instanceof AlterTableSyntax.OwnerTo owner) {
                changeOwner(ctx, ref, RoleSpecs.resolve(ctx.session(), owner.role()));
                continue;
            }
            rename(ctx, sequence, d.schema(), ((AlterTableSyntax.RenameTable) action).to());
            AccessControl.renamed(ctx.session(), ctx.transaction(), ref, ((AlterTableSyntax.RenameTable) action).to());
            sequence = SequenceCommands.sequence(ctx, d.schema(), ((AlterTableSyntax.RenameTable) action).to());
        }
        return Results.command("ALTER TABLE");
    }

    private static void changeOwner(BindContext ctx, ObjectRef ref, String role) {
        AccessControl.changeOwner(ctx.session(), ctx.transaction(), ref, "sequence", ref.name(), role,
                ObjectRef.schema(ref.schema()), "schema");
    }

    private static String actionName(AlterTableSyntax.Action action) {
        if (action instanceof AlterTableSyntax.AddColumn) {
            return "ADD COLUMN";
        } else if (action instanceof AlterTableSyntax.DropColumn) {
            return "DROP COLUMN";
        } else if (action instanceof AlterTableSyntax.SetDefault set) {
            return set.expression() == null ? "ALTER COLUMN ... DROP DEFAULT" : "ALTER COLUMN ... SET DEFAULT";
        } else if (action instanceof AlterTableSyntax.SetNotNull set) {
            return set.notNull() ? "ALTER COLUMN ... SET NOT NULL" : "ALTER COLUMN ... DROP NOT NULL";
        } else if (action instanceof AlterTableSyntax.AddConstraint) {
            return "ADD CONSTRAINT";
        } else if (action instanceof AlterTableSyntax.DropConstraint) {
            return "DROP CONSTRAINT";
        }
        return "ALTER COLUMN";
    }
}
