package org.rustydb.execution.internal.parser;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/** Builds PostgreSQL's syntax error messages. */
public final class SyntaxErrors {
    private SyntaxErrors() {
    }

    /**
     * {@code syntax error at or near "x"} at a token, or, for null (the end of the statement),
     * {@code at or near ";"} when a semicolon ends it and {@code at end of input} otherwise.
     */
    public static DbException at(StatementText text, Token token) {
        if (token != null) {
            String near = text.sql().substring(token.start(), token.end());
            return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"")
                    .withPosition(text.position(token.start()));
        }
        if (text.terminated()) {
            return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \";\"")
                    .withPosition(text.position(text.end()));
        }
        return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                .withPosition(text.position(text.sql().length()));
    }
}
