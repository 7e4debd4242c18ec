package org.rustydb.execution.internal.binder;

import java.util.List;

import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import org.rustydb.execution.internal.parser.Identifiers;

/**
 * The names PostgreSQL gives unnamed result columns (its FigureColname): a column keeps its name,
 * a function call takes the function's name, CASE is {@code case}, a cast takes the type's name
 * unless its argument has a name of its own, and anything else is {@code ?column?}.
 */
public final class ColumnNames {
    public static final String ANONYMOUS = "?column?";

    private ColumnNames() {
    }

    public static String figure(Expression e) {
        Named n = figureInternal(e);
        return n == null ? ANONYMOUS : n.name();
    }

    private record Named(String name, int strength) {
    }

    private static Named figureInternal(Expression e) {
        if (e instanceof Column c) {
            return new Named(Identifiers.name(c.getColumnName()), 2);
        }
        if (e instanceof Function f) {
            List<String> parts = f.getMultipartName();
            String name = parts == null || parts.isEmpty() ? f.getName() : parts.get(parts.size() - 1);
            return new Named(Identifiers.name(name), 2);
        }
        if (e instanceof net.sf.jsqlparser.expression.RowGetExpression r) {
            return new Named(Identifiers.name(r.getColumnName()), 2);
        }
        if (e instanceof CaseExpression) {
            return new Named("case", 1);
        }
        if (e instanceof CastExpression c) {
            Named inner = figureInternal(c.getLeftExpression());
            if (inner != null && inner.strength() > 1) {
                return inner;
            }
            return new Named(CastBinder.columnName(c.getColDataType()), 1);
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return figureInternal(list.get(0));
        }
        return null;
    }
}
