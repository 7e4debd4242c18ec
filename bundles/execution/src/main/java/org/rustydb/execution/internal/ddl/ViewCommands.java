package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.QueryBinder;
import org.rustydb.execution.internal.binder.ViewExpansion;
import org.rustydb.execution.internal.parser.ParsedStatement;
import org.rustydb.execution.internal.parser.SqlParser;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;

/**
 * CREATE [OR REPLACE] [TEMP] VIEW, ALTER VIEW ... RENAME TO and DROP VIEW. A view keeps its query's text and its output
 * columns; the text is bound again wherever the view is read ({@link ViewExpansion}).
 */
final class ViewCommands {
    private ViewCommands() {
    }

    /** {@code CREATE [OR REPLACE] [TEMP] VIEW name [(columns)] AS query}. */
    record Create(boolean orReplace, boolean temporary, String[] name, List<String> columnNames, String queryText,
                  ParsedStatement.Sql query) implements DdlCommand {
        @Override
        public String commandName() {
            return "CREATE VIEW";
        }

        @Override
        public Result run(BindContext ctx) {
            String schema = schemaOf(ctx);
            SearchPath.checkCreatable(schema, name[1]);
            AccessControl.requireCreate(ctx.session(), ctx.transaction(), schema);
            BindContext queryCtx = new BindContext(ctx.session(), ctx.transaction(), query.source(), ctx.notices());
            ViewExpansion.Collected bound = ViewExpansion.collecting(
                    () -> new QueryBinder(queryCtx).bind((Select) query.statement()));
            List<Column> output = bound.query().columns();
            if (columnNames.size() > output.size()) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
            }
            List<ColumnDefinition> columns = ViewExpansion.columnsOf(output, columnNames);
            Set<String> seen = new HashSet<>();
            for (ColumnDefinition c : columns) {
                if (!seen.add(c.name())) {
                    throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", c.name());
                }
            }
            String temp = ctx.session().temporarySchema();
            if (!temporary && name[0] == null
                    && bound.references().stream().anyMatch(r -> r.schema().equals(temp))) {
                // a view over a temporary table can only live as long as the table, as in PostgreSQL
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        String.format("view \"%s\" will be a temporary view", name[1])));
                schema = temp;
            }
            StorageEngine storage = ctx.session().storage();
            Optional<ViewHandle> existing = storage.findView(ctx.transaction(), schema, name[1]);
            if (orReplace && existing.isPresent()) {
                AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(schema, name[1]), "view",
                        name[1]);
                checkReplacement(existing.get().definition().columns(), columns);
                if (bound.references().contains(new ViewDefinition.Reference(schema, name[1]))) {
                    throw DbException.of(SqlState.INVALID_OBJECT_DEFINITION,
                            "infinite recursion detected in rules for relation \"%s\"", name[1]);
                }
                storage.dropView(ctx.transaction(), existing.get());
            } else if (orReplace && Relations.relationExists(ctx, schema, name[1])) {
                throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a view", name[1]);
            }
            storage.createView(ctx.transaction(),
                    new ViewDefinition(schema, name[1], queryText, columns, bound.references()));
            if (!(orReplace && existing.isPresent())) {
                AccessControl.created(ctx.session(), ctx.transaction(), ObjectRef.relation(schema, name[1]));
            }
            return Results.command("CREATE VIEW");
        }

        private String schemaOf(BindContext ctx) {
            String temp = ctx.session().temporarySchema();
            if (name[0] != null && (name[0].equals(SearchPath.PG_TEMP) || name[0].equals(temp))) {
                return temp;
            }
            if (temporary) {
                if (name[0] != null) {
                    throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "cannot create temporary relation in non-temporary schema");
                }
                return temp;
            }
            if (name[0] == null) {
                return SearchPath.creationSchema(ctx.session(), ctx.transaction());
            }
            if (!SearchPath.schemaExists(ctx.session(), ctx.transaction(), name[0])) {
                throw Relations.noSchema(name[0]);
            }
            return name[0];
        }
    }

    /** OR REPLACE keeps the old columns (names and types) in order and may only add columns at the end. */
    private static void checkReplacement(List<ColumnDefinition> old, List<ColumnDefinition> now) {
        if (now.size() < old.size()) {
            throw DbException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < old.size(); i++) {
            ColumnDefinition o = old.get(i);
            ColumnDefinition n = now.get(i);
            if (!o.name().equals(n.name())) {
                throw DbException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \"%s\" to \"%s\"",
                        o.name(), n.name())
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            }
            if (o.type() != n.type() || o.typeModifier() != n.typeModifier()) {
                throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                        "cannot change data type of view column \"%s\" from %s to %s", o.name(),
                        new DataType(o.type(), o.typeModifier()).displayName(),
                        new DataType(n.type(), n.typeModifier()).displayName());
            }
        }
    }

    /** {@code DROP VIEW [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
    record Drop(boolean ifExists, List<String[]> names, boolean cascade) implements DdlCommand {
        @Override
        public String commandName() {
            return "DROP VIEW";
        }

        @Override
        public Result run(BindContext ctx) {
            StorageEngine storage = ctx.session().storage();
            List<ViewHandle> found = new ArrayList<>();
            for (String[] name : names) {
                ViewHandle view = find(ctx, name);
                if (view == null) {
                    continue;
                }
                AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(
                        view.definition().schema(), view.definition().name()), "view", view.definition().name());
                if (!found.contains(view)) {
                    found.add(view);
                }
            }
            List<ViewDependents.Dropped> dropped = new ArrayList<>();
            for (ViewHandle v : found) {
                dropped.add(new ViewDependents.Dropped(new ViewDefinition.Reference(v.definition().schema(),
                        v.definition().name()), "view " + v.definition().name()));
            }
            new Dependents(ctx).ofRelations(dropped)
                    .dropOrRefuse(cascade, found.size() == 1 ? "view " + found.get(0).definition().name() : null);
            for (ViewHandle v : found) {
                storage.dropView(ctx.transaction(), v);
                AccessControl.dropped(ctx.session(), ctx.transaction(), ObjectRef.relation(v.definition().schema(),
                        v.definition().name()));
            }
            return Results.command("DROP VIEW");
        }

        /** The view of a name; null when missing and IF EXISTS said to skip it. */
        private ViewHandle find(BindContext ctx, String[] name) {
            StorageEngine storage = ctx.session().storage();
            List<String> schemas = name[0] == null ? SearchPath.lookupSchemas(ctx.session(), ctx.transaction())
                    : SearchPath.qualified(ctx.session(), ctx.transaction(), name[0]);
            if (name[0] != null && schemas.isEmpty()) {
                if (ifExists) {
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            String.format("schema \"%s\" does not exist, skipping", name[0])));
                    return null;
                }
                throw Relations.noSchema(name[0]);
            }
            for (String schema : schemas) {
                Optional<ViewHandle> view = storage.findView(ctx.transaction(), schema, name[1]);
                if (view.isPresent()) {
                    return view.get();
                }
                String hint = Relations.findTable(ctx, schema, name[1]).isPresent() ? "Use DROP TABLE to remove a table."
                        : Relations.findIndex(ctx, schema, name[1]).isPresent() ? "Use DROP INDEX to remove an index."
                        : storage.findSequence(ctx.transaction(), schema, name[1]).isPresent()
                        ? "Use DROP SEQUENCE to remove a sequence." : null;
                if (hint != null) {
                    throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a view", name[1]).withHint(hint);
                }
            }
            if (ifExists) {
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        String.format("view \"%s\" does not exist, skipping", name[1])));
                return null;
            }
            throw DbException.of(SqlState.UNDEFINED_TABLE, "view \"%s\" does not exist", name[1]);
        }
    }

    /**
     * {@code ALTER VIEW [IF EXISTS] name RENAME TO new}: the view is dropped and created again
     * under the new name in the transaction. Views reading it name it in their text, so it is
     * refused while there are any (0A000).
     */
    record Rename(boolean ifExists, String[] name, String to) implements DdlCommand {
        @Override
        public String commandName() {
            return "ALTER VIEW";
        }

        @Override
        public Result run(BindContext ctx) {
            ViewHandle view;
            try {
                view = new Drop(false, List.<String[]>of(name), false).find(ctx, name);
            } catch (DbException e) {
                if (!SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                    throw e.withHint(null);
                }
                if (ifExists) {
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            String.format("relation \"%s\" does not exist, skipping", name[1])));
                    return Results.command("ALTER VIEW");
                }
                throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name[1]);
            }
            ViewDefinition d = view.definition();
            AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(d.schema(), d.name()), "view",
                    d.name());
            List<ViewDependents.Dependent> readers = ViewDependents.of(ctx, List.of(new ViewDependents.Dropped(
                    new ViewDefinition.Reference(d.schema(), d.name()), "view " + d.name())));
            if (!readers.isEmpty()) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "renaming view %s that view %s reads is not supported yet", d.name(),
                        readers.get(0).view().definition().name());
            }
            if (Relations.relationExists(ctx, d.schema(), to)) {
                throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", to);
            }
            StorageEngine storage = ctx.session().storage();
            storage.dropView(ctx.transaction(), view);
            storage.createView(ctx.transaction(), new ViewDefinition(d.schema(), to, d.query(), d.columns(),
                    d.references()));
            AccessControl.renamed(ctx.session(), ctx.transaction(), ObjectRef.relation(d.schema(), d.name()), to);
            return Results.command("ALTER VIEW");
        }
    }

    /** {@code ALTER VIEW [IF EXISTS] name OWNER TO role}; role null: the session's user. */
    record OwnerTo(boolean ifExists, String[] name, String role) implements DdlCommand {
        @Override
        public String commandName() {
            return "ALTER VIEW";
        }

        @Override
        public Result run(BindContext ctx) {
            ViewHandle view;
            try {
                view = new Drop(false, List.<String[]>of(name), false).find(ctx, name);
            } catch (DbException e) {
                if (ifExists && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            String.format("relation \"%s\" does not exist, skipping", name[1])));
                    return Results.command("ALTER VIEW");
                }
                throw e.withHint(null);
            }
            ViewDefinition d = view.definition();
            AccessControl.changeOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(d.schema(), d.name()), "view",
                    d.name(), RoleSpecs.resolve(ctx.session(), role), ObjectRef.schema(d.schema()), "schema");
            return Results.command("ALTER VIEW");
        }
    }

    static DdlCommand parseAlter(StatementText text) {
        DdlTokens in = new DdlTokens(text, 1);
        in.expectWord("view");
        boolean ifExists = in.acceptWords("if", "exists");
        String[] name = in.qualifiedName();
        if (in.acceptWords("owner", "to")) {
            String role = RoleSpecs.read(in);
            in.expectEnd();
            return new OwnerTo(ifExists, name, role);
        }
        if (!in.acceptWords("rename", "to")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER VIEW other than RENAME TO and OWNER TO is not supported yet")
                    .withPosition(in.position());
        }
        String to = in.name();
        in.expectEnd();
        return new Rename(ifExists, name, to);
    }

    static DdlCommand parseCreate(StatementText text) {
        DdlTokens in = new DdlTokens(text, 1);
        boolean orReplace = in.acceptWords("or", "replace");
        boolean temporary = in.acceptWord("temp") || in.acceptWord("temporary");
        if (in.peekWord("recursive")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE RECURSIVE VIEW is not supported yet")
                    .withPosition(in.position());
        }
        in.expectWord("view");
        String[] name = in.qualifiedName();
        List<String> columns = new ArrayList<>();
        if (in.acceptPunct("(")) {
            do {
                columns.add(in.name());
            } while (in.acceptPunct(","));
            in.expectPunct(")");
        }
        if (in.peekWord("with")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "view options are not supported yet")
                    .withPosition(in.position());
        }
        in.expectWord("as");
        if (in.atEnd()) {
            throw in.syntaxError();
        }
        List<org.rustydb.execution.internal.parser.Token> tokens = text.tokens();
        int start = tokens.get(in.index).start();
        StatementText queryText = new StatementText(text.sql(), start, text.end(),
                tokens.subList(in.index, tokens.size()), text.terminated());
        ParsedStatement.Sql query = SqlParser.parseQuery(queryText);
        return new Create(orReplace, temporary, name, columns, text.sql().substring(start, text.end()).strip(), query);
    }

    static DdlCommand parseDrop(StatementText text) {
        DdlTokens.DropList drop = new DdlTokens(text, 1).dropList("view");
        return new Drop(drop.ifExists(), drop.names(), drop.cascade());
    }
}
