package org.rustydb.execution.internal.ddl;

import java.util.List;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.settings.SearchPath;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;

/**
 * Lookups of tables and indexes by the qualified names of the hand-parsed index statements; an
 * unqualified name goes through search_path.
 */
public final class Relations {
    private Relations() {
    }

    /**
     * The schemas a name is looked up in, in order: its own when qualified (none if it does not
     * exist), else those of search_path. A three-part name must name this database (0A000
     * otherwise, as PostgreSQL words it).
     */
    static List<String> lookupSchemas(BindContext ctx, IndexCommand.QualifiedName name) {
        if (name.database() != null && !name.database().equals(ctx.session().database())) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \"%s\"",
                    name.dotted());
        }
        if (name.schema() == null) {
            return SearchPath.lookupSchemas(ctx.session(), ctx.transaction());
        }
        return SearchPath.qualified(ctx.session(), ctx.transaction(), name.schema());
    }

    static DbException noSchema(String schema) {
        return DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
    }

    /** The table, or 3F000 for an unknown schema, 42P01 for an unknown table. */
    public static TableHandle requireTable(BindContext ctx, IndexCommand.QualifiedName name) {
        List<String> schemas = lookupSchemas(ctx, name);
        if (name.schema() != null && schemas.isEmpty()) {
            throw noSchema(name.schema());
        }
        for (String schema : schemas) {
            Optional<TableHandle> table = findTable(ctx, schema, name.name());
            if (table.isPresent()) {
                return table.get();
            }
        }
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                name.schema() == null ? name.name() : name.schema() + "." + name.name());
    }

    static Optional<TableHandle> findTable(BindContext ctx, String schema, String name) {
        return ctx.session().storage().findTable(ctx.transaction(), schema, name);
    }

    static Optional<IndexHandle> findIndex(BindContext ctx, String schema, String name) {
        return ctx.session().storage().findIndex(ctx.transaction(), schema, name);
    }

    /** True when a table, an index, a sequence or a view of that name exists: they share one namespace. */
    static boolean relationExists(BindContext ctx, String schema, String name) {
        return findTable(ctx, schema, name).isPresent() || findIndex(ctx, schema, name).isPresent()
                || ctx.session().storage().findSequence(ctx.transaction(), schema, name).isPresent()
                || ctx.session().storage().findView(ctx.transaction(), schema, name).isPresent();
    }
}
