package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.execution.internal.types.DataType;

/** x [NOT] IN (a, b, ...): true on a match, else NULL if x or any item is NULL, else false. */
public record InList(BoundExpr value, List<BoundExpr> items, boolean negated) implements BoundExpr {
    public InList {
        items = List.copyOf(items);
    }

    @Override
    public DataType dataType() {
        return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
        Object v = value.eval(row);
        if (v == null) {
            return null;
        }
        boolean sawNull = false;
        for (BoundExpr item : items) {
            Object x = item.eval(row);
            if (x == null) {
                sawNull = true;
            } else if (Comparisons.equal(v, x)) {
                return !negated;
            }
        }
        return sawNull ? null : negated;
    }
}
