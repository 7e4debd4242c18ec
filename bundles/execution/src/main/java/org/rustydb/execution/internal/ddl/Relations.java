package org.rustydb.execution.internal.ddl;

import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.binder.BindContext;
import org.rustydb.execution.internal.binder.Catalog;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;

/** Lookups of tables and indexes by the qualified names of the hand-parsed index statements. */
final class Relations {
    private Relations() {
    }

    /**
     * The schema a name refers to: {@code public} when unqualified. A three-part name must name this
     * database (0A000 otherwise, as PostgreSQL words it).
     */
    static String schemaOf(BindContext ctx, IndexCommand.QualifiedName name) {
        if (name.database() != null && !name.database().equals(ctx.session().database())) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \"%s\"",
                    name.dotted());
        }
        return name.schema() == null ? Catalog.SCHEMA : name.schema();
    }

    /** True when the schema exists: only {@code public} does. */
    static boolean schemaExists(String schema) {
        return schema.equals(Catalog.SCHEMA);
    }

    static DbException noSchema(String schema) {
        return DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
    }

    /** The table, or 3F000 for an unknown schema, 42P01 for an unknown table. */
    static TableHandle requireTable(BindContext ctx, IndexCommand.QualifiedName name) {
        String schema = schemaOf(ctx, name);
        if (!schemaExists(schema)) {
            throw noSchema(schema);
        }
        return findTable(ctx, schema, name.name()).orElseThrow(() -> DbException.of(SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist", name.schema() == null ? name.name() : schema + "." + name.name()));
    }

    static Optional<TableHandle> findTable(BindContext ctx, String schema, String name) {
        return ctx.session().storage().findTable(ctx.transaction(), schema, name);
    }

    static Optional<IndexHandle> findIndex(BindContext ctx, String schema, String name) {
        return ctx.session().storage().findIndex(ctx.transaction(), schema, name);
    }

    /** True when a table or an index of that name exists: they share one namespace. */
    static boolean relationExists(BindContext ctx, String schema, String name) {
        return findTable(ctx, schema, name).isPresent() || findIndex(ctx, schema, name).isPresent();
    }
}
