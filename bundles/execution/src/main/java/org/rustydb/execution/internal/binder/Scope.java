package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;

/**
 * The names an expression can refer to: the columns of the one FROM table (under its alias, or
 * its name when it has none), or nothing.
 */
public final class Scope {
    private static final Scope EMPTY = new Scope(null, null, null, null);

    private final String qualifier;
    private final String schema;
    private final TableDefinition table;
    private final String noVariablesClause;

    private Scope(String qualifier, String schema, TableDefinition table, String noVariablesClause) {
        this.qualifier = qualifier;
        this.schema = schema;
        this.table = table;
        this.noVariablesClause = noVariablesClause;
    }

    /** No FROM clause. */
    public static Scope empty() {
        return EMPTY;
    }

    /** One table, visible as {@code alias} if given, else by its name (also schema-qualified). */
    public static Scope of(TableDefinition table, String alias) {
        return new Scope(alias != null ? alias : table.name(), alias != null ? null : table.schema(), table, null);
    }

    /** A scope in which any column reference is an error (LIMIT, OFFSET). */
    public static Scope noVariables(String clause) {
        return new Scope(null, null, null, clause);
    }

    public TableDefinition table() {
        return table;
    }

    /** The columns of the table, empty without one. */
    public List<ColumnDefinition> columns() {
        return table == null ? List.of() : table.columns();
    }

    /** True when {@code name} (optionally with a schema) names the FROM entry. */
    public boolean matches(String schemaName, String name) {
        return table != null && qualifier.equals(name) && (schemaName == null || schemaName.equals(schema));
    }

    /**
     * Resolves a column reference.
     *
     * @param schemaName the schema qualifier or null
     * @param tableName  the table qualifier or null
     * @param column     the column name
     * @param position   where the reference is
     */
    public BoundExpr resolve(String schemaName, String tableName, String column, int position) {
        if (noVariablesClause != null) {
            throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "argument of %s must not contain variables",
                    noVariablesClause).withPosition(position);
        }
        if (tableName != null && !matches(schemaName, tableName)) {
            DbException e = DbException.of(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"%s\"",
                    tableName).withPosition(position);
            if (table != null && qualifier != null && !qualifier.equals(table.name()) && tableName.equals(table.name())) {
                e = DbException.of(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \"%s\"",
                                tableName).withPosition(position)
                        .withHint("Perhaps you meant to reference the table alias \"" + qualifier + "\".");
            }
            throw e;
        }
        int index = table == null ? -1 : table.columnIndex(column);
        if (index < 0) {
            String name = tableName == null ? "\"" + column + "\"" : tableName + "." + column;
            throw DbException.of(SqlState.UNDEFINED_COLUMN, "column %s does not exist", name).withPosition(position);
        }
        ColumnDefinition def = table.columns().get(index);
        return new ColumnRef(index, new DataType(def.type(), def.typeModifier()), def.name());
    }
}
