package org.rustydb.client.internal.jdbc;

import java.sql.SQLException;
import java.util.Locale;

/**
 * JDBC's SQL dialect turned into PostgreSQL's: {@code ?} placeholders become {@code $1, $2, ...}
 * ({@code ??} is a literal {@code ?}, for jsonb's operators), and the JDBC escapes {@code {d ...}},
 * {@code {t ...}}, {@code {ts ...}}, {@code {fn ...}}, {@code {oj ...}} and {@code {escape ...}}
 * become plain SQL. String literals, quoted identifiers, dollar quotes and comments are left alone.
 */
record SqlText(String sql, int parameters) {

    static SqlText parse(String sql, boolean placeholders) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int parameters = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
                end = quoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                end = quoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = blockComment(sql, i);
            } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                end = dollarQuoted(sql, i);
            } else if (c == '?' && placeholders) {
                if (i + 1 < n && sql.charAt(i + 1) == '?') {
                    out.append('?');
                    i += 2;
                } else {
                    out.append('$').append(++parameters);
                    i++;
                }
                continue;
            } else if (c == '{') {
                int close = sql.indexOf('}', i);
                if (close < 0) {
                    throw new SQLException("Malformed function or procedure escape syntax at offset " + i + ".",
                            "42601");
                }
                SqlText inner = parse(sql.substring(i + 1, close), false);
                out.append(escape(inner.sql().trim()));
                i = close + 1;
                continue;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new SqlText(out.toString(), parameters);
    }

    private static String escape(String body) throws SQLException {
        String lower = body.toLowerCase(Locale.ROOT);
        String keyword = lower.split("\\s+", 2)[0];
        String rest = body.substring(keyword.length()).trim();
        return switch (keyword) {
            case "d" -> "DATE " + rest;
            case "t" -> "TIME " + rest;
            case "ts" -> "TIMESTAMP " + rest;
            case "fn", "oj" -> rest;
            case "escape" -> "ESCAPE " + rest;
            default -> throw new SQLException("unsupported JDBC escape {" + body + "}", "0A000");
        };
    }

    /** The end (exclusive) of a quoted text starting at {@code start}; doubled quotes stay inside. */
    private static int quoted(String sql, int start, char quote, boolean backslashes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int blockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** A $tag$...$tag$ string, or just the $ when it does not open one ($1 parameters). */
    private static int dollarQuoted(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(sql.charAt(i))) {
                return start + 1;
            }
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    /** A SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A quoted SQL identifier. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
