package org.rustydb.execution.internal.binder;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import org.rustydb.execution.internal.parser.Identifiers;

/**
 * Finds aggregate calls (and window functions) in a parsed expression, not looking into
 * subqueries, which aggregate on their own level.
 */
final class AggregateFinder {
    private AggregateFinder() {
    }

    /** The first aggregate call in {@code e}, or null. */
    static Expression firstAggregate(Expression e) {
        return find(e, false);
    }

    /** The first window function call (OVER) in {@code e}, or null. */
    static Expression firstWindow(Expression e) {
        return find(e, true);
    }

    private static Expression find(Expression e, boolean windows) {
        if (e == null) {
            return null;
        }
        Expression[] found = new Expression[1];
        e.accept(new ExpressionWalker() {
            @Override
            public <S> Void visit(Function f, S context) {
                if (!windows && found[0] == null && isAggregateName(f.getName())) {
                    found[0] = f;
                }
                return super.visit(f, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                boolean window = a.getType() != net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY;
                if (found[0] == null && window == windows) {
                    found[0] = a;
                }
                return null;
            }
        }, null);
        return found[0];
    }

    static boolean isAggregateName(String name) {
        return name != null && !name.contains(".") && FunctionBinder.AGGREGATES.contains(Identifiers.name(name));
    }
}
