package org.rustydb.execution.internal.binder;

import java.util.ArrayList;

import org.rustydb.spi.security.Privilege;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeSide;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.update.UpdateSet;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.security.Privilege;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.LockMode;

/** Binds MERGE INTO target USING source ON ... WHEN [NOT] MATCHED [AND ...] THEN UPDATE | DELETE | INSERT. */
public final class MergeBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final DmlBinder dml;

    public MergeBinder(BindContext ctx) {
        this.ctx = ctx;
        this.binder = new ExpressionBinder(ctx);
        this.dml = new DmlBinder(ctx);
    }

    public BoundMerge bind(Merge merge) {
        if (merge.getReturningClause() != null || merge.getOutputClause() != null) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"RETURNING\"");
        }
        if (merge.getWithItemsList() != null && !merge.getWithItemsList().isEmpty()) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "WITH in MERGE is not supported yet");
        }
        if (Catalog.findRelation(ctx, merge.getTable()) instanceof org.rustydb.spi.storage.ViewHandle view) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot execute MERGE on relation \"%s\"",
                    view.definition().name()).withDetail("This operation is not supported for views.");
        }
        TableHandle table = TableLocking.lock(ctx, Catalog.require(ctx, merge.getTable()), LockMode.ROW_EXCLUSIVE);
        TableDefinition def = table.definition();
        net.sf.jsqlparser.statement.select.FromItem sourceItem = merge.getFromItem();
        if (sourceItem == null && merge.getUsingTable() != null) {
            sourceItem = merge.getUsingTable();
        }
        FromBinder.Bound source = new FromBinder(ctx, binder, new QueryBinder(ctx, binder), null, Map.of())
                .bind(sourceItem, null, null, null);
        Scope scope = DmlClauses.combined(DmlClauses.targetEntry(table, merge.getTable()), source);
        BoundExpr on = binder.condition(merge.getOnCondition(), scope, "MERGE ON");
        List<BoundMerge.Action> matched = new ArrayList<>();
        List<BoundMerge.Action> notMatched = new ArrayList<>();
        for (MergeOperation op : merge.getOperations()) {
            if (op instanceof MergeUpdate u) {
                if (u.getWhereCondition() != null || u.getDeleteWhereCondition() != null) {
                    throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"WHERE\"");
                }
                matched(u.getSide());
                matched.add(update(u, def, scope));
            } else if (op instanceof MergeDelete d) {
                matched(d.getSide());
                matched.add(new BoundMerge.Action(BoundMerge.Kind.DELETE, condition(d.getAndPredicate(), scope),
                        new int[0], List.of()));
            } else if (op instanceof MergeInsert i) {
                notMatched.add(insert(i, def, scope));
            } else {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "this MERGE action is not supported yet");
            }
        }
        BoundMerge bound = new BoundMerge(table, source.plan(), on, matched, notMatched);
        recordAccess(def, bound);
        return bound;
    }

    /**
     * The privileges PostgreSQL asks of the target: SELECT on the columns the join condition, the
     * WHEN conditions and the values read (the target's columns come first in their scope), UPDATE on
     * those set, INSERT on those inserted (any column for DEFAULT VALUES) and DELETE on the table.
     */
    private void recordAccess(TableDefinition def, BoundMerge merge) {
        List<BoundExpr> reads = new ArrayList<>();
        reads.add(merge.on());
        java.util.BitSet updated = null;
        java.util.BitSet inserted = null;
        boolean deletes = false;
        for (BoundMerge.Action a : concat(merge.matched(), merge.notMatched())) {
            if (a.condition() != null) {
                reads.add(a.condition());
            }
            reads.addAll(a.values());
            java.util.BitSet written = new java.util.BitSet();
            for (int t : a.targets()) {
                written.set(t);
            }
            switch (a.kind()) {
                case UPDATE -> updated = or(updated, written);
                case INSERT -> inserted = or(inserted, written);
                case DELETE -> deletes = true;
            }
        }
        List<String> all = def.columns().stream().map(org.rustydb.spi.storage.ColumnDefinition::name).toList();
        java.util.BitSet read = org.rustydb.execution.internal.plan.ScanColumns.columnsRead(reads);
        List<String> selected = read == null ? all
                : read.stream().filter(i -> i < all.size()).mapToObj(all::get).toList();
        if (!selected.isEmpty()) {
            access(def, Privilege.SELECT, selected);
        }
        if (updated != null) {
            access(def, Privilege.UPDATE, updated.stream().mapToObj(all::get).toList());
        }
        if (inserted != null) {
            access(def, Privilege.INSERT, inserted.stream().mapToObj(all::get).toList());
        }
        if (deletes) {
            access(def, Privilege.DELETE, List.of());
        }
    }

    private void access(TableDefinition def, Privilege privilege, List<String> columns) {
        ctx.dependencies().access(new PlanDependencies.Access(org.rustydb.spi.security.ObjectRef.relation(def.schema(),
                def.name()), "table", def.name(), privilege.bit(), columns, null, null));
    }

    private static java.util.BitSet or(java.util.BitSet a, java.util.BitSet b) {
        if (a == null) {
            return b;
        }
        a.or(b);
        return a;
    }

    private static List<BoundMerge.Action> concat(List<BoundMerge.Action> a, List<BoundMerge.Action> b) {
        List<BoundMerge.Action> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void matched(MergeSide side) {
        if (side == MergeSide.SOURCE) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "WHEN NOT MATCHED BY SOURCE is not supported");
        }
    }

    private BoundExpr condition(Expression e, Scope scope) {
        return e == null ? null : binder.condition(e, scope, "WHEN");
    }

    private BoundMerge.Action update(MergeUpdate u, TableDefinition def, Scope scope) {
        List<Integer> targets = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (UpdateSet set : u.getUpdateSets()) {
            List<Column> columns = set.getColumns();
            List<Expression> exprs = new ArrayList<>(set.getValues());
            if (exprs.size() == 1 && columns.size() > 1 && exprs.get(0) instanceof ParenthesedExpressionList<?> p) {
                exprs = new ArrayList<>(p);
            }
            for (int i = 0; i < columns.size(); i++) {
                int at = column(def, columns.get(i));
                targets.add(at);
                values.add(dml.assignment(def.columns().get(at), exprs.get(i), scope));
            }
        }
        return new BoundMerge.Action(BoundMerge.Kind.UPDATE, condition(u.getAndPredicate(), scope),
                targets.stream().mapToInt(Integer::intValue).toArray(), values);
    }

    private BoundMerge.Action insert(MergeInsert i, TableDefinition def, Scope scope) {
        List<Integer> targets = new ArrayList<>();
        if (i.getColumns() != null && !i.getColumns().isEmpty()) {
            for (Column c : i.getColumns()) {
                targets.add(column(def, c));
            }
        } else {
            for (int c = 0; c < def.columns().size(); c++) {
                targets.add(c);
            }
        }
        List<Expression> exprs = new ArrayList<>();
        for (Expression e : i.getValues()) {
            exprs.add(e);
        }
        if (exprs.size() == 1 && exprs.get(0) instanceof ParenthesedExpressionList<?> p) {
            exprs = new ArrayList<>(p);
        }
        if (exprs.size() > targets.size()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
        }
        if (exprs.size() < targets.size() && i.getColumns() != null && !i.getColumns().isEmpty()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
        }
        List<BoundExpr> values = new ArrayList<>();
        for (int k = 0; k < exprs.size(); k++) {
            values.add(dml.assignment(def.columns().get(targets.get(k)), exprs.get(k), scope));
        }
        return new BoundMerge.Action(BoundMerge.Kind.INSERT, condition(i.getAndPredicate(), scope),
                targets.subList(0, exprs.size()).stream().mapToInt(Integer::intValue).toArray(), values);
    }

    private int column(TableDefinition def, Column c) {
        String name = Identifiers.name(c.getColumnName());
        int at = def.columnIndex(name);
        if (at < 0) {
            throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", name,
                    def.name()).withPosition(ctx.pos(c));
        }
        return at;
    }
}
