package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL string into statements at semicolons outside quotes, comments and dollar quotes. */
public final class SqlScript {
    private SqlScript() {
    }

    /**
     * The non-empty statements of {@code sql}, in order; empty for a string of only whitespace,
     * comments and semicolons.
     *
     * @throws org.rustydb.api.DbException 42601 for unterminated quotes or comments
     */
    public static List<StatementText> split(String sql) {
        List<StatementText> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int start = 0;
        for (Token token : SqlLexer.tokenize(sql)) {
            if (token.kind() == Token.Kind.SEMICOLON) {
                if (!current.isEmpty()) {
                    statements.add(new StatementText(sql, start, token.start(), current, true));
                }
                current = new ArrayList<>();
                start = token.end();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(new StatementText(sql, start, sql.length(), current, false));
        }
        return statements;
    }
}
