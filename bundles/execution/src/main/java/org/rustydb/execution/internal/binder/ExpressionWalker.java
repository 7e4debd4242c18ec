package org.rustydb.execution.internal.binder;

import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.TrimFunction;

/**
 * JSqlParser's visitor adapter, made safe for the parts of expressions that may be absent
 * ({@code trim(from x)} has no characters to trim), for walks that look for subqueries and calls.
 */
class ExpressionWalker extends ExpressionVisitorAdapter<Void> {
    @Override
    public <S> Void visit(TrimFunction trim, S context) {
        if (trim.getExpression() != null) {
            trim.getExpression().accept(this, context);
        }
        if (trim.getFromExpression() != null) {
            trim.getFromExpression().accept(this, context);
        }
        return null;
    }
}
