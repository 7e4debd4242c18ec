package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.security.PrivilegeCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.spi.txn.LockMode;

/**
 * CREATE SCHEMA, DROP SCHEMA and ALTER SCHEMA, as PostgreSQL words them. The storage engine keeps
 * the schemas; AUTHORIZATION and OWNER TO are accepted and ignored, since there are no roles to
 * own anything. DROP SCHEMA ... CASCADE drops the schema's tables (with their indexes and owned
 * sequences), views and sequences, and what depends on them elsewhere (views, foreign keys).
 */
final class SchemaCommands {
    private SchemaCommands() {
    }

    /**
     * {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]} or {@code ... AUTHORIZATION role}
     * ({@code name} null: named after the session's user, for CURRENT_USER and the like).
     */
    record Create(String schemaName, boolean ifNotExists, String owner) implements DdlCommand {
        @Override
        public String commandName() {
            return "CREATE SCHEMA";
        }

        @Override
        public Result run(BindContext ctx) {
            String role = RoleSpecs.resolve(ctx.session(), owner);
            String name = schemaName == null || schemaName.equals(RoleSpecs.SESSION_USER) ? role : schemaName;
            ObjectRef database = ObjectRef.database(ctx.session().database());
            AccessControl.require(ctx.session(), ctx.transaction(), database, "database", ctx.session().database(),
                    Privilege.CREATE.bit());
            if (!role.equals(ctx.session().user())) {
                AccessControl.checkNewOwner(ctx.session(), ctx.transaction(), ObjectRef.schema(name), null, name, role,
                        database, "database");
            }
            checkName(name);
            if (ifNotExists && SearchPath.schemaExists(ctx.session(), ctx.transaction(), name)) {
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        String.format("schema \"%s\" already exists, skipping", name)));
                return Results.command("CREATE SCHEMA");
            }
            ctx.session().storage().createSchema(ctx.transaction(), name);
            PrivilegeCatalog catalog = AccessControl.catalog(ctx.session());
            if (catalog != null) {
                catalog.created(ctx.transaction(), ObjectRef.schema(name), role);
            }
            return Results.command("CREATE SCHEMA");
        }
    }

    /** {@code DROP SCHEMA [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
    record Drop(boolean ifExists, List<String> names, boolean cascade) implements DdlCommand {
        @Override
        public String commandName() {
            return "DROP SCHEMA";
        }

        @Override
        public Result run(BindContext ctx) {
            StorageEngine storage = ctx.session().storage();
            List<String> schemas = new ArrayList<>();
            for (String name : names) {
                if (name.equals(SearchPath.PG_CATALOG)) {
                    throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop schema %s because it is required by the database system", name);
                }
                if (!storage.schemaExists(ctx.transaction(), name)) {
                    if (!ifExists) {
                        throw Relations.noSchema(name);
                    }
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                            String.format("schema \"%s\" does not exist, skipping", name)));
                } else if (!schemas.contains(name)) {
                    AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.schema(name), "schema", name);
                    schemas.add(name);
                }
            }
            SchemaContents contents = new SchemaContents(ctx, schemas);
            if (!contents.lines.isEmpty()) {
                contents.report(cascade, schemas.size() == 1 && names.size() == 1 ? "schema " + schemas.get(0) : null);
                contents.drop();
            }
            for (String schema : schemas) {
                storage.dropSchema(ctx.transaction(), schema);
                AccessControl.dropped(ctx.session(), ctx.transaction(), ObjectRef.schema(schema));
            }
            return Results.command("DROP SCHEMA");
        }
    }

    /** {@code ALTER SCHEMA name RENAME TO new} and {@code ALTER SCHEMA name OWNER TO role}. */
    record Alter(String name, String newName, String newOwner) implements DdlCommand {
        @Override
        public String commandName() {
            return "ALTER SCHEMA";
        }

        @Override
        public Result run(BindContext ctx) {
            StorageEngine storage = ctx.session().storage();
            if (newName == null) {
                if (!storage.schemaExists(ctx.transaction(), name)) {
                    throw Relations.noSchema(name);
                }
                AccessControl.changeOwner(ctx.session(), ctx.transaction(), ObjectRef.schema(name), "schema", name,
                        RoleSpecs.resolve(ctx.session(), newOwner),
                        ObjectRef.database(ctx.session().database()), "database");
                return Results.command("ALTER SCHEMA");
            }
            if (name.equals(SearchPath.PG_CATALOG)) {
                // built into the query engine rather than kept by the storage engine
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "schema pg_catalog cannot be renamed");
            }
            if (!storage.schemaExists(ctx.transaction(), name)) {
                throw Relations.noSchema(name);
            }
            if (storage.schemaExists(ctx.transaction(), newName)) {
                throw DbException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", newName);
            }
            checkName(newName);
            AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.schema(name), "schema", name);
            AccessControl.require(ctx.session(), ctx.transaction(), ObjectRef.database(ctx.session().database()),
                    "database", ctx.session().database(), Privilege.CREATE.bit());
            storage.renameSchema(ctx.transaction(), name, newName);
            AccessControl.renamed(ctx.session(), ctx.transaction(), ObjectRef.schema(name), newName);
            return Results.command("ALTER SCHEMA");
        }
    }

    /** 42939 for the names PostgreSQL keeps for system schemas. */
    private static void checkName(String name) {
        if (SearchPath.reserved(name)) {
            throw DbException.of(SqlState.RESERVED_NAME, "unacceptable schema name \"%s\"", name)
                    .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
    }

    /**
     * What dropping schemas takes with it, in the order PostgreSQL reports it: each table followed
     * by the foreign keys and views elsewhere that depend on it, then each view, then each sequence
     * not owned by a column.
     */
    private static final class SchemaContents {
        private final BindContext ctx;
        private final List<String> schemas;
        private final List<String> lines = new ArrayList<>();
        private final List<String> cascades = new ArrayList<>();
        private final List<TableHandle> tables = new ArrayList<>();
        private final List<ViewHandle> views = new ArrayList<>();
        private final List<ViewHandle> dependentViews = new ArrayList<>();
        private final Map<TableHandle, Set<String>> dependentKeys = new LinkedHashMap<>();

        SchemaContents(BindContext ctx, List<String> schemas) {
            this.ctx = ctx;
            this.schemas = schemas;
            StorageEngine storage = ctx.session().storage();
            List<TableHandle> allTables = storage.listTables(ctx.transaction());
            List<ViewHandle> allViews = storage.listViews(ctx.transaction());
            Set<ViewDefinition.Reference> seen = new HashSet<>();
            for (ViewHandle v : allViews) {
                if (schemas.contains(v.definition().schema())) {
                    views.add(v);
                    seen.add(new ViewDefinition.Reference(v.definition().schema(), v.definition().name()));
                }
            }
            for (TableHandle t : allTables) {
                if (schemas.contains(t.definition().schema())) {
                    tables.add(t);
                    seen.add(new ViewDefinition.Reference(t.definition().schema(), t.definition().name()));
                }
            }
            for (String schema : schemas) {
                for (TableHandle t : tables) {
                    if (t.definition().schema().equals(schema)) {
                        String table = "table " + describe(schema, t.definition().name());
                        add(table + " depends on schema " + schema, table);
                        foreignKeys(allTables, schemas, t, table);
                        dependentViews(t.definition().schema(), t.definition().name(), table, seen);
                    }
                }
                for (ViewHandle v : views) {
                    if (v.definition().schema().equals(schema)) {
                        String view = "view " + describe(schema, v.definition().name());
                        add(view + " depends on schema " + schema, view);
                        dependentViews(schema, v.definition().name(), view, seen);
                    }
                }
                for (SequenceHandle s : storage.listSequences(ctx.transaction())) {
                    if (s.definition().schema().equals(schema) && s.definition().ownerTable() == null) {
                        String sequence = "sequence " + describe(schema, s.definition().name());
                        add(sequence + " depends on schema " + schema, sequence);
                    }
                }
            }
        }

        private void add(String line, String dropped) {
            lines.add(line);
            cascades.add("drop cascades to " + dropped);
        }

        private void foreignKeys(List<TableHandle> allTables, List<String> schemas, TableHandle target, String table) {
            for (TableHandle other : allTables) {
                if (schemas.contains(other.definition().schema())) {
                    continue;
                }
                for (ForeignKey fk : other.definition().foreignKeys()) {
                    if (fk.references(target.definition().schema(), target.definition().name())) {
                        String constraint = "constraint " + fk.name() + " on table "
                                + describe(other.definition().schema(), other.definition().name());
                        add(constraint + " depends on " + table, constraint);
                        dependentKeys.computeIfAbsent(other, k -> new HashSet<>()).add(fk.name());
                    }
                }
            }
        }

        private void dependentViews(String schema, String name, String description,
                                    Set<ViewDefinition.Reference> seen) {
            ViewDependents.Dropped dropped = new ViewDependents.Dropped(new ViewDefinition.Reference(schema, name),
                    description);
            for (ViewDependents.Dependent d : ViewDependents.of(ctx, dropped, seen)) {
                add(d.description(), "view " + d.view().definition().name());
                dependentViews.add(d.view());
            }
        }

        /** The name as messages show it: qualified unless search_path finds it unqualified. */
        private String describe(String schema, String name) {
            for (String s : SearchPath.lookupSchemas(ctx.session(), ctx.transaction())) {
                if (s.equals(schema)) {
                    return name;
                }
                if (Relations.relationExists(ctx, s, name)) {
                    break;
                }
            }
            return schema + "." + name;
        }

        /** 2BP01 without CASCADE; with it, a notice listing what goes. */
        void report(boolean cascade, String what) {
            if (!cascade) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, what == null
                                ? "cannot drop desired object(s) because other objects depend on them"
                                : "cannot drop " + what + " because other objects depend on it")
                        .withDetail(String.join("\n", lines))
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            if (cascades.size() == 1) {
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, cascades.get(0)));
            } else {
                ctx.notice(new Notice(Notice.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "drop cascades to " + cascades.size() + " other objects", String.join("\n", cascades), null));
            }
        }

        /** Drops everything listed: dependents elsewhere first, then the schemas' own relations. */
        void drop() {
            StorageEngine storage = ctx.session().storage();
            dependentViews.forEach(v -> storage.dropView(ctx.transaction(), v));
            dependentKeys.forEach((table, names) -> {
                List<ForeignKey> kept = new ArrayList<>();
                for (ForeignKey fk : table.definition().foreignKeys()) {
                    if (!names.contains(fk.name())) {
                        kept.add(fk);
                    }
                }
                storage.alterConstraints(ctx.transaction(), table, table.definition().checks(), kept);
            });
            views.forEach(v -> storage.dropView(ctx.transaction(), v));
            for (TableHandle t : tables) {
                TableLocking.lock(ctx, t, LockMode.ACCESS_EXCLUSIVE);
                storage.dropTable(ctx.transaction(), t);
                OwnedSequences.dropOwned(ctx, t.definition(), null);
            }
            for (SequenceHandle s : storage.listSequences(ctx.transaction())) {
                // what is left: sequences of no column (those of columns went with their tables)
                if (schemas.contains(s.definition().schema())) {
                    storage.dropSequence(ctx.transaction(), s);
                }
            }
        }
    }

    static DdlCommand parseCreate(StatementText text) {
        DdlTokens tokens = new DdlTokens(text, 1);
        tokens.expectWord("schema");
        boolean ifNotExists = tokens.acceptWords("if", "not", "exists");
        String name = null;
        boolean named = !tokens.peekWord("authorization");
        if (named) {
            name = tokens.name();
        }
        String owner = null;
        if (tokens.acceptWord("authorization")) {
            String role = role(tokens);
            owner = role;
            name = named ? name : role;
        } else if (!named) {
            throw tokens.syntaxError();
        }
        if (!tokens.atEnd()) {
            if (tokens.peekWord("create") || tokens.peekWord("grant")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "CREATE SCHEMA with schema elements is not supported yet");
            }
            throw tokens.syntaxError();
        }
        return new Create(name, ifNotExists, owner);
    }

    static DdlCommand parseDrop(StatementText text) {
        DdlTokens tokens = new DdlTokens(text, 1);
        tokens.expectWord("schema");
        boolean ifExists = tokens.acceptWords("if", "exists");
        List<String> names = new ArrayList<>();
        do {
            names.add(tokens.name());
        } while (tokens.acceptPunct(","));
        boolean cascade = tokens.acceptWord("cascade");
        if (!cascade) {
            tokens.acceptWord("restrict");
        }
        tokens.expectEnd();
        return new Drop(ifExists, names, cascade);
    }

    static DdlCommand parseAlter(StatementText text) {
        DdlTokens tokens = new DdlTokens(text, 1);
        tokens.expectWord("schema");
        String name = tokens.name();
        if (tokens.acceptWords("rename", "to")) {
            String newName = tokens.name();
            tokens.expectEnd();
            return new Alter(name, newName, null);
        }
        tokens.expectWord("owner");
        tokens.expectWord("to");
        String owner = role(tokens);
        tokens.expectEnd();
        return new Alter(name, null, owner);
    }

    /** A role as {@link RoleSpecs#read} gives it; not checked. */
    private static String role(DdlTokens tokens) {
        return RoleSpecs.read(tokens);
    }
}
