package org.rustydb.execution.internal.function;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.spi.function.SqlFunction;

/**
 * The built-in scalar functions, registered like any other {@link SqlFunction} so that the
 * binder resolves them the same way: length, char_length, character_length, upper, lower, abs,
 * substr and substring here, the others from {@link StringFunctions}, {@link TextFunctions},
 * {@link RegexFunctions}, {@link MathFunctions} and {@link DateTimeFunctions}. Strings are measured
 * and cut in characters (code points). Functions whose arguments may have any type (concat, concat_ws, format) and GREATEST and
 * LEAST are bound by the binder instead, with {@link TextFormat} computing the former.
 */
public final class BuiltinFunctions {

    private BuiltinFunctions() {
    }

    public static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        for (String name : List.of("length", "char_length", "character_length")) {
            f.add(new BuiltinFunction(name, List.of(SqlType.TEXT), SqlType.INTEGER,
                    a -> ((String) a[0]).codePointCount(0, ((String) a[0]).length())));
        }
        f.add(new BuiltinFunction("upper", List.of(SqlType.TEXT), SqlType.TEXT, a -> mapCodePoints((String) a[0], true)));
        f.add(new BuiltinFunction("lower", List.of(SqlType.TEXT), SqlType.TEXT, a -> mapCodePoints((String) a[0], false)));
        for (SqlType t : List.of(SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT)) {
            f.add(new BuiltinFunction("abs", List.of(t), t, a -> abs(((Number) a[0]).longValue(), t)));
        }
        for (String name : List.of("substr", "substring")) {
            f.add(new BuiltinFunction(name, List.of(SqlType.TEXT, SqlType.INTEGER), SqlType.TEXT,
                    a -> substring((String) a[0], (Integer) a[1], null)));
            f.add(new BuiltinFunction(name, List.of(SqlType.TEXT, SqlType.INTEGER, SqlType.INTEGER), SqlType.TEXT,
                    a -> substring((String) a[0], (Integer) a[1], (Integer) a[2])));
        }
        f.add(new BuiltinFunction("position", List.of(SqlType.TEXT, SqlType.TEXT), SqlType.INTEGER,
                a -> StringFunctions.strpos((String) a[0], (String) a[1])));
        f.addAll(StringFunctions.all());
        f.addAll(TextFunctions.all());
        f.addAll(RegexFunctions.all());
        f.addAll(MathFunctions.all());
        f.addAll(DateTimeFunctions.all());
        f.addAll(ArrayFunctions.all());
        return f;
    }

    /** Upper- or lower-cases character by character, so that the length never changes. */
    static String mapCodePoints(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
        return sb.toString();
    }

    static Object abs(long v, SqlType type) {
        if (v == Long.MIN_VALUE) {
            throw Casts.outOfRange(type);
        }
        return Casts.fitInteger(Math.abs(v), type);
    }

    /**
     * PostgreSQL's substr: characters from {@code start} (1-based, may be before the string) for
     * {@code count} characters; a negative count fails with 22011.
     */
    static String substring(String s, int start, Integer count) {
        int length = s.codePointCount(0, s.length());
        long from = Math.max(start, 1);
        long to;
        if (count == null) {
            to = length + 1L;
        } else {
            if (count < 0) {
                throw DbException.of(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
            }
            to = Math.min((long) start + count, length + 1L);
        }
        if (to <= from || from > length) {
            return "";
        }
        int begin = s.offsetByCodePoints(0, (int) from - 1);
        int end = s.offsetByCodePoints(begin, (int) (to - from));
        return s.substring(begin, end);
    }
}
