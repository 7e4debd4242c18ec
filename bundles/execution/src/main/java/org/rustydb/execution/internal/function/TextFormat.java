package org.rustydb.execution.internal.function;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.Casts;

/**
 * The variadic text functions that take arguments of any type: format, concat and concat_ws.
 * Values print with their type's output function (a boolean as t or f).
 */
public final class TextFormat {
    private static final String SINGLE_PERCENT_HINT = "For a single \"%\" use \"%%\".";

    private TextFormat() {
    }

    /** concat: the text of every non-NULL argument, run together. */
    public static String concat(Object[] args) {
        StringBuilder out = new StringBuilder();
        for (Object a : args) {
            if (a != null) {
                out.append(TextOutput.output(a));
            }
        }
        return out.toString();
    }

    /** concat_ws: the non-NULL arguments after the first, separated by the first; NULL when it is NULL. */
    public static String concatWs(Object[] args) {
        if (args[0] == null) {
            return null;
        }
        String separator = TextOutput.output(args[0]);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int k = 1; k < args.length; k++) {
            if (args[k] != null) {
                if (!first) {
                    out.append(separator);
                }
                out.append(TextOutput.output(args[k]));
                first = false;
            }
        }
        return out.toString();
    }

    /**
     * format(formatstr, args...): %s, %I and %L with optional argument position ({@code n$}), '-'
     * flag and width (a number, {@code *} or {@code *n$}); %% is a percent sign. NULL when the format
     * is NULL.
     *
     * @param args the format string followed by the values
     */
    public static String format(Object[] args) {
        if (args[0] == null) {
            return null;
        }
        return new Parser(TextOutput.output(args[0]), args).run();
    }

    private static final class Parser {
        private final String f;
        private final Object[] args;
        private final StringBuilder out = new StringBuilder();
        private int i;
        /** The next argument to use; 1 is the first after the format string. */
        private int next = 1;
        private int argPos;
        private int widthPos;
        private boolean minus;
        private int width;

        Parser(String format, Object[] args) {
            this.f = format;
            this.args = args;
        }

        String run() {
            while (i < f.length()) {
                char c = f.charAt(i);
                if (c != '%') {
                    out.append(c);
                    i++;
                    continue;
                }
                advance();
                if (f.charAt(i) == '%') {
                    out.append('%');
                    i++;
                    continue;
                }
                parseSpec();
                char conversion = f.charAt(i);
                if ("sIL".indexOf(conversion) < 0) {
                    throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                            "unrecognized format() type specifier \"%s\"",
                            new String(Character.toChars(f.codePointAt(i)))).withHint(SINGLE_PERCENT_HINT);
                }
                i++;
                if (widthPos >= 0) {
                    if (widthPos > 0) {
                        next = widthPos;
                    }
                    widthFrom(argument(next));
                    next++;
                }
                if (argPos > 0) {
                    next = argPos;
                }
                Object value = argument(next);
                next++;
                convert(conversion, value);
            }
            return out.toString();
        }

        /** Moves past one character of a specifier; the specifier may not end there. */
        private void advance() {
            if (++i >= f.length()) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                        .withHint(SINGLE_PERCENT_HINT);
            }
        }

        /** [n$][-...][width | * | *n$], leaving {@link #i} at the conversion character. */
        private void parseSpec() {
            argPos = -1;
            widthPos = -1;
            minus = false;
            width = 0;
            int n = digits();
            if (n >= 0) {
                if (f.charAt(i) != '$') {
                    width = n;
                    StringFunctions.checkSize(n);
                    return;
                }
                argPos = checkPosition(n);
                advance();
            }
            while (f.charAt(i) == '-') {
                minus = true;
                advance();
            }
            if (f.charAt(i) == '*') {
                advance();
                n = digits();
                if (n >= 0) {
                    if (f.charAt(i) != '$') {
                        throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                                "width argument position must be ended by \"$\"");
                    }
                    widthPos = checkPosition(n);
                    advance();
                } else {
                    widthPos = 0;
                }
            } else {
                n = digits();
                if (n >= 0) {
                    width = n;
                    StringFunctions.checkSize(n);
                }
            }
        }

        /** A run of digits as a number, or -1 when there is none. */
        private int digits() {
            long value = -1;
            while (f.charAt(i) >= '0' && f.charAt(i) <= '9') {
                value = Math.max(value, 0) * 10 + (f.charAt(i) - '0');
                if (value > Integer.MAX_VALUE) {
                    throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
                }
                advance();
            }
            return (int) value;
        }

        private static int checkPosition(int n) {
            if (n == 0) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE,
                        "format specifies argument 0, but arguments are numbered from 1");
            }
            return n;
        }

        private Object argument(int index) {
            if (index >= args.length) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            return args[index];
        }

        /** A width taken from an argument: NULL is 0, negative means left-aligned. */
        private void widthFrom(Object value) {
            if (value == null) {
                width = 0;
                return;
            }
            int w = value instanceof Number num && !(value instanceof Long)
                    ? num.intValue() : (Integer) Casts.parseInteger(TextOutput.output(value), SqlType.INTEGER);
            if (w < 0) {
                if (w == Integer.MIN_VALUE) {
                    throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
                }
                minus = true;
                w = -w;
            }
            width = w;
            StringFunctions.checkSize(w);
        }

        private void convert(char conversion, Object value) {
            if (value == null) {
                switch (conversion) {
                    case 's' -> out.append(" ".repeat(width));
                    case 'L' -> append("NULL");
                    default -> throw DbException.of(SqlState.NULL_VALUE_NOT_ALLOWED,
                            "null values cannot be formatted as an SQL identifier");
                }
                return;
            }
            String text = TextOutput.output(value);
            switch (conversion) {
                case 'I' -> append(Identifiers.quote(text));
                case 'L' -> append(TextFunctions.quoteLiteral(text));
                default -> append(text);
            }
        }

        /** Appends text padded with spaces to the width, on the right with the '-' flag. */
        private void append(String text) {
            int pad = width - text.codePointCount(0, text.length());
            if (pad > 0 && !minus) {
                out.append(" ".repeat(pad));
            }
            out.append(text);
            if (pad > 0 && minus) {
                out.append(" ".repeat(pad));
            }
        }
    }
}
