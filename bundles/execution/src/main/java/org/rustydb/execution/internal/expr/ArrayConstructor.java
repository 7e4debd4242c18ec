package org.rustydb.execution.internal.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rustydb.execution.internal.types.DataType;

/** ARRAY[e1, e2, ...]: the elements, already converted to the element type, as a one-dimensional array. */
public record ArrayConstructor(List<BoundExpr> elements, DataType dataType) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        List<Object> values = new ArrayList<>(elements.size());
        for (BoundExpr e : elements) {
            values.add(e.eval(row));
        }
        return Collections.unmodifiableList(values);
    }
}
