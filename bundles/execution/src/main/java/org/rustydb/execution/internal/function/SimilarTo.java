package org.rustydb.execution.internal.function;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * SQL regular expressions (SIMILAR TO, and substring's SIMILAR form) rewritten as PostgreSQL's
 * similar_to_escape does it: an ARE anchored at both ends, with % and _ as wildcards, ( ) as
 * non-capturing groups, . ^ $ \ literal, and the escape character; an escaped double quote
 * separates the part substring returns. The part before it matches as little as it can, as
 * PostgreSQL's non-greedy first part does.
 */
public final class SimilarTo {
    private SimilarTo() {
    }

    /**
     * The ARE for a SIMILAR TO pattern.
     *
     * @param escape the escape character: one character, empty for none
     * @throws DbException 22025 for an escape of more than one character, 2200C for more than two separators
     */
    public static String toRegex(String pattern, String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw DbException.of(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        int esc = escape.isEmpty() ? -1 : escape.codePointAt(0);
        int[] p = pattern.codePoints().toArray();
        boolean lazyFirstPart = separators(p, esc) == 2;
        StringBuilder r = new StringBuilder("^(?:");
        boolean afterEscape = false;
        boolean inClass = false;
        int classPos = 0;
        int quotes = 0;
        for (int c : p) {
            boolean lazy = lazyFirstPart && quotes == 0;
            if (afterEscape) {
                if (c == '"' && !inClass) {
                    if (quotes == 0) {
                        r.append("){1,1}?(");
                    } else if (quotes == 1) {
                        r.append("){1,1}(?:");
                    } else {
                        throw DbException.of(SqlState.INVALID_USE_OF_ESCAPE_CHARACTER,
                                "SQL regular expression may not contain more than two escape-double-quote separators");
                    }
                    quotes++;
                } else {
                    r.append('\\').appendCodePoint(c);
                }
                afterEscape = false;
            } else if (c == esc) {
                afterEscape = true;
            } else if (inClass) {
                if (c == '\\') {
                    r.append('\\');
                }
                r.appendCodePoint(c);
                // A ] right after [ or [^ is a member; any later one closes the class.
                if (c == '^' && classPos == 0) {
                    classPos = 1;
                } else if (c == ']' && classPos == 2) {
                    inClass = false;
                } else {
                    classPos = 2;
                }
            } else if (c == '[') {
                r.append('[');
                inClass = true;
                classPos = 0;
            } else if (c == '%') {
                r.append(lazy ? ".*?" : ".*");
            } else if (c == '_') {
                r.append('.');
            } else if (c == '(') {
                r.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                r.append('\\').appendCodePoint(c);
            } else if (lazy && (c == '*' || c == '+' || c == '?' || c == '}')) {
                r.appendCodePoint(c).append('?');
            } else {
                r.appendCodePoint(c);
            }
        }
        return r.append(")$").toString();
    }

    /** The number of escape-double-quote separators outside brackets. */
    private static int separators(int[] p, int esc) {
        int n = 0;
        boolean afterEscape = false;
        for (int c : p) {
            if (afterEscape) {
                if (c == '"') {
                    n++;
                }
                afterEscape = false;
            } else if (c == esc) {
                afterEscape = true;
            }
        }
        return n;
    }
}
