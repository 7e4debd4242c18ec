package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * The || operator on text; a non-string operand is cast to text first (so a boolean gives true or
 * false), as PostgreSQL's anytextcat/textanycat do. NULL if either is NULL.
 */
public record Concat(BoundExpr left, BoundExpr right) implements BoundExpr {
    @Override
    public DataType dataType() {
        return DataType.TEXT;
    }

    @Override
    public Object eval(Object[] row) {
        Object a = left.eval(row);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row);
        if (b == null) {
            return null;
        }
        return Casts.toText(a, left.type()) + Casts.toText(b, right.type());
    }
}
