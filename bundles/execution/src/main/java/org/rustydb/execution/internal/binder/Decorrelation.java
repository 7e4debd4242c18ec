package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.exec.SubqueryExpr;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Turns WHERE conjuncts {@code [NOT] EXISTS (SELECT ... WHERE inner = outer ...)} and
 * {@code x [NOT] IN (SELECT y ...)} into hash semi and anti joins, so the subquery is read once
 * instead of once per row. The subquery must be a plain SELECT (no grouping, aggregates, window
 * functions, LIMIT or DISTINCT ON) whose WHERE reads the enclosing row only in equalities between
 * an expression of its own columns and one of the enclosing row's: those become the join keys, the
 * other conjuncts stay in the subquery. Anything else stays a subquery expression, evaluated as a
 * filter over the joined rows, with the same result.
 *
 * <p>NULLs: a NULL key matches nothing, which is what {@code =} means for EXISTS and IN. NOT IN
 * differs (a NULL among the subquery's values, or a NULL x, makes it NULL, never true, unless the
 * subquery is empty), so an uncorrelated NOT IN becomes an anti join followed by the filter
 * {@code subquery is empty OR (x IS NOT NULL AND no value is NULL)}, both subqueries run once; a
 * correlated NOT IN stays a subquery.
 */
final class Decorrelation {
    /** A conjunct taken: EXISTS (left null) or IN, negated or not, over a plain SELECT. */
    private record Candidate(Expression condition, Expression left, boolean negated, PlainSelect select) {
    }

    /**
     * The subquery's FROM bound over the enclosing row with the WHERE conjuncts that stay inside
     * ({@code where}), and the keys of the equalities that link it to the row.
     */
    private record Inner(PlanNode plan, Expression where, List<BoundExpr> outerKeys, List<BoundExpr> innerKeys) {
    }

    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final QueryBinder queries;
    private final Map<String, WithQuery> with;
    private final List<Candidate> taken = new ArrayList<>();

    Decorrelation(BindContext ctx, ExpressionBinder binder, QueryBinder queries, Map<String, WithQuery> with) {
        this.ctx = ctx;
        this.binder = binder;
        this.queries = queries;
        this.with = with;
    }

    /** Removes from {@code conditions} the conjuncts that may become joins; {@link #apply} places them. */
    void take(List<Expression> conditions) {
        conditions.removeIf(c -> {
            Candidate candidate = candidate(c);
            if (candidate != null) {
                taken.add(candidate);
            }
            return candidate != null;
        });
    }

    private static Candidate candidate(Expression c) {
        Expression e = c;
        boolean negated = false;
        while (e instanceof NotExpression n) {
            negated = !negated;
            e = n.getExpression();
        }
        Select select;
        Expression left = null;
        if (e instanceof ExistsExpression exists && exists.getRightExpression() instanceof Select s) {
            select = s;
            negated ^= exists.isNot();
        } else if (e instanceof InExpression in && in.getRightExpression() instanceof Select s
                && !(in.getLeftExpression() instanceof ExpressionList<?>)) {
            select = s;
            left = in.getLeftExpression();
            negated ^= in.isNot();
        } else {
            return null;
        }
        while (select instanceof ParenthesedSelect p && p.getWithItemsList() == null && p.getLimit() == null
                && p.getOffset() == null && p.getFetch() == null && p.getForMode() == null) {
            select = p.getSelect();
        }
        if (!(select instanceof PlainSelect ps) || ps.getFromItem() == null || ps.getGroupBy() != null
                || ps.getHaving() != null || ps.getWithItemsList() != null || ps.getLimit() != null
                || ps.getOffset() != null || ps.getFetch() != null || ps.getTop() != null || ps.getForMode() != null
                || ps.getIntoTables() != null || ps.getQualify() != null || ps.getWindowDefinitions() != null
                || (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null)) {
            return null;
        }
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression x = item.getExpression();
            if (AggregateFinder.firstAggregate(x) != null || AggregateFinder.firstWindow(x) != null) {
                return null; // EXISTS (SELECT count(*) ...) is always true: not a join
            }
        }
        if (left != null && (ps.getSelectItems().size() != 1 || ps.getSelectItems().get(0).getExpression()
                instanceof AllColumns)) {
            return null;
        }
        return new Candidate(c, left, negated, ps);
    }

    /**
     * The plan with the taken conjuncts applied: a semi or anti join where the subquery allows,
     * else a filter; {@code scope} describes the plan's rows.
     */
    PlanNode apply(PlanNode plan, Scope scope) {
        for (Candidate c : taken) {
            PlanNode joined = null;
            try {
                joined = join(plan, scope, c);
            } catch (DbException e) {
                joined = null; // bound again as a subquery below, which reports the error as it should
            }
            plan = joined != null ? joined : new PlanNode.Filter(plan, binder.condition(c.condition(), scope, "WHERE"));
        }
        return plan;
    }

    private PlanNode join(PlanNode plan, Scope scope, Candidate c) {
        Inner inner = inner(scope, c);
        if (inner == null) {
            return null;
        }
        if (c.left() == null) {
            if (inner.outerKeys().isEmpty()) {
                return null; // not correlated by an equality: run once as it is
            }
            return new PlanNode.Join(c.negated() ? JoinKind.ANTI : JoinKind.SEMI, plan, inner.plan(),
                    inner.outerKeys(), inner.innerKeys(), null);
        }
        boolean notIn = c.negated();
        if (notIn && !inner.outerKeys().isEmpty()) {
            return null; // NULL semantics per outer row: left as a subquery
        }
        Inner values = withValue(scope, c, inner);
        if (values == null) {
            return null;
        }
        PlanNode join = new PlanNode.Join(notIn ? JoinKind.ANTI : JoinKind.SEMI, plan, values.plan(),
                values.outerKeys(), values.innerKeys(), null);
        if (!notIn) {
            return join;
        }
        // x NOT IN (s) holds when s is empty, or when x is not NULL, s has no NULL and no match (the anti join);
        // each use of s gets a plan of its own, as plans keep per-execution state
        Inner again = withValue(scope, c, inner);
        BoundExpr value = again.innerKeys().get(again.innerKeys().size() - 1);
        BoundExpr hasNull = exists(new PlanNode.Filter(again.plan(), new Logic.IsNull(value, false)), scope);
        BoundExpr empty = new Logic.Not(exists(bindFrom(scope, c.select(), inner.where()).plan(), scope));
        BoundExpr x = values.outerKeys().get(values.outerKeys().size() - 1);
        BoundExpr keep = Logic.or(List.of(empty,
                Logic.and(List.of(new Logic.IsNull(x, true), new Logic.Not(hasNull)))));
        return new PlanNode.Filter(join, keep);
    }

    private BoundExpr exists(PlanNode plan, Scope scope) {
        return new SubqueryExpr(SubqueryExpr.Kind.EXISTS, plan, scope.cell(), false, null, null, DataType.BOOLEAN,
                ctx.session(), ctx.transaction());
    }

    /**
     * A fresh plan of the subquery with the IN's value and the subquery's column as one more pair
     * of keys; null if the column reads the enclosing row.
     */
    private Inner withValue(Scope scope, Candidate c, Inner inner) {
        Expression column = c.select().getSelectItems().get(0).getExpression();
        if (QueryBinder.containsSubquery(column)) {
            return null;
        }
        FromBinder.Bound from = bindFrom(scope, c.select(), inner.where());
        BoundExpr[] y = new BoundExpr[1];
        if (readsRow(scope, () -> y[0] = binder.bind(column, from.scope()))) {
            return null;
        }
        BoundExpr x = binder.bind(c.left(), scope);
        List<BoundExpr> outerKeys = new ArrayList<>(inner.outerKeys());
        List<BoundExpr> innerKeys = new ArrayList<>(inner.innerKeys());
        if (!addKeys(x, y[0], ctx.source().operatorPosition(c.left()), outerKeys, innerKeys)) {
            return null;
        }
        return new Inner(from.plan(), inner.where(), outerKeys, innerKeys);
    }

    /** The subquery's FROM with the WHERE conjuncts that do not read the enclosing row. */
    private FromBinder.Bound bindFrom(Scope scope, PlainSelect select, Expression where) {
        return new FromBinder(ctx, binder, queries, scope, with).bind(select.getFromItem(), select.getJoins(), where,
                null);
    }

    /**
     * Splits the subquery's WHERE into the conjuncts that stay inside and the equalities that link
     * it to the enclosing row; null when the subquery reads the row in any other way.
     */
    private Inner inner(Scope scope, Candidate c) {
        PlainSelect select = c.select();
        FromBinder.Bound[] fromOnly = new FromBinder.Bound[1];
        if (readsRow(scope, () -> fromOnly[0] = bindFrom(scope, select, null))) {
            return null; // a FROM item reads the enclosing row
        }
        Scope innerScope = fromOnly[0].scope();
        List<Expression> conjuncts = new ArrayList<>();
        if (select.getWhere() != null) {
            FromBinder.conjuncts(select.getWhere(), conjuncts);
        }
        Expression where = null;
        List<Expression[]> links = new ArrayList<>(); // {inner side, outer side}
        for (Expression conjunct : conjuncts) {
            if (!readsRow(scope, () -> binder.condition(conjunct, innerScope, "WHERE"))) {
                where = where == null ? conjunct : new AndExpression(where, conjunct);
                continue;
            }
            if (!(conjunct instanceof EqualsTo eq) || QueryBinder.containsSubquery(conjunct)) {
                return null;
            }
            Expression a = eq.getLeftExpression();
            Expression b = eq.getRightExpression();
            if (innerOnly(scope, innerScope, a) && outerOnly(scope, innerScope, b)) {
                links.add(new Expression[] {a, b});
            } else if (innerOnly(scope, innerScope, b) && outerOnly(scope, innerScope, a)) {
                links.add(new Expression[] {b, a});
            } else {
                return null;
            }
        }
        if (c.left() == null) {
            // the select list of EXISTS is not evaluated, but its names must exist
            for (SelectItem<?> item : select.getSelectItems()) {
                if (!(item.getExpression() instanceof AllColumns)
                        && readsRow(scope, () -> binder.bind(item.getExpression(), innerScope))) {
                    return null;
                }
            }
        }
        FromBinder.Bound from = bindFrom(scope, select, where);
        List<BoundExpr> outerKeys = new ArrayList<>();
        List<BoundExpr> innerKeys = new ArrayList<>();
        for (Expression[] link : links) {
            BoundExpr in = binder.bind(link[0], from.scope());
            BoundExpr out = binder.bind(link[1], scope);
            if (!addKeys(out, in, ctx.source().operatorPosition(link[0]), outerKeys, innerKeys)) {
                return null;
            }
        }
        return new Inner(from.plan(), where, outerKeys, innerKeys);
    }

    /**
     * Adds {@code outer = inner} as a pair of hash keys, both of one type so that equal values hash
     * alike (a bigint and a numeric 10 would not); false for types whose equality is not the hash
     * key's (char(n) ignores padding, json has none).
     */
    private boolean addKeys(BoundExpr outer, BoundExpr inner, int position, List<BoundExpr> outerKeys,
                            List<BoundExpr> innerKeys) {
        Comparison eq = (Comparison) binder.operators().compare(Comparison.Op.EQ, outer, inner, position);
        BoundExpr l = eq.left();
        BoundExpr r = eq.right();
        SqlType a = l.dataType().type();
        SqlType b = r.dataType().type();
        if (a == SqlType.CHAR || a == SqlType.JSON || a == SqlType.JSONB || a == SqlType.UNKNOWN
                || b == SqlType.CHAR || b == SqlType.JSON || b == SqlType.JSONB || b == SqlType.UNKNOWN) {
            return false;
        }
        if (a != b) {
            if (a.isNumeric() && b.isNumeric()) {
                DataType common = Coercions.commonType(List.of(l, r), "IN", List.of(position, position));
                l = Coercions.coerce(l, common, Casts.Context.IMPLICIT);
                r = Coercions.coerce(r, common, Casts.Context.IMPLICIT);
            } else if (!(a.isString() && b.isString())) {
                return false;
            }
        }
        outerKeys.add(l);
        innerKeys.add(r);
        return true;
    }

    /** Whether binding reads the enclosing level's row (directly, not only levels further out). */
    private static boolean readsRow(Scope scope, Runnable bind) {
        scope.recordUses();
        try {
            bind.run();
        } catch (RuntimeException e) {
            scope.uses();
            throw e;
        }
        return !scope.uses().isEmpty();
    }

    private boolean innerOnly(Scope scope, Scope innerScope, Expression e) {
        innerScope.recordUses();
        boolean readsRow = readsRow(scope, () -> binder.bind(e, innerScope));
        return !readsRow && !innerScope.uses().isEmpty();
    }

    private boolean outerOnly(Scope scope, Scope innerScope, Expression e) {
        innerScope.recordUses();
        boolean readsRow = readsRow(scope, () -> binder.bind(e, innerScope));
        return readsRow && innerScope.uses().isEmpty();
    }
}
