package org.rustydb.execution.internal.function;

import org.rustydb.execution.internal.types.Casts;

/**
 * The two text forms of a value: what a cast to text gives (booleans as true/false, as || and
 * quote_literal use) and what the type's output function gives (booleans as t/f, as concat and
 * format print them).
 */
public final class TextOutput {
    private TextOutput() {
    }

    /** {@code value::text}. */
    public static String cast(Object value) {
        return value instanceof String s ? s : Casts.toText(value);
    }

    /** The type's output function. */
    public static String output(Object value) {
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        return cast(value);
    }
}
