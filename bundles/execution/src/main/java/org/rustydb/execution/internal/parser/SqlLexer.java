package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Splits SQL text into tokens the way PostgreSQL's scanner does: quoted identifiers, standard,
 * escape, Unicode and dollar-quoted strings (with PostgreSQL's continuation of string constants
 * across newlines), nested block comments and line comments. JSqlParser does not handle all of
 * these, so the parser stage uses these tokens to split statements and to feed JSqlParser a
 * simplified text.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
    private static final String NON_MATH_OPERATOR_CHARS = "~!@#^&|`?%";

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /**
     * Tokenizes the whole string.
     *
     * @throws DbException 42601 for unterminated strings, identifiers or comments
     */
    public static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                readString(pos, pos, false);
            } else if (c == '"') {
                readQuotedIdentifier(pos, pos);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                readString(pos, pos + 1, true);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                readUnicodeString();
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '"') {
                readQuotedIdentifier(pos, pos + 2);
                Token t = tokens.get(tokens.size() - 1);
                tokens.set(tokens.size() - 1, new Token(Token.Kind.QUOTED_IDENT, t.start(), t.end(),
                        decodeUnicodeEscapes(t.value(), t.start())));
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && peek(1) == '\'') {
                int start = pos;
                readString(pos, pos + 1, false);
                Token t = tokens.remove(tokens.size() - 1);
                tokens.add(new Token(Token.Kind.OTHER_STRING, start, t.end(), sql.substring(start, t.end())));
            } else if (c == '$' && isDigit(peek(1))) {
                int start = pos++;
                while (pos < n && isDigit(sql.charAt(pos))) {
                    pos++;
                }
                add(Token.Kind.PARAM, start, sql.substring(start, pos));
            } else if (c == '$' && dollarTagEnd(pos) > 0) {
                readDollarString();
            } else if (isIdentStart(c)) {
                int start = pos++;
                while (pos < n && isIdentPart(sql.charAt(pos))) {
                    pos++;
                }
                add(Token.Kind.WORD, start, Identifiers.fold(sql.substring(start, pos)));
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                readNumber();
            } else if (c == ';') {
                pos++;
                add(Token.Kind.SEMICOLON, pos - 1, ";");
            } else if (c == ':' && peek(1) == ':') {
                pos += 2;
                add(Token.Kind.PUNCT, pos - 2, "::");
            } else if ("()[],.:".indexOf(c) >= 0) {
                pos++;
                add(Token.Kind.PUNCT, pos - 1, String.valueOf(c));
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                readOperator();
            } else {
                // Anything else is left to the parser, which reports it as a syntax error.
                int start = pos;
                pos += Character.charCount(sql.codePointAt(pos));
                add(Token.Kind.OPERATOR, start, sql.substring(start, pos));
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void add(Token.Kind kind, int start, String value) {
        tokens.add(new Token(kind, start, pos, value));
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw unterminated("unterminated /* comment", start);
    }

    /** Reads '...' (with '' doubling) starting at the quote, honouring backslash escapes for E''. */
    private void readString(int tokenStart, int quote, boolean escapes) {
        StringBuilder value = new StringBuilder();
        pos = quote;
        while (true) {
            pos++; // past the opening quote
            readStringBody(value, escapes, tokenStart);
            // PostgreSQL joins constants separated by whitespace that includes a newline.
            int next = continuationQuote(pos);
            if (next < 0) {
                break;
            }
            pos = next;
        }
        add(Token.Kind.STRING, tokenStart, value.toString());
    }

    private void readStringBody(StringBuilder value, boolean escapes, int tokenStart) {
        int n = sql.length();
        while (true) {
            if (pos >= n) {
                throw unterminated("unterminated quoted string", tokenStart);
            }
            char c = sql.charAt(pos);
            if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            if (c == '\\' && escapes) {
                pos = EscapeStrings.decode(sql, pos, value, tokenStart);
                continue;
            }
            value.append(c);
            pos++;
        }
    }

    /** The offset of a continuation quote after a string ending at {@code from}, or -1. */
    private int continuationQuote(int from) {
        boolean newline = false;
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r') {
                newline = true;
                i++;
            } else if (isSpace(c)) {
                i++;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else {
                return newline && c == '\'' ? i : -1;
            }
        }
        return -1;
    }

    private void readUnicodeString() {
        int start = pos;
        readString(pos, pos + 2, false);
        Token t = tokens.remove(tokens.size() - 1);
        if (nextWordIs(t.end(), "uescape")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "UESCAPE is not supported yet")
                    .withPosition(Positions.of(sql, t.end()));
        }
        tokens.add(new Token(Token.Kind.STRING, start, t.end(), decodeUnicodeEscapes(t.value(), start)));
    }

    private boolean nextWordIs(int from, String word) {
        int i = from;
        while (i < sql.length() && isSpace(sql.charAt(i))) {
            i++;
        }
        return sql.regionMatches(true, i, word, 0, word.length());
    }

    private String decodeUnicodeEscapes(String raw, int tokenStart) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 < raw.length() && raw.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
                continue;
            }
            int digits = i + 1 < raw.length() && raw.charAt(i + 1) == '+' ? 6 : 4;
            int from = i + 1 + (digits == 6 ? 1 : 0);
            if (from + digits > raw.length() || !isHex(raw.substring(from, from + digits))) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "invalid Unicode escape")
                        .withHint("Unicode escapes must be \\XXXX or \\+XXXXXX.")
                        .withPosition(Positions.of(sql, tokenStart));
            }
            int cp = Integer.parseInt(raw.substring(from, from + digits), 16);
            if (!Character.isValidCodePoint(cp) || cp == 0) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "invalid Unicode escape value")
                        .withPosition(Positions.of(sql, tokenStart));
            }
            out.appendCodePoint(cp);
            i = from + digits - 1;
        }
        return out.toString();
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void readQuotedIdentifier(int tokenStart, int quote) {
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= sql.length()) {
                throw unterminated("unterminated quoted identifier", tokenStart);
            }
            char c = sql.charAt(pos);
            if (c == '"') {
                if (peek(1) == '"') {
                    value.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            value.append(c);
            pos++;
        }
        if (value.length() == 0) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "zero-length delimited identifier at or near \"\"\"\"")
                    .withPosition(Positions.of(sql, tokenStart));
        }
        add(Token.Kind.QUOTED_IDENT, tokenStart, value.toString());
    }

    /** The offset after the closing $ of a dollar-quote tag starting at {@code at}, or -1. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (i < sql.length() && sql.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= sql.length() || !isIdentStart(sql.charAt(i))) {
            return -1;
        }
        while (i < sql.length() && isIdentPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private void readDollarString() {
        int start = pos;
        int tagEnd = dollarTagEnd(pos);
        String tag = sql.substring(start, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        if (close < 0) {
            throw unterminated("unterminated dollar-quoted string", start);
        }
        pos = close + tag.length();
        add(Token.Kind.STRING, start, sql.substring(tagEnd, close));
    }

    private void readNumber() {
        int start = pos;
        int n = sql.length();
        while (pos < n && isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < n && sql.charAt(pos) == '.' && !(pos + 1 < n && sql.charAt(pos + 1) == '.')) {
            pos++;
            while (pos < n && isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < n && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < n && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < n && isDigit(sql.charAt(pos))) {
                while (pos < n && isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        add(Token.Kind.NUMBER, start, sql.substring(start, pos));
    }

    private void readOperator() {
        int start = pos;
        int n = sql.length();
        while (pos < n && OPERATOR_CHARS.indexOf(sql.charAt(pos)) >= 0) {
            // A comment start ends the operator, as in PostgreSQL.
            if (pos > start && (sql.startsWith("--", pos) || sql.startsWith("/*", pos))) {
                break;
            }
            pos++;
        }
        String op = sql.substring(start, pos);
        // A multi-character operator may end in + or - only if it contains one of ~ ! @ # % ^ & | ` ?
        while (op.length() > 1 && (op.endsWith("+") || op.endsWith("-")) && !containsAny(op)) {
            op = op.substring(0, op.length() - 1);
            pos--;
        }
        add(Token.Kind.OPERATOR, start, op);
    }

    private static boolean containsAny(String op) {
        for (int i = 0; i < op.length(); i++) {
            if (NON_MATH_OPERATOR_CHARS.indexOf(op.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private DbException unterminated(String what, int start) {
        return DbException.of(SqlState.SYNTAX_ERROR, what + " at or near \"" + sql.substring(start) + "\"")
                .withPosition(Positions.of(sql, start));
    }

    /** PostgreSQL's whitespace: space, tab, newline, carriage return, form feed, vertical tab. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }
}
