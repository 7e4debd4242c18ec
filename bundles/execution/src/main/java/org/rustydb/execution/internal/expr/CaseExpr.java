package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.execution.internal.types.DataType;

/** CASE WHEN c THEN r ... ELSE e END; a simple CASE is bound to conditions x = v. */
public record CaseExpr(List<When> whens, BoundExpr otherwise, DataType dataType) implements BoundExpr {

    public record When(BoundExpr condition, BoundExpr result) {
    }

    public CaseExpr {
        whens = List.copyOf(whens);
    }

    @Override
    public Object eval(Object[] row) {
        for (When w : whens) {
            if (Boolean.TRUE.equals(w.condition().eval(row))) {
                return w.result().eval(row);
            }
        }
        return otherwise == null ? null : otherwise.eval(row);
    }
}
