package org.rustydb.example.functions.internal;

import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/** {@code example_greet(text) -> text}: {@code Hello, <name>!}. */
public final class ExampleGreet implements SqlFunction {
    @Override
    public String name() {
        return "example_greet";
    }

    @Override
    public List<SqlType> parameterTypes() {
        return List.of(SqlType.TEXT);
    }

    @Override
    public SqlType returnType() {
        return SqlType.TEXT;
    }

    @Override
    public Object invoke(Object[] arguments) {
        return "Hello, " + arguments[0] + "!";
    }
}
