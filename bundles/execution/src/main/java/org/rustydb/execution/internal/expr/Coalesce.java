package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.DataType;

/** COALESCE: the first non-NULL argument, evaluating no further. */
public record Coalesce(List<BoundExpr> arguments, DataType dataType) implements BoundExpr {
    public Coalesce {
        arguments = List.copyOf(arguments);
    }

    @Override
    public Object eval(Object[] row) {
        for (BoundExpr e : arguments) {
            Object v = e.eval(row);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
