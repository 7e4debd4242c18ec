package org.rustydb.execution.internal.expr;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/**
 * Parameter $n of a generic plan: its value is the current execution's, read from the slots. It
 * stays fixed while the plan runs, so an index range can be computed from it when a scan opens.
 *
 * @param position where $n is in the SQL text, for errors, or 0
 */
public record Parameter(ParameterSlots slots, int number, DataType dataType, int position) implements BoundExpr {

    public boolean isUnknown() {
        return dataType.type() == SqlType.UNKNOWN;
    }

    /** This parameter with the type a context gives it, which becomes its type from now on. */
    public Parameter resolve(DataType type) {
        return new Parameter(slots, number, slots.resolve(number, type, position), position);
    }

    @Override
    public Object eval(Object[] row) {
        return slots.value(number);
    }
}
