package org.rustydb.execution.internal.expr;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.function.SqlFunction;

/** A call of a registered SQL function; arguments already have its parameter types. */
public record FunctionCall(SqlFunction function, List<BoundExpr> arguments, DataType dataType) implements BoundExpr {
    public FunctionCall {
        arguments = List.copyOf(arguments);
    }

    @Override
    public Object eval(Object[] row) {
        Object[] values = new Object[arguments.size()];
        boolean strict = function.isStrict();
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(row);
            if (values[i] == null && strict) {
                return null;
            }
        }
        Object result;
        try {
            result = function.invoke(values);
        } catch (DbException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DbException.of(SqlState.INTERNAL_ERROR, "function %s failed: %s", function.name(), e)
                    .withCause(e);
        }
        if (result != null && !dataType.type().javaClass().isInstance(result)) {
            throw DbException.of(SqlState.INTERNAL_ERROR, "function %s returned a %s instead of %s", function.name(),
                    result.getClass().getSimpleName(), dataType.type().sqlName());
        }
        return result;
    }
}
