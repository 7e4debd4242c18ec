package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.UpdateSet;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;

/**
 * The clauses INSERT, UPDATE and DELETE have beyond their basics: RETURNING, ON CONFLICT,
 * UPDATE ... FROM and DELETE ... USING.
 */
final class DmlClauses {
    private final BindContext ctx;
    private final ExpressionBinder binder;

    DmlClauses(BindContext ctx, ExpressionBinder binder) {
        this.ctx = ctx;
        this.binder = binder;
    }

    /** RETURNING's list bound over the rows of {@code scope}, or null without one. */
    BoundDml.Returning returning(ReturningClause clause, Scope scope) {
        if (clause == null) {
            return null;
        }
        OutputBuilder out = new OutputBuilder(ctx, binder, scope);
        for (SelectItem<?> item : clause) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AllTableColumns) {
                String qualifier = e instanceof AllTableColumns t ? Identifiers.name(t.getTable().getName()) : null;
                boolean found = false;
                for (ScopeEntry entry : scope.entries()) {
                    if (qualifier == null || qualifier.equals(entry.qualifier())) {
                        found = true;
                        for (int i = 0; i < entry.width(); i++) {
                            BoundExpr ref = new org.rustydb.execution.internal.expr.ColumnRef(entry.offset() + i,
                                    entry.types().get(i), entry.names().get(i));
                            out.add(ref, new org.rustydb.api.Column(entry.names().get(i), ref.type(),
                                    ref.dataType().typmod()));
                        }
                    }
                }
                if (!found) {
                    throw DbException.of(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"%s\"",
                            qualifier).withPosition(ctx.pos(e));
                }
                continue;
            }
            BoundExpr bound = Coercions.resolveUnknown(binder.bind(e, scope));
            String name = item.getAlias() != null ? Identifiers.name(item.getAlias().getName()) : ColumnNames.figure(e);
            out.add(bound, new org.rustydb.api.Column(name, bound.type(), bound.dataType().typmod()));
        }
        return new BoundDml.Returning(out.exprs(), out.columns());
    }

    /** The FROM items of UPDATE ... FROM or DELETE ... USING, joined; null without any. */
    FromBinder.Bound extraItems(FromItem first, List<Join> joins) {
        if (first == null) {
            return null;
        }
        return new FromBinder(ctx, binder, new QueryBinder(ctx, binder), null, Map.of()).bind(first, joins, null,
                null);
    }

    /** The target's entry followed by the extra items', as the combined rows hold them. */
    static Scope combined(ScopeEntry target, FromBinder.Bound extra) {
        List<ScopeEntry> entries = new ArrayList<>();
        entries.add(target);
        for (ScopeEntry e : extra.scope().entries()) {
            entries.add(e.shifted(target.width()));
        }
        return Scope.nested(null, entries, Map.of());
    }

    static PlanNode plan(FromBinder.Bound extra) {
        return extra == null ? null : extra.plan();
    }

    /** ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE ...]. */
    BoundDml.Conflict conflict(Insert insert, TableHandle table, String alias, DmlBinder dml) {
        if (insert.getConflictAction() == null) {
            return null;
        }
        TableDefinition def = table.definition();
        IndexHandle index = conflictIndex(insert.getConflictTarget(), table);
        boolean update = insert.getConflictAction().getConflictActionType() == ConflictActionType.DO_UPDATE;
        if (!update) {
            return new BoundDml.Conflict(index, false, new int[0], List.of(), null);
        }
        if (index == null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification "
                    + "or constraint name").withHint("For example, ON CONFLICT (column_name).");
        }
        ScopeEntry existing = Scope.entryOf(def, alias);
        ScopeEntry excluded = new ScopeEntry("excluded", null, existing.names(), existing.types()).shifted(
                existing.width());
        Scope scope = Scope.nested(null, List.of(existing, excluded), Map.of());
        List<Integer> targets = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (UpdateSet set : insert.getConflictAction().getUpdateSets()) {
            List<Column> columns = set.getColumns();
            List<Expression> exprs = new ArrayList<>(set.getValues());
            if (exprs.size() == 1 && columns.size() > 1 && exprs.get(0) instanceof ParenthesedExpressionList<?> p) {
                exprs = new ArrayList<>(p);
            }
            for (int i = 0; i < columns.size(); i++) {
                String name = Identifiers.name(columns.get(i).getColumnName());
                int at = def.columnIndex(name);
                if (at < 0) {
                    throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                            name, def.name()).withPosition(ctx.pos(columns.get(i)));
                }
                targets.add(at);
                values.add(dml.assignment(def.columns().get(at), exprs.get(i), scope));
            }
        }
        Expression where = insert.getConflictAction().getWhereExpression();
        BoundExpr condition = where == null ? null : binder.condition(where, scope, "WHERE");
        return new BoundDml.Conflict(index, true, targets.stream().mapToInt(Integer::intValue).toArray(), values,
                condition);
    }

    /** The unique index the conflict target names (by its columns or its constraint name). */
    private IndexHandle conflictIndex(InsertConflictTarget target, TableHandle table) {
        if (target == null) {
            return null;
        }
        List<IndexHandle> indexes = ctx.session().storage().indexes(ctx.transaction(), table);
        ctx.dependencies().indexes(table, indexes);
        if (target.getConstraintName() != null) {
            String name = Identifiers.name(target.getConstraintName());
            for (IndexHandle i : indexes) {
                if (i.definition().name().equals(name) && i.definition().unique()) {
                    return i;
                }
            }
            throw DbException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" for table \"%s\" does not exist", name,
                    table.definition().name());
        }
        BitSet wanted = new BitSet();
        for (String c : target.getIndexColumnNames()) {
            int at = table.definition().columnIndex(Identifiers.name(c));
            if (at < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist", Identifiers.name(c));
            }
            wanted.set(at);
        }
        for (IndexHandle i : indexes) {
            BitSet has = new BitSet();
            i.definition().columns().forEach(has::set);
            if (i.definition().unique() && has.equals(wanted)) {
                return i;
            }
        }
        throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "there is no unique or exclusion constraint matching "
                + "the ON CONFLICT specification");
    }

    /** The target table's scope entry, under its alias when it has one. */
    static ScopeEntry targetEntry(TableHandle table, Table parsed) {
        return Scope.entryOf(table.definition(),
                parsed.getAlias() == null ? null : Identifiers.name(parsed.getAlias().getName()));
    }

    static ColumnDefinition column(TableDefinition def, int index) {
        return def.columns().get(index);
    }
}
