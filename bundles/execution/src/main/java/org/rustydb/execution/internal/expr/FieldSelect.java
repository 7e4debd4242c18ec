package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.CompositeValue;
import org.rustydb.execution.internal.types.DataType;

/** {@code (composite).field}: the field at {@code index}; NULL when the composite is NULL. */
public record FieldSelect(BoundExpr composite, int index, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        Object value = composite.eval(row);
        return value == null ? null : ((CompositeValue) value).field(index);
    }
}
