package org.rustydb.execution.internal.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * One-dimensional arrays: array_in's text form ({@code {1,2,NULL,"a b"}}, elements parsed by the
 * element type's input function) and subscripts. Values are unmodifiable lists.
 */
public final class ArrayValues {
    private ArrayValues() {
    }

    /** array_in for a one-dimensional array of {@code type}'s element type. */
    public static List<Object> parse(String text, DataType type) {
        String s = text.strip();
        if (!s.startsWith("{")) {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        DataType element = type.element();
        List<Object> out = new ArrayList<>();
        int i = 1;
        boolean expectElement = true;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                throw malformed(text, "Unexpected end of input.");
            }
            char c = s.charAt(i);
            if (c == '}' && (out.isEmpty() || !expectElement)) {
                i++;
                break;
            }
            if (!expectElement) {
                if (c != ',') {
                    throw malformed(text, "Unexpected array element.");
                }
                i++;
                expectElement = true;
                continue;
            }
            if (c == '{') {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported yet");
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            if (c == '"') {
                quoted = true;
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw malformed(text, "Unexpected end of input.");
                    }
                    char q = s.charAt(i++);
                    if (q == '"') {
                        break;
                    }
                    if (q == '\\' && i < s.length()) {
                        q = s.charAt(i++);
                    }
                    value.append(q);
                }
            } else {
                while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '}') {
                    char q = s.charAt(i++);
                    if (q == '"' || q == '{') {
                        throw malformed(text, "Unexpected array element.");
                    }
                    if (q == '\\' && i < s.length()) {
                        q = s.charAt(i++);
                    }
                    value.append(q);
                }
                String v = value.toString().strip();
                value.setLength(0);
                value.append(v);
                if (v.isEmpty()) {
                    throw malformed(text, "Unexpected \"" + (i < s.length() ? s.charAt(i) : ' ') + "\" character.");
                }
            }
            String v = value.toString();
            out.add(!quoted && v.equalsIgnoreCase("NULL") ? null : Casts.fromText(v, element));
            expectElement = false;
        }
        if (!s.substring(i).isBlank()) {
            throw malformed(text, "Junk after closing right brace.");
        }
        return Collections.unmodifiableList(out);
    }

    /** a[i]: 1-based; NULL outside the array. */
    public static Object element(List<?> array, long index) {
        long i = index - VectorValue.lowerBound(array);
        if (i < 0 || i >= array.size()) {
            return null;
        }
        return array.get((int) i);
    }

    private static DbException malformed(String text, String detail) {
        return DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"%s\"", text)
                .withDetail(detail);
    }
}
