package org.rustydb.execution.internal.parser;

import java.util.List;

import org.rustydb.api.DbException;

/**
 * Walks the tokens of one statement after its leading keyword, for the small hand-written parsers of
 * statements JSqlParser does not read as PostgreSQL does. Errors point at the current token.
 */
final class TokenCursor {
    private final StatementText text;
    private final List<Token> tokens;
    private int index = 1;

    TokenCursor(StatementText text) {
        this.text = text;
        this.tokens = text.tokens();
    }

    boolean atEnd() {
        return index >= tokens.size();
    }

    /** The current token; only valid when not {@link #atEnd()}. */
    Token peek() {
        return tokens.get(index);
    }

    /** True if there is a token after the current one. */
    boolean hasMoreThanOne() {
        return index + 1 < tokens.size();
    }

    /** Moves past the current token. */
    void advance() {
        index++;
    }

    boolean peekWord(String word) {
        return !atEnd() && peek().isWord(word);
    }

    boolean acceptWord(String word) {
        if (peekWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptPunct(String punct) {
        if (!atEnd() && peek().isPunct(punct)) {
            index++;
            return true;
        }
        return false;
    }

    /** Accepts the first of the words that is present, if any. */
    void optional(String... words) {
        for (String w : words) {
            if (acceptWord(w)) {
                return;
            }
        }
    }

    void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** A syntax error at the current token, or at the end of the statement. */
    DbException syntaxError() {
        return SyntaxErrors.at(text, atEnd() ? null : peek());
    }
}
