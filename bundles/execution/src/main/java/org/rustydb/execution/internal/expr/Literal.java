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

    /** An integer constant: integer if it fits, else bigint, else numeric, as PostgreSQL types it. */
    public static Literal ofInteger(java.math.BigInteger value, int position) {
        if (value.bitLength() < 32) {
            return new Literal(DataType.INTEGER, value.intValue(), position);
        }
        if (value.bitLength() < 64) {
            return new Literal(DataType.BIGINT, value.longValue(), position);
        }
        return new Literal(DataType.NUMERIC, new java.math.BigDecimal(value), position);
    }

    public boolean isUnknown() {
        return dataType.type() == SqlType.UNKNOWN;
    }

    @Override
    public Object eval(Object[] row) {
        return value;
    }
}
