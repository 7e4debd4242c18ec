package org.rustydb.execution.internal.expr;

import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.types.DataType;

/**
 * [NOT] LIKE / ILIKE with % and _ wildcards and an escape character, following PostgreSQL's
 * matcher: a custom ESCAPE is first rewritten to backslash form, and a pattern that ends with the
 * escape character fails only when matching reaches it.
 */
public record Like(BoundExpr value, BoundExpr pattern, BoundExpr escape, boolean negated, boolean caseInsensitive)
        implements BoundExpr {

    private enum Match { TRUE, FALSE, ABORT }

    @Override
    public DataType dataType() {
        return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
        Object v = value.eval(row);
        Object p = pattern.eval(row);
        if (v == null || p == null) {
            return null;
        }
        String pat = (String) p;
        if (escape != null) {
            Object e = escape.eval(row);
            if (e == null) {
                return null;
            }
            pat = toBackslashEscapes(pat, (String) e);
        }
        String text = (String) v;
        if (caseInsensitive) {
            text = text.toLowerCase(Locale.ROOT);
            pat = pat.toLowerCase(Locale.ROOT);
        }
        boolean matches = match(text.codePoints().toArray(), 0, pat.codePoints().toArray(), 0) == Match.TRUE;
        return matches != negated;
    }

    /** PostgreSQL's like_escape: rewrites a pattern with a custom escape character to use backslash. */
    static String toBackslashEscapes(String pattern, String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw DbException.of(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        StringBuilder out = new StringBuilder();
        if (escape.isEmpty()) {
            return pattern.replace("\\", "\\\\");
        }
        int esc = escape.codePointAt(0);
        boolean afterEscape = false;
        for (int c : pattern.codePoints().toArray()) {
            if (c == esc && !afterEscape) {
                out.append('\\');
                afterEscape = true;
            } else if (c == '\\') {
                out.append('\\');
                if (!afterEscape) {
                    out.append('\\');
                }
                afterEscape = false;
            } else {
                out.appendCodePoint(c);
                afterEscape = false;
            }
        }
        return out.toString();
    }

    /** PostgreSQL's MatchText; ABORT means no match is possible from here on. */
    static Match match(int[] t, int ti, int[] p, int pi) {
        if (p.length - pi == 1 && p[pi] == '%') {
            return Match.TRUE;
        }
        while (ti < t.length && pi < p.length) {
            int c = p[pi];
            if (c == '\\') {
                pi++;
                if (pi >= p.length) {
                    throw DbException.of(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
                }
                if (p[pi] != t[ti]) {
                    return Match.FALSE;
                }
            } else if (c == '%') {
                pi++;
                while (pi < p.length) {
                    if (p[pi] == '%') {
                        pi++;
                    } else if (p[pi] == '_') {
                        if (ti >= t.length) {
                            return Match.ABORT;
                        }
                        ti++;
                        pi++;
                    } else {
                        break;
                    }
                }
                if (pi >= p.length) {
                    return Match.TRUE;
                }
                int first;
                if (p[pi] == '\\') {
                    if (pi + 1 >= p.length) {
                        throw DbException.of(SqlState.INVALID_ESCAPE_SEQUENCE,
                                "LIKE pattern must not end with escape character");
                    }
                    first = p[pi + 1];
                } else {
                    first = p[pi];
                }
                while (ti < t.length) {
                    if (t[ti] == first) {
                        Match m = match(t, ti, p, pi);
                        if (m != Match.FALSE) {
                            return m;
                        }
                    }
                    ti++;
                }
                return Match.ABORT;
            } else if (c != '_' && c != t[ti]) {
                return Match.FALSE;
            }
            ti++;
            pi++;
        }
        if (ti < t.length) {
            return Match.FALSE;
        }
        while (pi < p.length && p[pi] == '%') {
            pi++;
        }
        return pi >= p.length ? Match.TRUE : Match.ABORT;
    }
}
