package org.rustydb.execution.internal.function;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/**
 * A built-in scalar function with one signature, computed by a Java function; strict (NULL in,
 * NULL out, without calling it) unless made with {@link #nonStrict}.
 */
public final class BuiltinFunction implements SqlFunction {
    private final String name;
    private final List<SqlType> parameterTypes;
    private final SqlType returnType;
    private final Function<Object[], Object> body;
    private final boolean strict;

    public BuiltinFunction(String name, List<SqlType> parameterTypes, SqlType returnType,
                           Function<Object[], Object> body) {
        this(name, parameterTypes, returnType, body, true);
    }

    private BuiltinFunction(String name, List<SqlType> parameterTypes, SqlType returnType,
                            Function<Object[], Object> body, boolean strict) {
        this.strict = strict;
        this.name = Objects.requireNonNull(name, "name");
        this.parameterTypes = List.copyOf(parameterTypes);
        this.returnType = Objects.requireNonNull(returnType, "returnType");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** A function that is called with NULL arguments too. */
    public static BuiltinFunction nonStrict(String name, List<SqlType> parameterTypes, SqlType returnType,
                                            Function<Object[], Object> body) {
        return new BuiltinFunction(name, parameterTypes, returnType, body, false);
    }

    @Override
    public boolean isStrict() {
        return strict;
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
