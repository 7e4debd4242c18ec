package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.drop.Drop;
import org.rustydb.api.DbException;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.security.Privileges;
import org.rustydb.spi.security.RoleInfo;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;

/**
 * {@code DROP OWNED BY role [, ...] [CASCADE | RESTRICT]}, as PostgreSQL 15 does it: the caller
 * must have the privileges of each role (42501), the objects the roles own in this database
 * (views, tables, free-standing sequences, schemas) are dropped, and every privilege granted to
 * them is revoked with the grants that rested on it. Each object is dropped by its own DROP
 * command, so dependents elsewhere refuse (RESTRICT) or go too (CASCADE) as there; without
 * CASCADE, an object that others depend on is tried again after the rest (the dependents may be
 * the roles' own), each attempt inside a savepoint so that a refused one leaves nothing behind.
 */
record DropOwnedCommand(List<String> roles, boolean cascade) implements DdlCommand {
    /** The savepoint each attempt runs in; NUL keeps it apart from any savepoint a client names. */
    private static final String ATTEMPT = "\0drop-owned";

    private enum Kind { VIEW, TABLE, SEQUENCE, SCHEMA }

    private record Owned(Kind kind, String schema, String name) {
    }

    @Override
    public String commandName() {
        return "DROP OWNED";
    }

    static DdlCommand parse(StatementText text) {
        DdlTokens tokens = new DdlTokens(text, 1);
        tokens.expectWord("owned");
        tokens.expectWord("by");
        List<String> roles = new ArrayList<>();
        do {
            roles.add(RoleSpecs.read(tokens));
        } while (tokens.acceptPunct(","));
        boolean cascade = tokens.acceptWord("cascade");
        if (!cascade) {
            tokens.acceptWord("restrict");
        }
        tokens.expectEnd();
        return new DropOwnedCommand(roles, cascade);
    }

    @Override
    public Result run(BindContext ctx) {
        Privileges p = AccessControl.view(ctx.session(), ctx.transaction());
        if (p == null) {
            return Results.command("DROP OWNED"); // no roles kept: nobody owns anything
        }
        List<String> names = new ArrayList<>();
        for (String spec : roles) {
            String role = RoleSpecs.resolve(ctx.session(), spec);
            if (!p.roleExists(role)) {
                throw DbException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", role);
            }
            if (!p.hasPrivilegesOf(ctx.session().user(), role)) {
                throw DbException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to drop objects");
            }
            if (isBootstrap(ctx, role)) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop objects owned by role %s because they are required by the database system", role);
            }
            names.add(role);
        }
        dropAll(ctx, owned(ctx, p, names));
        var catalog = AccessControl.catalog(ctx.session());
        for (String role : names) {
            catalog.revokedAll(ctx.transaction(), role);
        }
        return Results.command("DROP OWNED");
    }

    private static boolean isBootstrap(BindContext ctx, String role) {
        return ctx.session().roleCatalog().map(c -> c.roles(ctx.transaction()).stream()
                .anyMatch(r -> r.name().equals(role) && r.oid() == 10)).orElse(false);
    }

    /** What the roles own, dependents first where the kind tells: views, tables, sequences, schemas. */
    private List<Owned> owned(BindContext ctx, Privileges p, List<String> owners) {
        StorageEngine storage = ctx.session().storage();
        Transaction txn = ctx.transaction();
        List<Owned> owned = new ArrayList<>();
        for (var v : storage.listViews(txn)) {
            add(ctx, p, owners, owned, Kind.VIEW, v.definition().schema(), v.definition().name(),
                    ObjectRef.relation(v.definition().schema(), v.definition().name()));
        }
        for (var t : storage.listTables(txn)) {
            add(ctx, p, owners, owned, Kind.TABLE, t.definition().schema(), t.definition().name(),
                    ObjectRef.relation(t.definition().schema(), t.definition().name()));
        }
        for (var s : storage.listSequences(txn)) {
            SequenceDefinition d = s.definition();
            if (d.ownerTable() == null) { // a serial's sequence goes with its table
                add(ctx, p, owners, owned, Kind.SEQUENCE, d.schema(), d.name(), ObjectRef.sequence(d.schema(), d.name()));
            }
        }
        for (String schema : storage.listSchemas(txn)) {
            add(ctx, p, owners, owned, Kind.SCHEMA, null, schema, ObjectRef.schema(schema));
        }
        return owned;
    }

    private static void add(BindContext ctx, Privileges p, List<String> owners, List<Owned> owned, Kind kind,
                            String schema, String name, ObjectRef ref) {
        String inSchema = schema == null ? name : schema;
        boolean system = inSchema.startsWith("pg_") && !inSchema.equals(ctx.session().temporarySchema())
                || inSchema.equals("information_schema");
        if (!system && owners.contains(p.owner(ref))) {
            owned.add(new Owned(kind, schema, name));
        }
    }

    private void dropAll(BindContext ctx, List<Owned> pending) {
        Transaction txn = ctx.transaction();
        DbException refused = null;
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Owned o : List.copyOf(pending)) {
                if (!exists(ctx, o)) {
                    pending.remove(o); // gone with something dropped before it
                    continue;
                }
                if (cascade) {
                    drop(ctx, o);
                    pending.remove(o);
                    progress = true;
                    continue;
                }
                txn.savepoint(ATTEMPT);
                try {
                    drop(ctx, o);
                    txn.releaseSavepoint(ATTEMPT);
                    pending.remove(o);
                    progress = true;
                } catch (DbException e) {
                    txn.rollbackToSavepoint(ATTEMPT);
                    txn.releaseSavepoint(ATTEMPT);
                    if (!SqlState.DEPENDENT_OBJECTS_STILL_EXIST.equals(e.sqlState())) {
                        throw e;
                    }
                    refused = e;
                }
            }
            if (!progress && !pending.isEmpty()) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                "cannot drop desired object(s) because other objects depend on them")
                        .withDetail(refused == null ? null : refused.detail())
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
        }
    }

    private static boolean exists(BindContext ctx, Owned o) {
        StorageEngine storage = ctx.session().storage();
        Transaction txn = ctx.transaction();
        return switch (o.kind()) {
            case VIEW -> storage.findView(txn, o.schema(), o.name()).isPresent();
            case TABLE -> storage.findTable(txn, o.schema(), o.name()).isPresent();
            case SEQUENCE -> storage.findSequence(txn, o.schema(), o.name()).isPresent();
            case SCHEMA -> storage.schemaExists(txn, o.name());
        };
    }

    private void drop(BindContext ctx, Owned o) {
        switch (o.kind()) {
            case VIEW -> new ViewCommands.Drop(false, List.<String[]>of(new String[] {o.schema(), o.name()}), cascade)
                    .run(ctx);
            case SEQUENCE -> new SequenceCommands.Drop(false, List.<String[]>of(new String[] {o.schema(), o.name()}),
                    cascade).run(ctx);
            case SCHEMA -> new SchemaCommands.Drop(false, List.of(o.name()), cascade).run(ctx);
            case TABLE -> {
                Drop drop = new Drop();
                drop.setType("TABLE");
                drop.setName(new Table(Identifiers.quote(o.schema()), Identifiers.quote(o.name())));
                if (cascade) {
                    drop.setParameters(List.of("CASCADE"));
                }
                DropTableCommand.run(ctx, drop);
            }
        }
    }
}
