package org.rustydb.execution.internal.function;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/** A strict built-in scalar function with one signature, computed by a Java function. */
public final class BuiltinFunction implements SqlFunction {
    private final String name;
    private final List<SqlType> parameterTypes;
    private final SqlType returnType;
    private final Function<Object[], Object> body;

    public BuiltinFunction(String name, List<SqlType> parameterTypes, SqlType returnType,
                           Function<Object[], Object> body) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameterTypes = List.copyOf(parameterTypes);
        this.returnType = Objects.requireNonNull(returnType, "returnType");
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SqlType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public SqlType returnType() {
        return returnType;
    }

    @Override
    public Object invoke(Object[] arguments) {
        return body.apply(arguments);
    }

    @Override
    public String toString() {
        return name + "(" + parameterTypes.stream().map(SqlType::sqlName).collect(Collectors.joining(", ")) + ") -> "
                + returnType.sqlName();
    }
}
