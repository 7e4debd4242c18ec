package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.OuterRef;
import org.rustydb.execution.internal.expr.RowCell;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;

/**
 * The names an expression can refer to: the columns of the FROM items of its query level (each a
 * {@link ScopeEntry} at an offset in the row the expression is evaluated on), then those of the
 * enclosing levels (a correlated subquery's {@link OuterRef}s), and the WITH queries in view.
 * A scope over grouped rows ({@link Grouping}) lets expressions see group keys and aggregates only.
 */
public final class Scope {
    private static final Scope EMPTY = new Scope(List.of(), null, null, null, Map.of());

    private final List<ScopeEntry> entries;
    private final Scope parent;
    private final Grouping grouping;
    private Windowing windowing;
    private SetFunctions setFunctions;
    private final String noVariablesClause;
    private final Map<String, WithQuery> withQueries;
    private final RowCell cell = new RowCell();
    /** Entries a resolution found, while a caller records them ({@link #recordUses}). */
    private BitSet used;
    /** How many names of nested levels resolved through this scope (to it or further out). */
    private int referencedFromBelow;

    private Scope(List<ScopeEntry> entries, Scope parent, Grouping grouping, String noVariablesClause,
                  Map<String, WithQuery> withQueries) {
        this.entries = List.copyOf(entries);
        this.parent = parent;
        this.grouping = grouping;
        this.noVariablesClause = noVariablesClause;
        this.withQueries = withQueries;
    }

    /** No FROM clause. */
    public static Scope empty() {
        return EMPTY;
    }

    /** One table, visible as {@code alias} if given, else by its name (also schema-qualified). */
    public static Scope of(TableDefinition table, String alias) {
        return new Scope(List.of(entryOf(table, alias)), null, null, null, Map.of());
    }

    /** A scope in which any column reference is an error (LIMIT, OFFSET). */
    public static Scope noVariables(String clause) {
        return new Scope(List.of(), null, null, clause, Map.of());
    }

    /** The entry of a table read under {@code alias} (or its name). */
    public static ScopeEntry entryOf(TableDefinition table, String alias) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (ColumnDefinition c : table.columns()) {
            names.add(c.name());
            types.add(new DataType(c.type(), c.typeModifier()));
        }
        return new ScopeEntry(alias != null ? alias : table.name(), alias != null ? null : table.schema(), names,
                types, 0, new BitSet(), alias != null ? table.name() : null);
    }

    /** A scope of a query level nested in {@code parent} (null at the top) over these entries. */
    public static Scope nested(Scope parent, List<ScopeEntry> entries, Map<String, WithQuery> withQueries) {
        return new Scope(entries, parent, null, null, withQueries);
    }

    /** The same names over other entries (a part of this level's FROM items). */
    public Scope withEntries(List<ScopeEntry> others) {
        return new Scope(others, parent, null, noVariablesClause, withQueries);
    }

    /** This level's grouped rows. */
    public Scope grouped(Grouping g) {
        return new Scope(List.of(), parent, g, null, withQueries);
    }

    public List<ScopeEntry> entries() {
        return entries;
    }

    public Scope parent() {
        return parent;
    }

    public Grouping grouping() {
        return grouping;
    }

    /** The window calls of this level, where its select list and ORDER BY are bound; else null. */
    public Windowing windowing() {
        return windowing;
    }

    /** The same scope, where window function calls are allowed and collected. */
    public Scope windowed(Windowing w) {
        Scope s = new Scope(entries, parent, grouping, noVariablesClause, withQueries);
        s.windowing = w;
        return s;
    }

    /** The set-returning calls of this level, where its select list is bound; else null. */
    SetFunctions setFunctions() {
        return setFunctions;
    }

    /** Lets this scope collect set-returning calls (null: not allowed). */
    void setFunctions(SetFunctions functions) {
        this.setFunctions = functions;
    }

    /** The same scope without window calls (their arguments, PARTITION BY and ORDER BY). */
    Scope unwindowed() {
        return new Scope(entries, parent, grouping, noVariablesClause, withQueries);
    }

    /** Where subqueries bound in this scope find the row they are evaluated on. */
    public RowCell cell() {
        return cell;
    }

    public Map<String, WithQuery> withQueries() {
        return withQueries;
    }

    /** The WITH query of that name visible here (innermost first), or null. */
    public WithQuery withQuery(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            WithQuery w = s.withQueries.get(name);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    public int width() {
        int w = 0;
        for (ScopeEntry e : entries) {
            w = Math.max(w, e.offset() + e.width());
        }
        return w;
    }

    /** Starts recording which entries names resolve to; {@link #uses} returns them. */
    public void recordUses() {
        used = new BitSet();
    }

    public BitSet uses() {
        BitSet u = used;
        used = null;
        return u == null ? new BitSet() : u;
    }

    /** Grows each time a nested level's name resolves through this scope: a subquery is correlated if it grew. */
    public int referencedFromBelow() {
        return referencedFromBelow;
    }

    /** True when {@code name} (optionally with a schema) names a FROM entry of this level. */
    public boolean matches(String schemaName, String name) {
        return entryNamed(schemaName, name) >= 0;
    }

    private int entryNamed(String schemaName, String name) {
        for (int i = 0; i < entries.size(); i++) {
            ScopeEntry e = entries.get(i);
            if (name.equals(e.qualifier()) && (schemaName == null || schemaName.equals(e.schema()))) {
                return i;
            }
        }
        return -1;
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
        BoundExpr found = lookUp(schemaName, tableName, column, position);
        if (found != null) {
            return found;
        }
        if (tableName != null) {
            throw missingEntry(schemaName, tableName, position);
        }
        throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist", column).withPosition(position);
    }

    private DbException missingEntry(String schemaName, String tableName, int position) {
        for (Scope s = this; s != null; s = s.parent) {
            for (ScopeEntry e : s.entries) {
                if (tableName.equals(e.relation()) && schemaName == null) {
                    return DbException.of(SqlState.UNDEFINED_TABLE,
                            "invalid reference to FROM-clause entry for table \"%s\"", tableName).withPosition(position)
                            .withHint("Perhaps you meant to reference the table alias \"" + e.qualifier() + "\".");
                }
            }
        }
        return DbException.of(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"%s\"", tableName)
                .withPosition(position);
    }

    /** This level, then the enclosing ones; null if no level has the name. */
    private BoundExpr lookUp(String schemaName, String tableName, String column, int position) {
        BoundExpr here = grouping != null ? grouping.resolveColumn(schemaName, tableName, column, position)
                : resolveHere(schemaName, tableName, column, position);
        if (here != null || parent == null) {
            return here;
        }
        BoundExpr outer = parent.lookUp(schemaName, tableName, column, position);
        if (outer == null) {
            return null;
        }
        parent.referencedFromBelow++;
        if (outer instanceof ColumnRef ref) {
            return new OuterRef(parent.cell, ref.index(), ref.dataType(), ref.name());
        }
        return outer; // already an OuterRef of a level further out
    }

    /** A column of this level's entries, or null. */
    BoundExpr resolveHere(String schemaName, String tableName, String column, int position) {
        if (tableName != null) {
            int e = entryNamed(schemaName, tableName);
            if (e < 0) {
                return null;
            }
            ScopeEntry entry = entries.get(e);
            int index = entry.find(column, true);
            if (index == -2) {
                throw ambiguous(column, position);
            }
            if (index < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column %s.%s does not exist", tableName, column)
                        .withPosition(position);
            }
            return use(e, entry, index);
        }
        BoundExpr found = null;
        for (int e = 0; e < entries.size(); e++) {
            ScopeEntry entry = entries.get(e);
            int index = entry.find(column, false);
            if (index == -2 || (index >= 0 && found != null)) {
                throw ambiguous(column, position);
            }
            if (index >= 0) {
                found = use(e, entry, index);
            }
        }
        return found;
    }

    private BoundExpr use(int e, ScopeEntry entry, int index) {
        if (used != null) {
            used.set(e);
        }
        return new ColumnRef(entry.offset() + index, entry.types().get(index), entry.names().get(index));
    }

    private static DbException ambiguous(String column, int position) {
        return DbException.of(SqlState.AMBIGUOUS_COLUMN, "column reference \"%s\" is ambiguous", column)
                .withPosition(position);
    }
}
