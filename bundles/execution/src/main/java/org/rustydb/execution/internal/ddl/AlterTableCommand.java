package org.rustydb.execution.internal.ddl;

import org.rustydb.execution.internal.privilege.AccessControl;
import org.rustydb.spi.security.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;
import org.rustydb.api.Result;
import org.rustydb.api.Results;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.ColumnDefaults;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.constraint.CheckExpressions;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.SqlLexer;
import org.rustydb.execution.internal.parser.Token;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.TypeNames;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.LockMode;

/**
 * ALTER TABLE: ADD/DROP COLUMN, RENAME [COLUMN], ALTER COLUMN SET/DROP DEFAULT and NOT NULL,
 * ADD and DROP CONSTRAINT (CHECK, FOREIGN KEY, and through {@link AlterTableConstraints} PRIMARY
 * KEY and UNIQUE). Each action gives the table a new definition through
 * {@link StorageEngine#alterTable}, in the statement's transaction; how
 * rows stored before keep reading right is the engine's business. The table is found again by
 * name after each action, as an engine may hand out a new handle.
 */
record AlterTableCommand(boolean ifExists, String[] table, List<AlterTableSyntax.Action> actions)
        implements DdlCommand {

    @Override
    public String commandName() {
        return "ALTER TABLE";
    }

    @Override
    public Result run(BindContext ctx) {
        Result onSequence = SequenceAlter.asAlterTable(ctx, table, actions);
        if (onSequence != null) {
            return onSequence;
        }
        IndexCommand.QualifiedName name = new IndexCommand.QualifiedName(null, table[0], table[1]);
        TableHandle handle;
        try {
            handle = Relations.requireTable(ctx, name);
        } catch (DbException e) {
            if (ifExists && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
                        String.format("relation \"%s\" does not exist, skipping", table[1])));
                return Results.command("ALTER TABLE");
            }
            throw e;
        }
        handle = TableLocking.lock(ctx, handle, LockMode.ACCESS_EXCLUSIVE);
        AccessControl.requireOwner(ctx.session(), ctx.transaction(), ObjectRef.relation(handle.definition().schema(),
                handle.definition().name()), "table", handle.definition().name());
        String schema = handle.definition().schema();
        String current = handle.definition().name();
        for (int i = 0; i < actions.size(); i++) {
            TableHandle t = Relations.findTable(ctx, schema, current).orElseThrow();
            if (actions.get(i) instanceof AlterTableSyntax.AlterType) {
                // consecutive ALTER COLUMN TYPE clauses make one rewrite, each reading the old row
                List<AlterTableSyntax.AlterType> types = new ArrayList<>();
                for (; i < actions.size() && actions.get(i) instanceof AlterTableSyntax.AlterType type; i++) {
                    types.add(type);
                }
                i--;
                AlterColumnType.run(ctx, t, types);
                continue;
            }
            current = apply(ctx, t, actions.get(i));
        }
        return Results.command("ALTER TABLE");
    }

    /** A table's serial and identity sequences belong to its owner, as in PostgreSQL. */
    private static void changeSequenceOwners(BindContext ctx, TableDefinition def) {
        var catalog = AccessControl.catalog(ctx.session());
        if (catalog == null) {
            return;
        }
        String owner = catalog.privileges(ctx.transaction()).owner(ObjectRef.relation(def.schema(), def.name()));
        for (var s : ctx.session().storage().listSequences(ctx.transaction())) {
            if (def.name().equals(s.definition().ownerTable()) && def.schema().equals(s.definition().schema())) {
                catalog.ownerChanged(ctx.transaction(), ObjectRef.sequence(s.definition().schema(),
                        s.definition().name()), owner);
            }
        }
    }

    /** Runs one action; returns the table's name after it. */
    private String apply(BindContext ctx, TableHandle t, AlterTableSyntax.Action action) {
        TableDefinition def = t.definition();
        ObjectRef ref = ObjectRef.relation(def.schema(), def.name());
        if (action instanceof AlterTableSyntax.OwnerTo owner) {
            AccessControl.changeOwner(ctx.session(), ctx.transaction(), ref, "table", def.name(),
                    RoleSpecs.resolve(ctx.session(), owner.role()), ObjectRef.schema(def.schema()),
                    "schema");
            changeSequenceOwners(ctx, def);
        } else if (action instanceof AlterTableSyntax.AddColumn add) {
            addColumn(ctx, t, add);
        } else if (action instanceof AlterTableSyntax.DropColumn drop) {
            if (def.columnIndex(drop.name()) >= 0) {
                ViewGuards.dropColumn(ctx, def, drop.name(), drop.cascade());
            }
            dropColumn(ctx, t, drop);
            var catalog = AccessControl.catalog(ctx.session());
            if (catalog != null) {
                catalog.columnDropped(ctx.transaction(), ref, drop.name());
            }
        } else if (action instanceof AlterTableSyntax.RenameColumn rename) {
            ViewGuards.checkRename(ctx, def, "a column");
            renameColumn(ctx, t, rename);
            var catalog = AccessControl.catalog(ctx.session());
            if (catalog != null) {
                catalog.columnRenamed(ctx.transaction(), ref, rename.from(), rename.to());
            }
        } else if (action instanceof AlterTableSyntax.RenameTable rename) {
            ViewGuards.checkRename(ctx, def, "the table");
            renameTable(ctx, t, rename.to());
            AccessControl.renamed(ctx.session(), ctx.transaction(), ref, rename.to());
            return rename.to();
        } else if (action instanceof AlterTableSyntax.SetDefault set) {
            int column = column(def, set.column());
            if (def.columns().get(column).identity() != ColumnDefinition.Identity.NONE && set.expression() != null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "column \"%s\" of relation \"%s\" is an identity column",
                        set.column(), def.name()).withHint("Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
            }
            String text = null;
            if (set.expression() != null) {
                ColumnDefaults.bind(ctx.session(), ctx.transaction(), ctx.notices(), def.columns().get(column),
                        set.expression());
                text = set.expression().text();
            }
            setDefault(ctx, t, column, text);
        } else if (action instanceof AlterTableSyntax.SetNotNull set) {
            int column = column(def, set.column());
            if (!set.notNull()) {
                for (UniqueKey key : def.uniqueKeys()) {
                    if (key.primary() && key.columns().contains(column)) {
                        throw DbException.of(SqlState.INVALID_TABLE_DEFINITION, "column \"%s\" is in a primary key",
                                set.column());
                    }
                }
                if (def.columns().get(column).identity() != ColumnDefinition.Identity.NONE) {
                    throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "column \"%s\" of relation \"%s\" is an identity column", set.column(), def.name());
                }
            }
            List<ColumnDefinition> columns = new ArrayList<>(def.columns());
            columns.set(column, columns.get(column).withNotNull(set.notNull()));
            alter(ctx, t, with(def, def.name(), columns, def.uniqueKeys(), def.checks(), def.foreignKeys()),
                    identity(columns.size()));
        } else if (action instanceof AlterTableSyntax.AddConstraint add) {
            addConstraint(ctx, t, add.clause());
        } else if (action instanceof AlterTableSyntax.DropConstraint drop) {
            dropConstraint(ctx, t, drop);
        }
        return def.name();
    }

    private static void addColumn(BindContext ctx, TableHandle t, AlterTableSyntax.AddColumn add) {
        TableDefinition def = t.definition();
        if (def.columnIndex(add.name()) >= 0) {
            if (add.ifNotExists()) {
                ctx.notice(Notice.notice(SqlState.DUPLICATE_COLUMN, String.format(
                        "column \"%s\" of relation \"%s\" already exists, skipping", add.name(), def.name())));
                return;
            }
            throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" already exists",
                    add.name(), def.name());
        }
        OwnedSequences.Generator generator = add.array() ? null : OwnedSequences.serial(add.typeName());
        DataType type = generator != null ? DataType.of(generator.type())
                : TypeNames.resolve(add.typeName(), add.typeArguments(), add.array(), add.typePosition());
        ColumnDefinition column = new ColumnDefinition(add.name(), type.type(), type.typmod(), false);
        boolean notNull = generator != null;
        String defaultText = null;
        List<ConstraintClause> constraints = new ArrayList<>();
        for (ConstraintClause clause : add.clauses()) {
            if (clause instanceof ConstraintClause.Nullability n) {
                notNull |= n.notNull();
            } else if (clause instanceof ConstraintClause.Default d) {
                ColumnDefaults.bind(ctx.session(), ctx.transaction(), ctx.notices(), column, d.expression());
                defaultText = d.expression().text();
            } else if (clause instanceof ConstraintClause.Identity id) {
                generator = OwnedSequences.identity(column, id);
                notNull = true;
            } else {
                // CHECK, PRIMARY KEY, UNIQUE and REFERENCES: added once the column exists
                constraints.add(clause);
            }
        }
        if (generator != null) {
            SequenceDefinition sequence = generator.define(def.schema(), def.name(), column,
                    NameChooser.forSchema(ctx, def.schema()));
            ctx.session().storage().createSequence(ctx.transaction(), sequence);
            AccessControl.createdFor(ctx.session(), ctx.transaction(), ObjectRef.sequence(def.schema(), sequence.name()),
                    ObjectRef.relation(def.schema(), def.name()));
            column = column.withDefault(OwnedSequences.nextvalText(sequence)).withIdentity(generator.identity());
        } else if (defaultText != null) {
            column = column.withDefault(defaultText);
        }
        List<ColumnDefinition> columns = new ArrayList<>(def.columns());
        columns.add(column);
        List<Integer> sources = identity(def.columns().size());
        sources.add(-1);
        alter(ctx, t, with(def, def.name(), columns, def.uniqueKeys(), def.checks(), def.foreignKeys()), sources);
        TableHandle altered = refind(ctx, def);
        if (column.defaultExpression() != null) {
            fillDefault(ctx, altered, columns.size() - 1);
        }
        if (notNull) {
            columns.set(columns.size() - 1, column.withNotNull(true));
            alter(ctx, altered, with(def, def.name(), columns, def.uniqueKeys(), def.checks(), def.foreignKeys()),
                    identity(columns.size()));
        }
        for (ConstraintClause clause : constraints) {
            TableHandle current = refind(ctx, def);
            if (clause instanceof ConstraintClause.Key key) {
                AlterTableConstraints.addKey(ctx, current, key, List.of(add.name()));
            } else if (clause instanceof ConstraintClause.References references) {
                AlterTableConstraints.addForeignKey(ctx, current, references, List.of(add.name()));
            } else {
                addConstraint(ctx, current, clause);
            }
        }
    }

    /** Existing rows get the new column's default, evaluated for each row (as PostgreSQL's rewrite does). */
    private static void fillDefault(BindContext ctx, TableHandle table, int column) {
        StorageEngine storage = ctx.session().storage();
        BoundExpr value = ColumnDefaults.bind(ctx, table.definition().columns().get(column));
        List<RowId> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor cursor = storage.scan(ctx.transaction(), table)) {
            while (cursor.next()) {
                ids.add(cursor.rowId());
                rows.add(cursor.row().clone());
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            Object[] row = rows.get(i);
            row[column] = value.eval(new Object[0]);
            storage.update(ctx.transaction(), table, ids.get(i), row);
        }
    }

    private static void dropColumn(BindContext ctx, TableHandle t, AlterTableSyntax.DropColumn drop) {
        TableDefinition def = t.definition();
        int column = def.columnIndex(drop.name());
        if (column < 0) {
            if (drop.ifExists()) {
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, String.format(
                        "column \"%s\" of relation \"%s\" does not exist, skipping", drop.name(), def.name())));
                return;
            }
            throw undefinedColumn(drop.name(), def.name());
        }
        if (def.columns().size() == 1) {
            // PostgreSQL allows a table without columns; the storage SPI does not
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "dropping the last column of a table is not supported yet");
        }
        checkSelfReferences(ctx, def, column, drop);
        StorageEngine storage = ctx.session().storage();
        // other tables' foreign keys referencing the column need CASCADE
        for (TableHandle other : storage.listTables(ctx.transaction())) {
            if (other.definition().name().equals(def.name()) && other.definition().schema().equals(def.schema())) {
                continue;
            }
            List<ForeignKey> kept = new ArrayList<>();
            boolean changed = false;
            for (ForeignKey fk : other.definition().foreignKeys()) {
                if (fk.references(def.schema(), def.name()) && fk.referencedColumns().contains(column)) {
                    String what = String.format("constraint %s on table %s", fk.name(), other.definition().name());
                    if (!drop.cascade()) {
                        throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                        "cannot drop column %s of table %s because other objects depend on it",
                                        drop.name(), def.name())
                                .withDetail(what + " depends on column " + drop.name() + " of table " + def.name())
                                .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
                    }
                    ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "drop cascades to " + what));
                    changed = true;
                } else if (fk.references(def.schema(), def.name())) {
                    kept.add(renumbered(fk, null, column));
                    changed = true;
                } else {
                    kept.add(fk);
                }
            }
            if (changed) {
                storage.alterConstraints(ctx.transaction(), other, other.definition().checks(), kept);
            }
        }
        // indexes, CHECKs and own foreign keys using the column go with it, as in PostgreSQL
        for (IndexHandle index : storage.indexes(ctx.transaction(), t)) {
            boolean key = def.uniqueKeys().stream().anyMatch(k -> k.name().equals(index.definition().name()));
            if (!key && index.definition().columns().contains(column)) {
                storage.dropIndex(ctx.transaction(), index);
            }
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraint check : def.checks()) {
            Set<Integer> used = CheckExpressions.bind(ctx.session(), ctx.transaction(), ctx.notices(), def,
                    org.rustydb.execution.internal.parser.ExpressionText.parse(check.expression())).columns();
            if (!used.contains(column)) {
                checks.add(check);
            }
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (ForeignKey fk : def.foreignKeys()) {
            boolean self = fk.references(def.schema(), def.name());
            if (fk.columns().contains(column) || (self && fk.referencedColumns().contains(column))) {
                continue;
            }
            foreignKeys.add(renumbered(fk, column, self ? column : null));
        }
        List<ColumnDefinition> columns = new ArrayList<>(def.columns());
        columns.remove(column);
        List<Integer> sources = identity(def.columns().size());
        sources.remove(column);
        List<UniqueKey> keys = new ArrayList<>();
        for (UniqueKey key : def.uniqueKeys()) {
            if (key.columns().contains(column)) {
                continue; // the key goes with its column, its index too, as in PostgreSQL
            }
            keys.add(new UniqueKey(key.name(), key.columns().stream().map(c -> c > column ? c - 1 : c).toList(),
                    key.primary()));
        }
        OwnedSequences.dropOwned(ctx, def, drop.name());
        alter(ctx, t, with(def, def.name(), columns, keys, checks, foreignKeys), sources);
    }

    /**
     * The table's own foreign keys that reference the column being dropped (not through their own
     * columns, which take them along): 2BP01 unless CASCADE, as for other tables' foreign keys.
     */
    private static void checkSelfReferences(BindContext ctx, TableDefinition def, int column,
                                            AlterTableSyntax.DropColumn drop) {
        for (ForeignKey fk : def.foreignKeys()) {
            if (!fk.references(def.schema(), def.name()) || !fk.referencedColumns().contains(column)
                    || fk.columns().contains(column)) {
                continue;
            }
            String what = String.format("constraint %s on table %s", fk.name(), def.name());
            if (!drop.cascade()) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                "cannot drop column %s of table %s because other objects depend on it", drop.name(),
                                def.name())
                        .withDetail(what + " depends on column " + drop.name() + " of table " + def.name())
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, "drop cascades to " + what));
        }
    }

    /** A foreign key with its own and/or referenced column positions past a dropped column moved down. */
    private static ForeignKey renumbered(ForeignKey fk, Integer ownDropped, Integer referencedDropped) {
        List<Integer> own = fk.columns().stream()
                .map(c -> ownDropped != null && c > ownDropped ? c - 1 : c).toList();
        List<Integer> referenced = fk.referencedColumns().stream()
                .map(c -> referencedDropped != null && c > referencedDropped ? c - 1 : c).toList();
        return new ForeignKey(fk.name(), own, fk.referencedSchema(), fk.referencedTable(), referenced, fk.onDelete(),
                fk.onUpdate(), fk.matchFull(), fk.deferrable(), fk.initiallyDeferred());
    }

    private static void renameColumn(BindContext ctx, TableHandle t, AlterTableSyntax.RenameColumn rename) {
        TableDefinition def = t.definition();
        int column = def.columnIndex(rename.from());
        if (column < 0) {
            throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist", rename.from());
        }
        if (def.columnIndex(rename.to()) >= 0) {
            throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" already exists",
                    rename.to(), def.name());
        }
        List<ColumnDefinition> columns = new ArrayList<>(def.columns());
        columns.set(column, columns.get(column).withName(rename.to()));
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraint check : def.checks()) {
            checks.add(new CheckConstraint(check.name(), renamed(check.expression(), rename.from(), rename.to())));
        }
        alter(ctx, t, with(def, def.name(), columns, def.uniqueKeys(), checks, def.foreignKeys()),
                identity(columns.size()));
    }

    /**
     * A stored expression with a column renamed: every identifier token naming it (not a function
     * name) is replaced, quoted if need be. Stored CHECKs are text, so they follow the rename here.
     */
    static String renamed(String expression, String from, String to) {
        List<Token> tokens = SqlLexer.tokenize(expression);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean identifier = t.kind() == Token.Kind.QUOTED_IDENT || t.kind() == Token.Kind.WORD;
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isPunct("(");
            if (identifier && t.value().equals(from) && !call) {
                out.append(expression, copied, t.start()).append(OwnedSequences.quote(to));
                copied = t.end();
            }
        }
        return out.append(expression.substring(copied)).toString();
    }

    private static void renameTable(BindContext ctx, TableHandle t, String to) {
        TableDefinition def = t.definition();
        SearchPath.checkCreatable(def.schema(), to);
        if (Relations.relationExists(ctx, def.schema(), to)) {
            throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", to);
        }
        StorageEngine storage = ctx.session().storage();
        List<ForeignKey> own = new ArrayList<>();
        for (ForeignKey fk : def.foreignKeys()) {
            own.add(fk.references(def.schema(), def.name()) ? retarget(fk, to) : fk);
        }
        alter(ctx, t, with(def, to, def.columns(), def.uniqueKeys(), def.checks(), own), identity(def.columns().size()));
        for (TableHandle other : storage.listTables(ctx.transaction())) {
            TableDefinition o = other.definition();
            if (o.schema().equals(def.schema()) && o.name().equals(to)) {
                continue;
            }
            if (o.foreignKeys().stream().anyMatch(fk -> fk.references(def.schema(), def.name()))) {
                List<ForeignKey> keys = o.foreignKeys().stream()
                        .map(fk -> fk.references(def.schema(), def.name()) ? retarget(fk, to) : fk).toList();
                storage.alterConstraints(ctx.transaction(), other, o.checks(), keys);
            }
        }
    }

    private static ForeignKey retarget(ForeignKey fk, String table) {
        return new ForeignKey(fk.name(), fk.columns(), fk.referencedSchema(), table, fk.referencedColumns(),
                fk.onDelete(), fk.onUpdate(), fk.matchFull(), fk.deferrable(), fk.initiallyDeferred());
    }

    private static void addConstraint(BindContext ctx, TableHandle t, ConstraintClause clause) {
        if (clause instanceof ConstraintClause.Key key) {
            AlterTableConstraints.addKey(ctx, t, key, key.columns());
            return;
        }
        if (clause instanceof ConstraintClause.References references) {
            AlterTableConstraints.addForeignKey(ctx, t, references, references.columns());
            return;
        }
        if (!(clause instanceof ConstraintClause.Check check)) {
            throw new IllegalStateException("not a table constraint: " + clause);
        }
        TableDefinition def = t.definition();
        CheckExpressions.Bound bound = CheckExpressions.bind(ctx.session(), ctx.transaction(), ctx.notices(), def,
                check.expression());
        Set<String> names = AlterTableConstraints.constraintNames(def);
        String name = check.name();
        if (name == null) {
            String base = bound.columns().size() == 1
                    ? def.name() + "_" + def.columns().get(bound.columns().iterator().next()).name() : def.name();
            name = NameChooser.forSchema(ctx, def.schema()).choose(base, "check", false);
        } else if (names.contains(name)) {
            throw DbException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                    name, def.name());
        }
        try (RowCursor cursor = ctx.session().storage().scan(ctx.transaction(), t)) {
            while (cursor.next()) {
                if (Boolean.FALSE.equals(bound.condition().eval(cursor.row()))) {
                    throw DbException.of(SqlState.CHECK_VIOLATION, "check constraint \"%s\" of relation \"%s\" is "
                            + "violated by some row", name, def.name());
                }
            }
        }
        List<CheckConstraint> checks = new ArrayList<>(def.checks());
        checks.add(new CheckConstraint(name, check.expression().text()));
        ctx.session().storage().alterConstraints(ctx.transaction(), t, checks, def.foreignKeys());
    }

    private static void dropConstraint(BindContext ctx, TableHandle t, AlterTableSyntax.DropConstraint drop) {
        TableDefinition def = t.definition();
        List<CheckConstraint> checks = def.checks().stream().filter(c -> !c.name().equals(drop.name())).toList();
        List<ForeignKey> keys = def.foreignKeys().stream().filter(c -> !c.name().equals(drop.name())).toList();
        if (checks.size() == def.checks().size() && keys.size() == def.foreignKeys().size()) {
            if (AlterTableConstraints.dropKey(ctx, t, drop.name(), drop.cascade())) {
                return;
            }
            if (drop.ifExists()) {
                ctx.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION, String.format(
                        "constraint \"%s\" of relation \"%s\" does not exist, skipping", drop.name(), def.name())));
                return;
            }
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" of relation \"%s\" does not exist",
                    drop.name(), def.name());
        }
        ctx.session().storage().alterConstraints(ctx.transaction(), t, checks, keys);
    }

    /** Sets or drops (null) a column's DEFAULT. */
    static void setDefault(BindContext ctx, TableHandle t, int column, String text) {
        TableDefinition def = t.definition();
        List<ColumnDefinition> columns = new ArrayList<>(def.columns());
        columns.set(column, columns.get(column).withDefault(text));
        alter(ctx, t, with(def, def.name(), columns, def.uniqueKeys(), def.checks(), def.foreignKeys()),
                identity(columns.size()));
    }

    static void alter(BindContext ctx, TableHandle t, TableDefinition definition, List<Integer> sources) {
        ctx.session().storage().alterTable(ctx.transaction(), t, definition, sources);
    }

    private static TableHandle refind(BindContext ctx, TableDefinition def) {
        return Relations.findTable(ctx, def.schema(), def.name()).orElseThrow();
    }

    static TableDefinition with(TableDefinition def, String name, List<ColumnDefinition> columns,
                                        List<UniqueKey> keys, List<CheckConstraint> checks, List<ForeignKey> fks) {
        return new TableDefinition(def.schema(), name, columns, keys, checks, fks);
    }

    static List<Integer> identity(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static int column(TableDefinition def, String name) {
        int column = def.columnIndex(name);
        if (column < 0) {
            throw undefinedColumn(name, def.name());
        }
        return column;
    }

    private static DbException undefinedColumn(String column, String table) {
        return DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", column,
                table);
    }
}
