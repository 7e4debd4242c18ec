package org.rustydb.execution.internal.binder;

import java.util.Optional;

import net.sf.jsqlparser.schema.Table;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.storage.TableHandle;

/** Table lookups by name: everything lives in schema {@code public}. */
public final class Catalog {
    public static final String SCHEMA = "public";

    private Catalog() {
    }

    /** The folded table name of a parsed table reference. */
    public static String tableName(Table table) {
        return Identifiers.name(table.getName());
    }

    /**
     * The schema a table reference names: {@code public} when unqualified.
     *
     * @throws DbException 3F000 for any other schema when {@code mustExist}
     */
    public static String schemaName(BindContext ctx, Table table, boolean mustExist) {
        if (table.getDatabaseName() != null
                && !Identifiers.name(table.getDatabaseName()).equals(ctx.session().database())) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: %s",
                    table.getFullyQualifiedName()).withPosition(ctx.pos(table));
        }
        String schema = table.getSchemaName() == null ? SCHEMA : Identifiers.name(table.getSchemaName());
        if (mustExist && !schema.equals(SCHEMA)) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema)
                    .withPosition(ctx.pos(table));
        }
        return schema;
    }

    /** Finds a table, or null. */
    public static TableHandle find(BindContext ctx, Table table) {
        String schema = schemaName(ctx, table, false);
        if (!schema.equals(SCHEMA)) {
            return null;
        }
        Optional<TableHandle> found = ctx.session().storage().findTable(ctx.transaction(), schema, tableName(table));
        return found.orElse(null);
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
