package org.rustydb.execution.internal.binder;

import java.util.List;
import java.util.Optional;

import net.sf.jsqlparser.schema.Table;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.ViewHandle;

/**
 * Table and view lookups by name. A qualified name looks in its schema; an unqualified one through the
 * schemas of search_path, and CREATE puts it in the first of them (see {@link SearchPath}).
 */
public final class Catalog {
    public static final String SCHEMA = SearchPath.PUBLIC;

    private Catalog() {
    }

    /** The folded table name of a parsed table reference. */
    public static String tableName(Table table) {
        return Identifiers.name(table.getName());
    }

    /**
     * The schema a table reference names, or for an unqualified one the schema CREATE puts it in.
     *
     * @throws DbException 3F000 when {@code mustExist} and the schema does not exist, or no schema
     *                     of search_path does
     */
    public static String schemaName(BindContext ctx, Table table, boolean mustExist) {
        checkDatabase(ctx, table);
        if (table.getSchemaName() == null) {
            try {
                return SearchPath.creationSchema(ctx.session(), ctx.transaction());
            } catch (DbException e) {
                if (!mustExist) {
                    return SCHEMA;
                }
                throw e.withPosition(ctx.pos(table));
            }
        }
        String schema = Identifiers.name(table.getSchemaName());
        if (mustExist && !SearchPath.schemaExists(ctx.session(), ctx.transaction(), schema)) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema)
                    .withPosition(ctx.pos(table));
        }
        return schema;
    }

    /** The schemas a reference is looked up in, in order: its own, or those of search_path. */
    public static List<String> lookupSchemas(BindContext ctx, Table table) {
        checkDatabase(ctx, table);
        if (table.getSchemaName() == null) {
            return SearchPath.lookupSchemas(ctx.session(), ctx.transaction());
        }
        return SearchPath.qualified(ctx.session(), ctx.transaction(), Identifiers.name(table.getSchemaName()));
    }

    private static void checkDatabase(BindContext ctx, Table table) {
        if (table.getDatabaseName() != null
                && !Identifiers.name(table.getDatabaseName()).equals(ctx.session().database())) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: %s",
                    table.getFullyQualifiedName()).withPosition(ctx.pos(table));
        }
    }

    /**
     * Finds a table or a view, or null: the first schema of the lookup that holds either wins, so
     * a view can hide a table of a later schema and the other way round.
     */
    public static Object findRelation(BindContext ctx, Table table) {
        String name = tableName(table);
        for (String schema : lookupSchemas(ctx, table)) {
            Optional<TableHandle> found = ctx.session().storage().findTable(ctx.transaction(), schema, name);
            if (found.isPresent()) {
                ctx.dependencies().relation(table, found.get(), found.get().definition());
                ViewExpansion.noteReference(schema, name);
                return found.get();
            }
            Optional<ViewHandle> view = ctx.session().storage().findView(ctx.transaction(), schema, name);
            if (view.isPresent()) {
                ctx.dependencies().relation(table, view.get(), view.get().definition());
                ViewExpansion.noteReference(schema, name);
                return view.get();
            }
        }
        return null;
    }

    /**
     * The system relation a reference names, or null: {@code pg_catalog.x} and
     * {@code information_schema.x}, and an unqualified name when pg_catalog is searched before any
     * schema holding a relation of that name (first unless search_path places it elsewhere; only
     * the session's temporary schema comes before it, as in PostgreSQL).
     */
    public static org.rustydb.execution.internal.catalog.SystemTable findSystem(BindContext ctx, Table table) {
        checkDatabase(ctx, table);
        String name = tableName(table);
        if (table.getSchemaName() != null) {
            return org.rustydb.execution.internal.catalog.SystemCatalog.find(Identifiers.name(table.getSchemaName()),
                    name);
        }
        if (org.rustydb.execution.internal.catalog.SystemCatalog.find(SearchPath.PG_CATALOG, name) == null) {
            return null;
        }
        List<String> schemas = new java.util.ArrayList<>(lookupSchemas(ctx, table));
        if (!schemas.contains(SearchPath.PG_CATALOG)) {
            boolean tempFirst = !schemas.isEmpty() && schemas.get(0).equals(ctx.session().temporarySchema());
            schemas.add(tempFirst ? 1 : 0, SearchPath.PG_CATALOG);
        }
        for (String schema : schemas) {
            var found = org.rustydb.execution.internal.catalog.SystemCatalog.find(schema, name);
            if (found != null) {
                return found;
            }
            if (ctx.session().storage().findTable(ctx.transaction(), schema, name).isPresent()
                    || ctx.session().storage().findView(ctx.transaction(), schema, name).isPresent()) {
                return null;
            }
        }
        return null;
    }

    /** Finds a table, or null (also when the name is a view's). */
    public static TableHandle find(BindContext ctx, Table table) {
        return findRelation(ctx, table) instanceof TableHandle handle ? handle : null;
    }

    /**
     * The table an INSERT, UPDATE or DELETE changes; a view gives PostgreSQL's 55000, since views
     * are read-only here.
     *
     * @param verb how the error names the change: {@code insert into}, {@code update} or {@code delete from}
     */
    public static TableHandle requireTarget(BindContext ctx, Table table, String verb) {
        if (findRelation(ctx, table) instanceof ViewHandle view) {
            String action = verb.substring(0, verb.indexOf(' ') < 0 ? verb.length() : verb.indexOf(' '));
            String upper = action.toUpperCase(java.util.Locale.ROOT);
            String gerund = action.endsWith("e") ? action.substring(0, action.length() - 1) + "ing" : action + "ing";
            gerund += verb.contains(" ") ? verb.substring(verb.indexOf(' ')) : "";
            throw DbException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot %s view \"%s\"", verb,
                            view.definition().name())
                    .withPosition(ctx.pos(table))
                    .withDetail("Views are read-only: they are not automatically updatable.")
                    .withHint("To enable " + gerund + " the view, provide an INSTEAD OF " + upper
                            + " trigger or an unconditional ON " + upper + " DO INSTEAD rule.");
        }
        return require(ctx, table);
    }

    /** Finds a table, or fails with {@code relation "t" does not exist} (42P01). */
    public static TableHandle require(BindContext ctx, Table table) {
        TableHandle handle = find(ctx, table);
        if (handle == null) {
            String shown = table.getSchemaName() == null ? tableName(table)
                    : Identifiers.name(table.getSchemaName()) + "." + tableName(table);
            throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", shown)
                    .withPosition(ctx.pos(table));
        }
        return handle;
    }
}
