package org.rustydb.execution.internal.function;

import static org.rustydb.api.SqlType.INTEGER;
import static org.rustydb.api.SqlType.TEXT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.function.SqlFunction;

/**
 * PostgreSQL 15's scalar regular expression functions: regexp_replace, regexp_like,
 * regexp_count, regexp_instr, regexp_substr, and substring with a POSIX or SIMILAR pattern.
 * Positions are counted in characters, as PostgreSQL counts them.
 */
public final class RegexFunctions {
    private RegexFunctions() {
    }

    static List<SqlFunction> all() {
        List<SqlFunction> f = new ArrayList<>();
        add(f, "regexp_replace", List.of(TEXT, TEXT, TEXT), TEXT, a -> replace(a, 1, null, ""));
        add(f, "regexp_replace", List.of(TEXT, TEXT, TEXT, TEXT), TEXT, a -> replace(a, 1, null, (String) a[3]));
        add(f, "regexp_replace", List.of(TEXT, TEXT, TEXT, INTEGER), TEXT, a -> replace(a, (Integer) a[3], null, ""));
        add(f, "regexp_replace", List.of(TEXT, TEXT, TEXT, INTEGER, INTEGER), TEXT,
                a -> replace(a, (Integer) a[3], (Integer) a[4], ""));
        add(f, "regexp_replace", List.of(TEXT, TEXT, TEXT, INTEGER, INTEGER, TEXT), TEXT,
                a -> replace(a, (Integer) a[3], (Integer) a[4], (String) a[5]));
        add(f, "regexp_like", List.of(TEXT, TEXT), SqlType.BOOLEAN, a -> like(a, ""));
        add(f, "regexp_like", List.of(TEXT, TEXT, TEXT), SqlType.BOOLEAN, a -> like(a, (String) a[2]));
        add(f, "regexp_count", List.of(TEXT, TEXT), INTEGER, a -> count(a, 1, ""));
        add(f, "regexp_count", List.of(TEXT, TEXT, INTEGER), INTEGER, a -> count(a, (Integer) a[2], ""));
        add(f, "regexp_count", List.of(TEXT, TEXT, INTEGER, TEXT), INTEGER,
                a -> count(a, (Integer) a[2], (String) a[3]));
        List<SqlType> instr = List.of(TEXT, TEXT, INTEGER, INTEGER, INTEGER, TEXT, INTEGER);
        for (int n = 2; n <= instr.size(); n++) {
            add(f, "regexp_instr", instr.subList(0, n), INTEGER, RegexFunctions::instr);
        }
        List<SqlType> substr = List.of(TEXT, TEXT, INTEGER, INTEGER, TEXT, INTEGER);
        for (int n = 2; n <= substr.size(); n++) {
            add(f, "regexp_substr", substr.subList(0, n), TEXT, RegexFunctions::substr);
        }
        add(f, "substring", List.of(TEXT, TEXT), TEXT, a -> substringRegex((String) a[0], (String) a[1]));
        add(f, "substring", List.of(TEXT, TEXT, TEXT), TEXT,
                a -> substringSimilar((String) a[0], (String) a[1], (String) a[2]));
        return f;
    }

    private static void add(List<SqlFunction> f, String name, List<SqlType> params, SqlType result,
                            Function<Object[], Object> body) {
        f.add(new BuiltinFunction(name, params, result, body));
    }

    /**
     * regexp_replace: the n-th match from {@code start} replaced, or every match when n is 0; without
     * n, the first match or (with flag g) every match.
     */
    private static String replace(Object[] a, int start, Integer nth, String flagText) {
        String s = (String) a[0];
        RegexFlags flags = RegexFlags.parse(flagText, null);
        checkPositive("start", start);
        if (nth != null && nth < 0) {
            throw badParameter("n", nth);
        }
        int n = nth != null ? nth : flags.global() ? 0 : 1;
        Matcher m = RegexMatching.matcher(RegexMatching.pattern((String) a[1], flags), s);
        String replacement = (String) a[2];
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = charOffset(s, start);
        int found = 0;
        while (from <= s.length() && RegexMatching.find(m, from)) {
            found++;
            if (n == 0 || found == n) {
                out.append(s, copied, m.start());
                appendReplacement(out, replacement, m, s);
                copied = m.end();
                if (n != 0) {
                    break;
                }
            }
            from = nextSearch(s, m);
        }
        return out.append(s, copied, s.length()).toString();
    }

    /** Expands \1..\9 (a group, empty when it did not match) and \& (the match); \\ is one backslash. */
    static void appendReplacement(StringBuilder out, String replacement, Matcher m, String s) {
        for (int k = 0; k < replacement.length(); k++) {
            char c = replacement.charAt(k);
            if (c != '\\' || k + 1 >= replacement.length()) {
                out.append(c);
                continue;
            }
            char next = replacement.charAt(k + 1);
            if (next >= '1' && next <= '9') {
                int group = next - '0';
                if (group <= m.groupCount() && m.start(group) >= 0) {
                    out.append(s, m.start(group), m.end(group));
                }
                k++;
            } else if (next == '&') {
                out.append(s, m.start(), m.end());
                k++;
            } else if (next == '\\') {
                out.append('\\');
                k++;
            } else {
                out.append(c);
            }
        }
    }

    /** Where the next search starts: the end of the match, one character further after an empty one. */
    private static int nextSearch(String s, Matcher m) {
        if (m.end() > m.start()) {
            return m.end();
        }
        return m.end() < s.length() ? s.offsetByCodePoints(m.end(), 1) : s.length() + 1;
    }

    private static boolean like(Object[] a, String flags) {
        return RegexMatching.matches((String) a[0], (String) a[1], RegexFlags.parse(flags, "regexp_like()"));
    }

    private static int count(Object[] a, int start, String flagText) {
        String s = (String) a[0];
        checkPositive("start", start);
        Matcher m = RegexMatching.matcher(
                RegexMatching.pattern((String) a[1], RegexFlags.parse(flagText, "regexp_count()")), s);
        int n = 0;
        int from = charOffset(s, start);
        while (from <= s.length() && RegexMatching.find(m, from)) {
            n++;
            from = nextSearch(s, m);
        }
        return n;
    }

    /** regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]). */
    private static Object instr(Object[] a) {
        String s = (String) a[0];
        int endOption = a.length > 4 ? (Integer) a[4] : 0;
        if (endOption != 0 && endOption != 1) {
            throw badParameter("endoption", endOption);
        }
        Matcher m = nthMatch(a, a.length > 5 ? (String) a[5] : "", "regexp_instr()");
        int group = a.length > 6 ? (Integer) a[6] : 0;
        if (group < 0) {
            throw badParameter("subexpr", group);
        }
        if (m == null || group > m.groupCount() || m.start(group) < 0) {
            return 0;
        }
        int at = endOption == 0 ? m.start(group) : m.end(group);
        return s.codePointCount(0, at) + 1;
    }

    /** regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]). */
    private static Object substr(Object[] a) {
        String s = (String) a[0];
        Matcher m = nthMatch(a, a.length > 4 ? (String) a[4] : "", "regexp_substr()");
        int group = a.length > 5 ? (Integer) a[5] : 0;
        if (group < 0) {
            throw badParameter("subexpr", group);
        }
        if (m == null || group > m.groupCount() || m.start(group) < 0) {
            return null;
        }
        return s.substring(m.start(group), m.end(group));
    }

    /** The N-th match (a[3], default 1) from start (a[2], default 1), or null. */
    private static Matcher nthMatch(Object[] a, String flagText, String function) {
        String s = (String) a[0];
        int start = a.length > 2 ? (Integer) a[2] : 1;
        int n = a.length > 3 ? (Integer) a[3] : 1;
        checkPositive("start", start);
        checkPositive("n", n);
        Matcher m = RegexMatching.matcher(
                RegexMatching.pattern((String) a[1], RegexFlags.parse(flagText, function)), s);
        int from = charOffset(s, start);
        for (int found = 0; from <= s.length() && RegexMatching.find(m, from); ) {
            if (++found == n) {
                return m;
            }
            from = nextSearch(s, m);
        }
        return null;
    }

    /** substring(string from pattern): the first parenthesized group if there is one, else the match. */
    public static String substringRegex(String s, String re) {
        Matcher m = RegexMatching.matcher(RegexMatching.pattern(re, RegexFlags.DEFAULT), s);
        if (!RegexMatching.find(m, 0)) {
            return null;
        }
        int group = m.groupCount() > 0 ? 1 : 0;
        return m.start(group) < 0 ? null : s.substring(m.start(group), m.end(group));
    }

    /** substring(string similar pattern escape escape): the part between the #" separators. */
    public static String substringSimilar(String s, String similar, String escape) {
        Pattern p = RegexMatching.pattern(SimilarTo.toRegex(similar, escape), RegexFlags.DEFAULT);
        Matcher m = RegexMatching.matcher(p, s);
        if (!RegexMatching.find(m, 0)) {
            return null;
        }
        int group = m.groupCount() > 0 ? 1 : 0;
        return m.start(group) < 0 ? null : s.substring(m.start(group), m.end(group));
    }

    /** The UTF-16 offset of 1-based character position {@code start}; past the end when beyond it. */
    private static int charOffset(String s, int start) {
        int chars = s.codePointCount(0, s.length());
        if (start - 1 > chars) {
            return s.length() + 1;
        }
        return s.offsetByCodePoints(0, start - 1);
    }

    private static void checkPositive(String parameter, int value) {
        if (value <= 0) {
            throw badParameter(parameter, value);
        }
    }

    private static DbException badParameter(String parameter, int value) {
        return DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": %d", parameter,
                value);
    }
}
