package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.DataType;

/**
 * {@code x op ANY (array)} and {@code x op ALL (array)}: {@code comparison} is bound over the row
 * {@code [x, element]}. ANY is true when some element compares true, ALL when every one does;
 * otherwise NULL if a comparison was NULL, else false (an empty array: false for ANY, true for ALL).
 */
public record ArrayQuantified(BoundExpr value, BoundExpr array, BoundExpr comparison, boolean all)
        implements BoundExpr {
    @Override
    public DataType dataType() {
        return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
        Object a = array.eval(row);
        if (a == null) {
            return null;
        }
        List<?> elements = (List<?>) a;
        if (elements.isEmpty()) {
            return all;
        }
        Object v = value.eval(row);
        boolean sawNull = false;
        Object[] pair = new Object[] {v, null};
        for (Object element : elements) {
            pair[1] = element;
            Object r = comparison.eval(pair);
            if (r == null) {
                sawNull = true;
            } else if ((Boolean) r != all) {
                return !all;
            }
        }
        return sawNull ? null : all;
    }
}
