package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/** A conversion to another type; {@code explicit} is false for implicit and assignment casts. */
public record CastExpr(BoundExpr input, DataType dataType, boolean explicit) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        return Casts.convert(input.eval(row), input.type(), dataType, explicit);
    }
}
