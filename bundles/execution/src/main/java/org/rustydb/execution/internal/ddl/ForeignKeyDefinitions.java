package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The FOREIGN KEY constraints of CREATE TABLE, checked as PostgreSQL checks them: the referenced
 * table exists (or is the table itself), the referenced columns are its primary key or carry a
 * unique constraint or unique index, as many as the referencing ones, of comparable types.
 */
final class ForeignKeyDefinitions {
    /** A REFERENCES clause with the referencing columns it applies to. */
    record Spec(ConstraintClause.References clause, List<String> columns) {
    }

    private ForeignKeyDefinitions() {
    }

    static List<ForeignKey> define(BindContext ctx, TableDefinition table, List<Spec> specs, Set<String> tableNames,
                                   NameChooser names) {
        List<ForeignKey> keys = new ArrayList<>();
        for (Spec spec : specs) {
            keys.add(define(ctx, table, spec, tableNames, names));
        }
        return keys;
    }

    private static ForeignKey define(BindContext ctx, TableDefinition table, Spec spec, Set<String> tableNames,
                                     NameChooser names) {
        List<Integer> columns = new ArrayList<>();
        for (String column : spec.columns()) {
            columns.add(column(table, column));
        }
        ConstraintClause.References clause = spec.clause();
        String name = clause.name();
        if (name == null) {
            name = names.choose(table.name() + "_" + String.join("_", spec.columns()), "fkey", false);
        } else if (tableNames.contains(name)) {
            throw DbException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                    name, table.name());
        } else {
            names.take(name);
        }
        tableNames.add(name);
        ConstraintClause.Target target = clause.target();
        // the referenced table is looked up as any table name is; the table being created is found in its own schema
        List<String> schemas = target.schema() == null ? SearchPath.lookupSchemas(ctx.session(), ctx.transaction())
                : SearchPath.qualified(ctx.session(), ctx.transaction(), target.schema());
        if (target.schema() != null && schemas.isEmpty()) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", target.schema());
        }
        String schema = null;
        boolean self = false;
        Optional<TableHandle> handle = Optional.empty();
        for (String candidate : schemas) {
            self = candidate.equals(table.schema()) && target.table().equals(table.name());
            handle = self ? Optional.empty()
                    : ctx.session().storage().findTable(ctx.transaction(), candidate, target.table());
            if (self || handle.isPresent()) {
                schema = candidate;
                break;
            }
        }
        if (schema == null) {
            throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                    target.schema() == null ? target.table() : target.schema() + "." + target.table());
        }
        TableDefinition parent = self ? table : handle.get().definition();
        List<List<Integer>> uniqueColumns = new ArrayList<>();
        if (self) {
            table.uniqueKeys().forEach(k -> uniqueColumns.add(k.columns()));
        } else {
            for (IndexHandle index : ctx.session().storage().indexes(ctx.transaction(), handle.get())) {
                if (index.definition().unique()) {
                    uniqueColumns.add(index.definition().columns());
                }
            }
        }
        List<Integer> referenced = referencedColumns(parent, target.columns(), uniqueColumns);
        if (!self) {
            // the referencing table's owner (here the creator) needs REFERENCES on the columns, as in PostgreSQL
            org.rustydb.execution.internal.privilege.AccessControl.requireColumns(ctx.session(), ctx.transaction(),
                    org.rustydb.spi.security.ObjectRef.relation(schema, parent.name()), parent.name(),
                    org.rustydb.spi.security.Privilege.REFERENCES.bit(),
                    referenced.stream().map(i -> parent.columns().get(i).name()).toList());
        }
        if (referenced.size() != columns.size()) {
            throw DbException.of(SqlState.INVALID_FOREIGN_KEY,
                    "number of referencing and referenced columns for foreign key disagree");
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnDefinition from = table.columns().get(columns.get(i));
            ColumnDefinition to = parent.columns().get(referenced.get(i));
            if (!comparable(from.type(), to.type())) {
                throw DbException.of(SqlState.DATATYPE_MISMATCH, "foreign key constraint \"%s\" cannot be implemented",
                                name)
                        .withDetail(String.format("Key columns \"%s\" and \"%s\" are of incompatible types: %s and %s.",
                                from.name(), to.name(), from.type().sqlName(), to.type().sqlName()));
            }
        }
        return new ForeignKey(name, columns, schema, parent.name(), referenced, target.onDelete(), target.onUpdate(),
                target.matchFull(), target.deferrable(), target.initiallyDeferred());
    }

    /** The referenced columns: those named, which a unique constraint must cover exactly, or the primary key. */
    private static List<Integer> referencedColumns(TableDefinition parent, List<String> names,
                                                   List<List<Integer>> uniqueColumns) {
        if (names == null) {
            for (UniqueKey key : parent.uniqueKeys()) {
                if (key.primary()) {
                    return key.columns();
                }
            }
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "there is no primary key for referenced table \"%s\"",
                    parent.name());
        }
        List<Integer> referenced = new ArrayList<>();
        for (String name : names) {
            int column = column(parent, name);
            if (referenced.contains(column)) {
                throw DbException.of(SqlState.INVALID_FOREIGN_KEY,
                        "foreign key referenced-columns list must not contain duplicates");
            }
            referenced.add(column);
        }
        for (List<Integer> unique : uniqueColumns) {
            if (unique.size() == referenced.size() && new HashSet<>(unique).equals(new HashSet<>(referenced))) {
                return referenced;
            }
        }
        throw DbException.of(SqlState.INVALID_FOREIGN_KEY,
                "there is no unique constraint matching given keys for referenced table \"%s\"", parent.name());
    }

    private static int column(TableDefinition table, String name) {
        int index = table.columnIndex(name);
        if (index < 0) {
            throw DbException.of(SqlState.UNDEFINED_COLUMN,
                    "column \"%s\" referenced in foreign key constraint does not exist", name);
        }
        return index;
    }

    /** Whether the two types have an equality operator, as PostgreSQL requires. */
    static boolean comparable(SqlType a, SqlType b) {
        return a == b || (a.isInteger() && b.isInteger()) || (a.isString() && b.isString());
    }
}
