package org.rustydb.execution.internal.expr;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.DataType;

/**
 * A bound expression: names resolved, types checked, ready to evaluate against input rows.
 * Implementations are immutable and thread-safe.
 */
public interface BoundExpr {

    /** The type of the values {@link #eval} returns. */
    DataType dataType();

    default SqlType type() {
        return dataType().type();
    }

    /**
     * Evaluates the expression for one input row (the values of the FROM table, or an empty row).
     * Returns a value of {@link SqlType#javaClass()} of {@link #type()}, or null for SQL NULL.
     *
     * @throws org.rustydb.api.DbException for run-time errors such as division by zero
     */
    Object eval(Object[] row);
}
