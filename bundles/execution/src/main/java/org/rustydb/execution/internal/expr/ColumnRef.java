package org.rustydb.execution.internal.expr;

import org.rustydb.execution.internal.types.DataType;

/** A column of the input row. */
public record ColumnRef(int index, DataType dataType, String name) implements InputColumn {
    @Override
    public int inputColumn() {
        return index;
    }

    @Override
    public Object eval(Object[] row) {
        return row[index];
    }
}
