package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.execution.internal.types.DataType;

/** GREATEST or LEAST: the largest (smallest) non-NULL argument; NULL only when all are NULL. */
public record Greatest(List<BoundExpr> arguments, DataType dataType, boolean greatest) implements BoundExpr {
    public Greatest {
        arguments = List.copyOf(arguments);
    }

    @Override
    public Object eval(Object[] row) {
        Object best = null;
        for (BoundExpr e : arguments) {
            Object v = e.eval(row);
            if (v == null) {
                continue;
            }
            if (best == null) {
                best = v;
            } else {
                int c = Comparisons.compare(v, best);
                if (greatest ? c > 0 : c < 0) {
                    best = v;
                }
            }
        }
        return best;
    }
}
