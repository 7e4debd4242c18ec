package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.TableLocking;
import org.rustydb.execution.internal.constraint.ForeignKeyValidation;
import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.LockMode;

/**
 * ALTER TABLE ADD PRIMARY KEY / UNIQUE / FOREIGN KEY and DROP CONSTRAINT of a key, as PostgreSQL
 * does them: a new key is built over the rows there are (23505 {@code could not create unique
 * index} on duplicates; a primary key makes its columns NOT NULL, 23502 if a row holds NULL), a new
 * foreign key is checked against them (23503), and a key other tables' foreign keys reference is
 * dropped only with CASCADE, which drops those foreign keys too.
 */
final class AlterTableConstraints {
    private AlterTableConstraints() {
    }

    static void addKey(BindContext ctx, TableHandle t, ConstraintClause.Key key, List<String> columnNames) {
        TableDefinition def = t.definition();
        List<Integer> columns = new ArrayList<>();
        for (String name : columnNames) {
            int column = def.columnIndex(name);
            if (column < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" named in key does not exist", name)
                        .withPosition(key.position());
            }
            if (columns.contains(column)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" appears twice in %s constraint", name,
                        key.primary() ? "primary key" : "unique").withPosition(key.position());
            }
            columns.add(column);
        }
        if (key.primary() && def.uniqueKeys().stream().anyMatch(UniqueKey::primary)) {
            throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                    "multiple primary keys for table \"%s\" are not allowed", def.name());
        }
        NameChooser chooser = NameChooser.forSchema(ctx, def.schema());
        if (key.name() != null && chooser.isRelation(key.name())) {
            throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", key.name());
        }
        UniqueKey added = KeyDefinitions.define(def.name(), def.columns(), List.of(new KeyDefinitions.KeySpec(
                key.name(), columns, key.primary(), key.position())), constraintNames(def), chooser).get(0);
        List<ColumnDefinition> newColumns = new ArrayList<>(def.columns());
        if (key.primary()) {
            columns.forEach(c -> newColumns.set(c, newColumns.get(c).withNotNull(true)));
        }
        // the primary key first, as PostgreSQL lists it; the others in the order they were added
        List<UniqueKey> keys = new ArrayList<>(def.uniqueKeys());
        keys.add(key.primary() ? 0 : keys.size(), added);
        AlterTableCommand.alter(ctx, t, AlterTableCommand.with(def, def.name(), newColumns, keys, def.checks(),
                def.foreignKeys()), AlterTableCommand.identity(newColumns.size()));
    }

    static void addForeignKey(BindContext ctx, TableHandle t, ConstraintClause.References clause,
                              List<String> columnNames) {
        TableDefinition def = t.definition();
        Set<String> names = constraintNames(def);
        ForeignKey fk = ForeignKeyDefinitions.define(ctx, def, List.of(new ForeignKeyDefinitions.Spec(clause,
                columnNames)), names, NameChooser.forSchema(ctx, def.schema())).get(0);
        boolean self = fk.references(def.schema(), def.name());
        TableHandle parent = self ? t : Relations.findTable(ctx, fk.referencedSchema(), fk.referencedTable())
                .orElseThrow();
        // PostgreSQL's lock for adding a foreign key: no one changes the referenced rows meanwhile
        parent = self ? t : TableLocking.lock(ctx, parent, LockMode.SHARE_ROW_EXCLUSIVE);
        ForeignKeyValidation.check(ctx.session(), ctx.transaction(), t, parent, fk);
        List<ForeignKey> keys = new ArrayList<>(def.foreignKeys());
        keys.add(fk);
        ctx.session().storage().alterConstraints(ctx.transaction(), t, def.checks(), keys);
    }

    /** DROP CONSTRAINT of a primary key or unique constraint; true if {@code name} is one. */
    static boolean dropKey(BindContext ctx, TableHandle t, String name, boolean cascade) {
        TableDefinition def = t.definition();
        UniqueKey key = def.uniqueKeys().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
        if (key == null) {
            return false;
        }
        IndexHandle index = ctx.session().storage().indexes(ctx.transaction(), t).stream()
                .filter(i -> i.definition().name().equals(name)).findFirst().orElseThrow();
        new Dependents(ctx).ofIndexes(List.of(index))
                .dropOrRefuse(cascade, "constraint " + name + " on table " + def.name());
        // a cascade may have dropped a foreign key of this very table
        TableHandle current = Relations.findTable(ctx, def.schema(), def.name()).orElseThrow();
        TableDefinition now = current.definition();
        List<UniqueKey> keys = now.uniqueKeys().stream().filter(k -> !k.name().equals(name)).toList();
        AlterTableCommand.alter(ctx, current, AlterTableCommand.with(now, now.name(), now.columns(), keys,
                now.checks(), now.foreignKeys()), AlterTableCommand.identity(now.columns().size()));
        return true;
    }

    /** The names of a table's constraints (CHECK, FOREIGN KEY, PRIMARY KEY and UNIQUE). */
    static Set<String> constraintNames(TableDefinition def) {
        Set<String> names = new HashSet<>();
        def.checks().stream().map(CheckConstraint::name).forEach(names::add);
        def.foreignKeys().stream().map(ForeignKey::name).forEach(names::add);
        def.uniqueKeys().stream().map(UniqueKey::name).forEach(names::add);
        return names;
    }
}
