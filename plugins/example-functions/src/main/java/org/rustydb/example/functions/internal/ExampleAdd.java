package org.rustydb.example.functions.internal;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/**
 * {@code example_add(integer, integer) -> integer}: the sum, failing as PostgreSQL's integer
 * addition does when it leaves the 32-bit range.
 */
public final class ExampleAdd implements SqlFunction {
    @Override
    public String name() {
        return "example_add";
    }

    @Override
    public List<SqlType> parameterTypes() {
        return List.of(SqlType.INTEGER, SqlType.INTEGER);
    }

    @Override
    public SqlType returnType() {
        return SqlType.INTEGER;
    }

    @Override
    public Object invoke(Object[] arguments) {
        try {
            return Math.addExact((Integer) arguments[0], (Integer) arguments[1]);
        } catch (ArithmeticException e) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
    }
}
