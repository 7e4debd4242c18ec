package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.BOOLEAN;
import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.TEXT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL's string functions that search, cut, pad and rearrange text: strpos, replace,
 * ltrim/rtrim/btrim, lpad/rpad, left/right, repeat, reverse, split_part, initcap, starts_with,
 * translate and overlay. Lengths and positions count characters (code points), as PostgreSQL does
 * in UTF-8.
 */
public final class StringFunctions {
    /** PostgreSQL's largest value (MaxAllocSize less a header): a longer result fails with 54000. */
    private static final long MAX_RESULT_BYTES = 0x3FFFFFFFL - 4;

    private StringFunctions() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        add(f, "strpos", List.of(TEXT, TEXT), INTEGER, a -> strpos(s(a, 0), s(a, 1)));
        add(f, "replace", List.of(TEXT, TEXT, TEXT), TEXT, a -> replace(s(a, 0), s(a, 1), s(a, 2)));
        add(f, "ltrim", List.of(TEXT), TEXT, a -> trim(s(a, 0), " ", true, false));
        add(f, "rtrim", List.of(TEXT), TEXT, a -> trim(s(a, 0), " ", false, true));
        add(f, "btrim", List.of(TEXT), TEXT, a -> trim(s(a, 0), " ", true, true));
        add(f, "ltrim", List.of(TEXT, TEXT), TEXT, a -> trim(s(a, 0), s(a, 1), true, false));
        add(f, "rtrim", List.of(TEXT, TEXT), TEXT, a -> trim(s(a, 0), s(a, 1), false, true));
        add(f, "btrim", List.of(TEXT, TEXT), TEXT, a -> trim(s(a, 0), s(a, 1), true, true));
        add(f, "lpad", List.of(TEXT, INTEGER), TEXT, a -> pad(s(a, 0), (Integer) a[1], " ", true));
        add(f, "rpad", List.of(TEXT, INTEGER), TEXT, a -> pad(s(a, 0), (Integer) a[1], " ", false));
        add(f, "lpad", List.of(TEXT, INTEGER, TEXT), TEXT, a -> pad(s(a, 0), (Integer) a[1], s(a, 2), true));
        add(f, "rpad", List.of(TEXT, INTEGER, TEXT), TEXT, a -> pad(s(a, 0), (Integer) a[1], s(a, 2), false));
        add(f, "left", List.of(TEXT, INTEGER), TEXT, a -> left(s(a, 0), (Integer) a[1]));
        add(f, "right", List.of(TEXT, INTEGER), TEXT, a -> right(s(a, 0), (Integer) a[1]));
        add(f, "repeat", List.of(TEXT, INTEGER), TEXT, a -> repeat(s(a, 0), (Integer) a[1]));
        add(f, "reverse", List.of(TEXT), TEXT, a -> reverse(s(a, 0)));
        add(f, "split_part", List.of(TEXT, TEXT, INTEGER), TEXT, a -> splitPart(s(a, 0), s(a, 1), (Integer) a[2]));
        add(f, "initcap", List.of(TEXT), TEXT, a -> initcap(s(a, 0)));
        add(f, "starts_with", List.of(TEXT, TEXT), BOOLEAN, a -> s(a, 0).startsWith(s(a, 1)));
        add(f, "translate", List.of(TEXT, TEXT, TEXT), TEXT, a -> translate(s(a, 0), s(a, 1), s(a, 2)));
        add(f, "overlay", List.of(TEXT, TEXT, INTEGER, INTEGER), TEXT,
                a -> overlay(s(a, 0), s(a, 1), (Integer) a[2], (Integer) a[3]));
        add(f, "overlay", List.of(TEXT, TEXT, INTEGER), TEXT,
                a -> overlay(s(a, 0), s(a, 1), (Integer) a[2], chars(s(a, 1))));
        return f;
    }

    private static void add(List<SqlFunction> f, String name, List<SqlType> params, SqlType result,
                            Function<Object[], Object> body) {
        f.add(new BuiltinFunction(name, params, result, body));
    }

    private static String s(Object[] a, int i) {
        return (String) a[i];
    }

    static int chars(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The 1-based character position of the first {@code sub} in {@code s}, 0 when absent. */
    static int strpos(String s, String sub) {
        int at = s.indexOf(sub);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    static String replace(String s, String from, String to) {
        return from.isEmpty() ? s : s.replace(from, to);
    }

    /** Removes the longest prefix and/or suffix made of characters in {@code set}. */
    static String trim(String s, String set, boolean leading, boolean trailing) {
        int begin = 0;
        int end = s.length();
        if (leading) {
            while (begin < end && set.indexOf(s.codePointAt(begin)) >= 0) {
                begin += Character.charCount(s.codePointAt(begin));
            }
        }
        if (trailing) {
            while (end > begin && set.indexOf(s.codePointBefore(end)) >= 0) {
                end -= Character.charCount(s.codePointBefore(end));
            }
        }
        return s.substring(begin, end);
    }

    /** lpad/rpad: cut to {@code length} characters, or filled up to it by repeating {@code fill}. */
    static String pad(String s, int length, String fill, boolean left) {
        if (length <= 0) {
            return "";
        }
        checkSize((long) length * 4);
        int have = chars(s);
        if (have >= length || fill.isEmpty()) {
            return have > length ? s.substring(0, s.offsetByCodePoints(0, length)) : s;
        }
        int[] f = fill.codePoints().toArray();
        StringBuilder padding = new StringBuilder();
        for (int k = 0; k < length - have; k++) {
            padding.appendCodePoint(f[k % f.length]);
        }
        return left ? padding + s : s + padding;
    }

    /** The first n characters; with n negative, all but the last -n. */
    static String left(String s, int n) {
        int length = chars(s);
        int keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    /** The last n characters; with n negative, all but the first -n. */
    static String right(String s, int n) {
        int length = chars(s);
        int keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
        return s.substring(s.offsetByCodePoints(0, length - keep));
    }

    static String repeat(String s, int count) {
        if (count <= 0 || s.isEmpty()) {
            return "";
        }
        checkSize((long) s.getBytes(StandardCharsets.UTF_8).length * count);
        return s.repeat(count);
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /**
     * The n-th field of {@code s} split at {@code delimiter}, counting from the end when n is negative;
     * empty when there is no such field, 22023 for n = 0. An empty delimiter makes one field.
     */
    static String splitPart(String s, String delimiter, int n) {
        if (n == 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (s.isEmpty()) {
            return "";
        }
        if (delimiter.isEmpty()) {
            return n == 1 || n == -1 ? s : "";
        }
        List<String> fields = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(delimiter, from);
            if (at < 0) {
                fields.add(s.substring(from));
                break;
            }
            fields.add(s.substring(from, at));
            from = at + delimiter.length();
        }
        int index = n > 0 ? n - 1 : fields.size() + n;
        return index >= 0 && index < fields.size() ? fields.get(index) : "";
    }

    /** Each run of letters and digits gets an upper-case first letter and lower-case others. */
    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWord = false;
        for (int k = 0; k < s.length(); ) {
            int c = s.codePointAt(k);
            out.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
            inWord = Character.isLetterOrDigit(c);
            k += Character.charCount(c);
        }
        return out.toString();
    }

    /** Each character of {@code from} becomes the one at the same place in {@code to}, or goes. */
    static String translate(String s, String from, String to) {
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            int at = -1;
            for (int k = 0; k < f.length; k++) {
                if (f[k] == c) {
                    at = k;
                    break;
                }
            }
            if (at < 0) {
                out.appendCodePoint(c);
            } else if (at < t.length) {
                out.appendCodePoint(t[at]);
            }
        });
        return out.toString();
    }

    /** overlay(s placing replacement from start for count), as PostgreSQL builds it from substrings. */
    static String overlay(String s, String replacement, int start, int count) {
        if (start <= 0) {
            throw DbException.of(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        long after = (long) start + count;
        if (after != (int) after) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        return BuiltinFunctions.substring(s, 1, start - 1) + replacement
                + BuiltinFunctions.substring(s, (int) after, null);
    }

    /** 54000 for a result larger than PostgreSQL can hold. */
    static void checkSize(long bytes) {
        if (bytes > MAX_RESULT_BYTES) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
    }
}
