package org.rustydb.example.functions.internal;

import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/**
 * {@code example_reverse(text) -> text}: the characters in reverse order. A surrogate pair stays
 * one character, as PostgreSQL's reverse() treats a multi-byte character as one.
 */
public final class ExampleReverse implements SqlFunction {
    @Override
    public String name() {
        return "example_reverse";
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
        return new StringBuilder((String) arguments[0]).reverse().toString();
    }
}
