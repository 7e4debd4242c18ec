package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The tokens of a role statement and a cursor over them: words (case-folded), quoted identifiers,
 * string literals, integers and punctuation, as PostgreSQL's scanner reads them. Errors name the
 * token as PostgreSQL's {@code syntax error at or near}.
 */
final class RoleTokens {
    enum Kind { WORD, IDENT, STRING, NUMBER, SYMBOL, END }

    record Token(Kind kind, String value, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && value.equals(word);
        }
    }

    private final List<Token> tokens;
    private int next;

    private RoleTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    static RoleTokens of(String sql) {
        List<Token> list = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= n) {
                        throw DbException.of(SqlState.SYNTAX_ERROR, c == '\'' ? "unterminated quoted string at or near \"%s\""
                                : "unterminated quoted identifier at or near \"%s\"", sql.substring(start));
                    }
                    char d = sql.charAt(i++);
                    if (d == c) {
                        if (i < n && sql.charAt(i) == c) {
                            value.append(c);
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        value.append(d);
                    }
                }
                list.add(new Token(c == '\'' ? Kind.STRING : Kind.IDENT, value.toString(), sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                String text = sql.substring(start, i);
                list.add(new Token(Kind.WORD, text.toLowerCase(Locale.ROOT), text));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                String text = sql.substring(start, i);
                list.add(new Token(Kind.NUMBER, text, text));
            } else {
                list.add(new Token(Kind.SYMBOL, String.valueOf(c), String.valueOf(c)));
                i++;
            }
        }
        list.add(new Token(Kind.END, "", ""));
        return new RoleTokens(list);
    }

    Token peek() {
        return tokens.get(next);
    }

    Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    /** Consumes the word if it comes next. */
    boolean accept(String word) {
        if (peek().isWord(word)) {
            next++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().value().equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) {
            throw syntaxError();
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** A role name: an identifier, quoted or not. */
    String name() {
        Token t = peek();
        if (t.kind() == Kind.WORD || t.kind() == Kind.IDENT) {
            next++;
            return t.value();
        }
        throw syntaxError();
    }

    String string() {
        Token t = peek();
        if (t.kind() != Kind.STRING) {
            throw syntaxError();
        }
        next++;
        return t.value();
    }

    int integer() {
        Token t = peek();
        if (t.kind() != Kind.NUMBER) {
            throw syntaxError();
        }
        next++;
        try {
            return Integer.parseInt(t.value());
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
    }

    /** Comma-separated role names. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        do {
            names.add(name());
        } while (acceptSymbol(","));
        return names;
    }

    DbException syntaxError() {
        Token t = peek();
        return t.kind() == Kind.END ? DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                : DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", t.text());
    }
}
