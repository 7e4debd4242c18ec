package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.DataType;

/** A column of an enclosing query's current row, in a correlated subquery. */
public record OuterRef(RowCell cell, int index, DataType dataType, String name) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
        return cell.row()[index];
    }
}
