package org.rustydb.execution.internal.parser;

import java.util.List;
import java.util.Locale;

/**
 * One statement of a SQL string: its span in the whole string (without the terminating
 * semicolon) and its tokens, whose offsets are into the whole string.
 *
 * @param sql        the whole SQL string
 * @param start      offset where the statement's text begins (after the previous semicolon)
 * @param end        offset of the terminating semicolon, or the length of {@code sql}
 * @param tokens     the statement's tokens, at least one
 * @param terminated true when a semicolon ends the statement
 */
public record StatementText(String sql, int start, int end, List<Token> tokens, boolean terminated) {
    public StatementText {
        tokens = List.copyOf(tokens);
    }

    /** The statement's text, without the terminating semicolon. */
    public String text() {
        return sql.substring(start, end);
    }

    /** The first word in upper case, or an empty string when the statement starts otherwise. */
    public String firstKeyword() {
        Token first = tokens.get(0);
        return first.kind() == Token.Kind.WORD ? first.value().toUpperCase(Locale.ROOT) : "";
    }

    /**
     * The first two words in upper case joined by a space (e.g. {@code CREATE ROLE}), or an empty
     * string when the statement does not start with two words: statement handlers may claim such a
     * pair where the first keyword is shared with the engine's own statements.
     */
    public String keywordPair() {
        if (tokens.size() < 2 || firstKeyword().isEmpty() || tokens.get(1).kind() != Token.Kind.WORD) {
            return "";
        }
        return firstKeyword() + " " + tokens.get(1).value().toUpperCase(Locale.ROOT);
    }

    /** The 1-based character position of an offset of the whole string. */
    public int position(int offset) {
        return Positions.of(sql, offset);
    }
}
