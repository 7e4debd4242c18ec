package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/** Binds INSERT, UPDATE and DELETE; values are converted to the column types as on assignment. */
public final class DmlBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final DmlClauses clauses;

    public DmlBinder(BindContext ctx) {
        this.ctx = ctx;
        this.binder = new ExpressionBinder(ctx);
        this.clauses = new DmlClauses(ctx, binder);
    }

    private DbException unsupported(String subject, Object node) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet").withPosition(ctx.pos(node));
    }

    /**
     * Records a privilege the statement needs on its target table: on the columns given, or (null)
     * on all of them when not held on the table, which is stricter than PostgreSQL's count of the
     * columns actually read by WHERE and RETURNING.
     */
    private void access(TableHandle table, org.rustydb.spi.security.Privilege privilege, List<String> columns) {
        TableDefinition def = table.definition();
        List<String> cols = columns != null ? columns
                : def.columns().stream().map(org.rustydb.spi.storage.ColumnDefinition::name).toList();
        ctx.dependencies().access(new PlanDependencies.Access(org.rustydb.spi.security.ObjectRef.relation(def.schema(),
                def.name()), "table", def.name(), privilege.bit(), List.copyOf(cols), null, null));
    }

    /**
     * SELECT on the target's columns that SET values, WHERE and RETURNING read (the target's
     * columns come first in their scope); all of them when that cannot be told.
     */
    private void readAccess(TableHandle table, List<BoundExpr> reads) {
        java.util.BitSet read = org.rustydb.execution.internal.plan.ScanColumns.columnsRead(reads);
        List<org.rustydb.spi.storage.ColumnDefinition> columns = table.definition().columns();
        if (read == null) {
            access(table, org.rustydb.spi.security.Privilege.SELECT, null);
            return;
        }
        List<String> names = read.stream().filter(i -> i < columns.size()).mapToObj(i -> columns.get(i).name())
                .toList();
        if (!names.isEmpty()) {
            access(table, org.rustydb.spi.security.Privilege.SELECT, names);
        }
    }

    public BoundDml.Insert bindInsert(Insert insert) {
        if (insert.getWithItemsList() != null && !insert.getWithItemsList().isEmpty()) {
            throw unsupported("WITH queries are", insert);
        }
        if (insert.getDuplicateUpdateSets() != null || insert.getSetUpdateSets() != null || insert.isModifierIgnore()
                || insert.isOverwrite()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error in INSERT");
        }
        TableHandle table = TableLocking.lock(ctx, Catalog.requireTarget(ctx, insert.getTable(), "insert into"), LockMode.ROW_EXCLUSIVE);
        TableDefinition def = table.definition();
        String alias = insert.getTable().getAlias() == null ? null : Identifiers.name(insert.getTable().getAlias().getName());
        BoundDml.Returning returning = clauses.returning(insert.getReturningClause(), Scope.of(def, alias));
        BoundDml.Conflict conflict = clauses.conflict(insert, table, alias, this);
        List<Integer> targets = new ArrayList<>();
        List<Column> targetColumns = insert.getColumns();
        boolean explicitColumns = targetColumns != null && !targetColumns.isEmpty();
        if (explicitColumns) {
            Set<Integer> seen = new HashSet<>();
            for (Column c : targetColumns) {
                int index = columnOf(def, c);
                if (!seen.add(index)) {
                    throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once",
                            def.columns().get(index).name()).withPosition(ctx.pos(c));
                }
                targets.add(index);
            }
        } else {
            for (int i = 0; i < def.columns().size(); i++) {
                targets.add(i);
            }
        }
        List<String> inserted = new ArrayList<>();
        targets.forEach(i -> inserted.add(def.columns().get(i).name()));
        access(table, org.rustydb.spi.security.Privilege.INSERT, inserted);
        List<BoundExpr> reads = new ArrayList<>();
        if (returning != null) {
            reads.addAll(returning.exprs());
        }
        if (conflict != null && conflict.update()) {
            List<String> updated = new ArrayList<>();
            for (int target : conflict.targets()) {
                updated.add(def.columns().get(target).name());
            }
            access(table, org.rustydb.spi.security.Privilege.UPDATE, updated);
            reads.addAll(conflict.values());
            if (conflict.where() != null) {
                reads.add(conflict.where());
            }
        }
        readAccess(table, reads);
        if (insert.isOnlyDefaultValues() || insert.getSelect() == null) {
            return withClauses(withDefaults(new BoundDml.Insert(table, new int[0], List.of(List.of()), null,
                    List.of(), null, null)), conflict, returning);
        }
        Select select = insert.getSelect();
        if (select instanceof Values values) {
            return withClauses(withDefaults(overriding(insert, bindValues(table, targets,
                    explicitColumns ? targetColumns : null, values), values)), conflict, returning);
        }
        int relationsBefore = ctx.dependencies().relations().size();
        BoundQuery query = new QueryBinder(ctx).bindInsertSource(select);
        boolean mayReadTarget = mayRead(ctx.dependencies().relations().subList(relationsBefore,
                ctx.dependencies().relations().size()), table);
        int width = query.columns().size();
        checkWidth(width, targets, explicitColumns ? targetColumns : null, select);
        List<BoundExpr> conversions = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            org.rustydb.api.Column out = query.columns().get(i);
            BoundExpr ref = new ColumnRef(i, new DataType(out.type(), out.typeModifier()), out.name());
            conversions.add(assign(def.columns().get(targets.get(i)), ref, select));
        }
        BoundDml.Insert bound = withClauses(withDefaults(overriding(insert, new BoundDml.Insert(table,
                toArray(targets.subList(0, width)), List.of(), query, conversions, null, null), null)), conflict, returning);
        return new BoundDml.Insert(bound.table(), bound.targets(), bound.rows(), bound.query(), bound.conversions(),
                bound.conflict(), bound.returning(), mayReadTarget);
    }

    /** True if one of the relations a query named is the table or a view (which may read it). */
    private static boolean mayRead(List<PlanDependencies.RelationUse> uses, TableHandle table) {
        TableDefinition target = table.definition();
        for (PlanDependencies.RelationUse use : uses) {
            if (!(use.handle() instanceof TableHandle other)) {
                return true;
            }
            TableDefinition def = other.definition();
            if (other.equals(table) || (def.schema().equals(target.schema()) && def.name().equals(target.name()))) {
                return true;
            }
        }
        return false;
    }

    private BoundDml.Insert bindValues(TableHandle table, List<Integer> targets, List<Column> targetColumns,
                                       Values values) {
        List<List<Expression>> rows = new ArrayList<>();
        ExpressionList<?> list = values.getExpressions();
        if (list instanceof ParenthesedExpressionList<?>) {
            rows.add(new ArrayList<>(list));
        } else {
            for (Expression row : list) {
                rows.add(row instanceof ParenthesedExpressionList<?> p ? new ArrayList<>(p) : List.of(row));
            }
        }
        int width = rows.get(0).size();
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).size() != width) {
                Expression at = rows.get(r).isEmpty() ? null : rows.get(r).get(0);
                throw DbException.of(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length")
                        .withPosition(ctx.pos(at));
            }
        }
        if (width > targets.size()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                    .withPosition(ctx.pos(rows.get(0).get(targets.size())));
        }
        checkWidth(width, targets, targetColumns, values);
        TableDefinition def = table.definition();
        List<List<BoundExpr>> bound = new ArrayList<>();
        for (List<Expression> row : rows) {
            List<BoundExpr> out = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                out.add(assignValue(def.columns().get(targets.get(i)), row.get(i)));
            }
            bound.add(out);
        }
        return new BoundDml.Insert(table, toArray(targets.subList(0, width)), bound, null, List.of(), null, null);
    }

    private void checkWidth(int width, List<Integer> targets, List<Column> targetColumns, Object node) {
        if (width > targets.size()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                    .withPosition(ctx.pos(node));
        }
        if (width < targets.size() && targetColumns != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions")
                    .withPosition(ctx.pos(targetColumns.get(width)));
        }
    }

    public BoundDml.Update bindUpdate(Update update) {
        if (update.getWithItemsList() != null && !update.getWithItemsList().isEmpty()) {
            throw unsupported("WITH queries are", update);
        }
        if (update.getStartJoins() != null && !update.getStartJoins().isEmpty()) {
            throw unsupported("joins in the UPDATE target are", update);
        }
        if (update.getOrderByElements() != null || update.getLimit() != null || update.getOutputClause() != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error in UPDATE");
        }
        TableHandle table = TableLocking.lock(ctx, Catalog.requireTarget(ctx, update.getTable(), "update"), LockMode.ROW_EXCLUSIVE);
        TableDefinition def = table.definition();
        FromBinder.Bound from = clauses.extraItems(update.getFromItem(), update.getJoins());
        Scope scope = from == null ? scopeOf(table, update.getTable().getAlias())
                : DmlClauses.combined(DmlClauses.targetEntry(table, update.getTable()), from);
        List<Integer> targets = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            List<Column> columns = set.getColumns();
            List<Expression> exprs = new ArrayList<>(set.getValues());
            if (exprs.size() == 1 && columns.size() > 1 && exprs.get(0) instanceof ParenthesedExpressionList<?> p) {
                exprs = new ArrayList<>(p);
            }
            if (exprs.size() != columns.size()) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "number of columns does not match number of values")
                        .withPosition(ctx.pos(columns.get(0)));
            }
            for (int i = 0; i < columns.size(); i++) {
                int index = columnOf(def, columns.get(i));
                if (targets.contains(index)) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"%s\"",
                            def.columns().get(index).name()).withPosition(ctx.pos(columns.get(i)));
                }
                targets.add(index);
                Expression e = exprs.get(i);
                values.add(isDefault(e) ? ColumnDefaults.bind(ctx, def.columns().get(index))
                        : assign(updatable(def.columns().get(index), columns.get(i)), binder.bind(e, scope), e));
            }
        }
        BoundExpr filter = update.getWhere() == null ? null : binder.condition(update.getWhere(), scope, "WHERE");
        List<String> updated = new ArrayList<>();
        targets.forEach(i -> updated.add(def.columns().get(i).name()));
        access(table, org.rustydb.spi.security.Privilege.UPDATE, updated);
        BoundDml.Returning returned = clauses.returning(update.getReturningClause(), scope);
        List<BoundExpr> reads = new ArrayList<>(values);
        if (filter != null) {
            reads.add(filter);
        }
        if (returned != null) {
            reads.addAll(returned.exprs());
        }
        readAccess(table, reads);
        return new BoundDml.Update(table, filter, toArray(targets), values, DmlClauses.plan(from), returned);
    }

    public BoundDml.Delete bindDelete(Delete delete) {
        if (delete.getWithItemsList() != null && !delete.getWithItemsList().isEmpty()) {
            throw unsupported("WITH queries are", delete);
        }
        if ((delete.getTables() != null && !delete.getTables().isEmpty()) || delete.getOrderByElements() != null
                || delete.getLimit() != null || delete.getOutputClause() != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error in DELETE");
        }
        TableHandle table = TableLocking.lock(ctx, Catalog.requireTarget(ctx, delete.getTable(), "delete from"), LockMode.ROW_EXCLUSIVE);
        FromBinder.Bound using = usingItems(delete);
        Scope scope = using == null ? scopeOf(table, delete.getTable().getAlias())
                : DmlClauses.combined(DmlClauses.targetEntry(table, delete.getTable()), using);
        BoundExpr filter = delete.getWhere() == null ? null : binder.condition(delete.getWhere(), scope, "WHERE");
        access(table, org.rustydb.spi.security.Privilege.DELETE, null);
        BoundDml.Returning returned = clauses.returning(delete.getReturningClause(), scope);
        List<BoundExpr> reads = new ArrayList<>();
        if (filter != null) {
            reads.add(filter);
        }
        if (returned != null) {
            reads.addAll(returned.exprs());
        }
        readAccess(table, reads);
        return new BoundDml.Delete(table, filter, DmlClauses.plan(using), returned);
    }

    /** DELETE ... USING a, b JOIN c ...: the items as one FROM clause. */
    private FromBinder.Bound usingItems(Delete delete) {
        List<net.sf.jsqlparser.statement.select.FromItem> items = delete.getUsingFromItemList();
        if (items == null || items.isEmpty()) {
            return null;
        }
        List<net.sf.jsqlparser.statement.select.Join> joins = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            net.sf.jsqlparser.statement.select.Join j = new net.sf.jsqlparser.statement.select.Join();
            j.setSimple(true);
            j.setRightItem(items.get(i));
            joins.add(j);
        }
        if (delete.getJoins() != null) {
            joins.addAll(delete.getJoins());
        }
        return clauses.extraItems(items.get(0), joins);
    }

    private static Scope scopeOf(TableHandle table, Alias alias) {
        return Scope.of(table.definition(), alias == null ? null : Identifiers.name(alias.getName()));
    }

    private int columnOf(TableDefinition def, Column c) {
        String name = Identifiers.name(c.getColumnName());
        int index = def.columnIndex(name);
        if (index < 0) {
            throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", name,
                    def.name()).withPosition(ctx.pos(c));
        }
        return index;
    }

    /** A value assigned to a column in a SET list, bound in {@code scope} (DEFAULT allowed). */
    BoundExpr assignment(ColumnDefinition column, Expression e, Scope scope) {
        return isDefault(e) ? ColumnDefaults.bind(ctx, column) : assign(column, binder.bind(e, scope), e);
    }

    private BoundExpr assignValue(ColumnDefinition column, Expression e) {
        if (isDefault(e)) {
            return new DefaultValue(ColumnDefaults.bind(ctx, column));
        }
        return assign(column, binder.bind(e, Scope.empty()), e);
    }

    private static boolean isDefault(Expression e) {
        return ColumnDefaults.isDefaultKeyword(e);
    }

    /** DEFAULT written in a VALUES list: marked so that identity columns accept it. */
    private record DefaultValue(BoundExpr value) implements BoundExpr {
        @Override
        public Object eval(Object[] row) {
            return value.eval(row);
        }

        @Override
        public DataType dataType() {
            return value.dataType();
        }
    }

    /**
     * Adds the columns an INSERT leaves out that have a DEFAULT (serial and identity columns
     * included), as values computed for each row; the others stay NULL.
     */
    /** The same insert with its ON CONFLICT and RETURNING clauses. */
    private static BoundDml.Insert withClauses(BoundDml.Insert insert, BoundDml.Conflict conflict,
                                               BoundDml.Returning returning) {
        return new BoundDml.Insert(insert.table(), insert.targets(), insert.rows(), insert.query(), insert.conversions(),
                conflict, returning);
    }

    private BoundDml.Insert withDefaults(BoundDml.Insert insert) {
        TableDefinition def = insert.table().definition();
        List<Integer> targets = new ArrayList<>();
        for (int t : insert.targets()) {
            targets.add(t);
        }
        List<Integer> added = new ArrayList<>();
        List<BoundExpr> defaults = new ArrayList<>();
        for (int i = 0; i < def.columns().size(); i++) {
            if (!targets.contains(i) && def.columns().get(i).defaultExpression() != null) {
                added.add(i);
                defaults.add(ColumnDefaults.bind(ctx, def.columns().get(i)));
            }
        }
        if (added.isEmpty()) {
            return insert;
        }
        targets.addAll(added);
        if (insert.query() != null) {
            List<BoundExpr> conversions = new ArrayList<>(insert.conversions());
            conversions.addAll(defaults);
            return new BoundDml.Insert(insert.table(), toArray(targets), List.of(), insert.query(), conversions, null,
                    null);
        }
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (List<BoundExpr> row : insert.rows()) {
            List<BoundExpr> extended = new ArrayList<>(row);
            extended.addAll(defaults);
            rows.add(extended);
        }
        return new BoundDml.Insert(insert.table(), toArray(targets), rows, null, List.of(), null, null);
    }

    /**
     * Identity columns in an INSERT's target list: GENERATED ALWAYS refuses a value other than
     * DEFAULT (428C9) unless OVERRIDING SYSTEM VALUE; OVERRIDING USER VALUE replaces the values given
     * for identity columns by their default. {@code values} is the VALUES list, or null for a query.
     */
    private BoundDml.Insert overriding(Insert insert, BoundDml.Insert bound, Values values) {
        TableDefinition def = bound.table().definition();
        Insert.OverridingMode mode = insert.getOverridingMode() == null ? Insert.OverridingMode.NONE
                : insert.getOverridingMode();
        int[] targets = bound.targets();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            ColumnDefinition column = def.columns().get(targets[i]);
            if (column.identity() == ColumnDefinition.Identity.NONE) {
                kept.add(i);
                continue;
            }
            if (mode == Insert.OverridingMode.USER) {
                continue; // the default is added back by withDefaults
            }
            if (column.identity() == ColumnDefinition.Identity.ALWAYS && mode != Insert.OverridingMode.SYSTEM) {
                int index = i;
                boolean allDefault = values != null
                        && bound.rows().stream().allMatch(r -> r.get(index) instanceof DefaultValue);
                if (!allDefault) {
                    throw DbException.of(SqlState.GENERATED_ALWAYS,
                                    "cannot insert a non-DEFAULT value into column \"%s\"", column.name())
                            .withDetail("Column \"" + column.name() + "\" is an identity column defined as GENERATED ALWAYS.")
                            .withHint("Use OVERRIDING SYSTEM VALUE to override.");
                }
            }
            kept.add(i);
        }
        if (kept.size() == targets.length) {
            return bound;
        }
        int[] newTargets = kept.stream().mapToInt(i -> targets[i]).toArray();
        if (bound.query() != null) {
            List<BoundExpr> conversions = kept.stream().map(i -> bound.conversions().get(i)).toList();
            return new BoundDml.Insert(bound.table(), newTargets, List.of(), bound.query(), conversions, null, null);
        }
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (List<BoundExpr> row : bound.rows()) {
            rows.add(kept.stream().map(row::get).toList());
        }
        return new BoundDml.Insert(bound.table(), newTargets, rows, null, List.of(), null, null);
    }

    /** An UPDATE target: an identity column GENERATED ALWAYS can only be set to DEFAULT (428C9). */
    private ColumnDefinition updatable(ColumnDefinition column, Column target) {
        if (column.identity() == ColumnDefinition.Identity.ALWAYS) {
            throw DbException.of(SqlState.GENERATED_ALWAYS, "column \"%s\" can only be updated to DEFAULT", column.name())
                    .withDetail("Column \"" + column.name() + "\" is an identity column defined as GENERATED ALWAYS.")
                    .withPosition(ctx.pos(target));
        }
        return column;
    }

    /** Converts a value to a column's type as an assignment, or fails with 42804. */
    private BoundExpr assign(ColumnDefinition column, BoundExpr value, Object node) {
        DataType target = new DataType(column.type(), column.typeModifier());
        BoundExpr converted = Coercions.coerce(value, target, Casts.Context.ASSIGNMENT);
        if (converted == null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH, "column \"%s\" is of type %s but expression is of type %s",
                            column.name(), target.displayName(), value.dataType().displayName())
                    .withHint("You will need to rewrite or cast the expression.")
                    .withPosition(ctx.pos(node));
        }
        return converted;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
