package org.rustydb.execution.internal.expr;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/**
 * A constant. A string constant or NULL not yet given a type from context has type unknown and
 * keeps its text, as in PostgreSQL; the binder converts it once the context is known.
 *
 * @param position where the constant is in the SQL text (for conversion errors), or 0
 */
public record Literal(DataType dataType, Object value, int position) implements BoundExpr {

    public boolean isUnknown() {
        return dataType.type() == SqlType.UNKNOWN;
    }

    @Override
    public Object eval(Object[] row) {
        return value;
    }
}
