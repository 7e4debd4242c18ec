package org.rustydb.execution.internal.function;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;
import org.rustydb.execution.internal.types.VectorValue;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL's array functions over the one-dimensional arrays that exist: array_to_string,
 * array_length, array_upper, array_lower and cardinality, one overload per array type. Arrays
 * start at 1 (0 for int2vector and oidvector, see VectorValue), so array_lower is 1 for a non-empty array; an empty array has no dimensions (NULL).
 */
final class ArrayFunctions {
    private ArrayFunctions() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        for (SqlType t : SqlType.values()) {
            if (!t.isArray()) {
                continue;
            }
            SqlType element = t.elementType();
            f.add(new BuiltinFunction("array_to_string", List.of(t, SqlType.TEXT), SqlType.TEXT,
                    a -> join((List<?>) a[0], element, (String) a[1], null)));
            f.add(BuiltinFunction.nonStrict("array_to_string", List.of(t, SqlType.TEXT, SqlType.TEXT), SqlType.TEXT,
                    a -> a[0] == null || a[1] == null ? null : join((List<?>) a[0], element, (String) a[1], (String) a[2])));
            f.add(new BuiltinFunction("array_length", List.of(t, SqlType.INTEGER), SqlType.INTEGER,
                    a -> dimension((List<?>) a[0], (Integer) a[1])
                            ? (Object) (((List<?>) a[0]).size() - 1 + VectorValue.lowerBound((List<?>) a[0])) : null));
            f.add(new BuiltinFunction("array_upper", List.of(t, SqlType.INTEGER), SqlType.INTEGER,
                    a -> dimension((List<?>) a[0], (Integer) a[1]) ? (Object) ((List<?>) a[0]).size() : null));
            f.add(new BuiltinFunction("array_lower", List.of(t, SqlType.INTEGER), SqlType.INTEGER,
                    a -> dimension((List<?>) a[0], (Integer) a[1]) ? (Object) VectorValue.lowerBound((List<?>) a[0])
                            : null));
            f.add(new BuiltinFunction("cardinality", List.of(t), SqlType.INTEGER, a -> ((List<?>) a[0]).size()));
        }
        return f;
    }

    private static boolean dimension(List<?> array, int dimension) {
        return dimension == 1 && !array.isEmpty();
    }

    /** The elements' text joined by the delimiter; NULLs are left out, or written as {@code nullText}. */
    private static String join(List<?> array, SqlType element, String delimiter, String nullText) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object e : array) {
            if (e == null && nullText == null) {
                continue;
            }
            if (!first) {
                out.append(delimiter);
            }
            first = false;
            out.append(e == null ? nullText : ValueText.format(e, element, ZoneOffset.UTC));
        }
        return out.toString();
    }
}
