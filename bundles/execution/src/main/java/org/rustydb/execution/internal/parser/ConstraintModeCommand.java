package org.rustydb.execution.internal.parser;

import java.util.List;

/**
 * {@code SET CONSTRAINTS {ALL | name [, ...]} {DEFERRED | IMMEDIATE}}.
 *
 * @param names    the constraints named, or empty for ALL
 * @param deferred DEFERRED rather than IMMEDIATE
 */
public record ConstraintModeCommand(List<IndexCommand.QualifiedName> names, boolean deferred) {
    public ConstraintModeCommand {
        names = List.copyOf(names);
    }

    public boolean all() {
        return names.isEmpty();
    }

    /** True for SET CONSTRAINTS (and not a setting named so, which PostgreSQL's grammar does not allow). */
    static boolean handles(StatementText text) {
        return text.firstKeyword().equals("SET") && text.tokens().size() > 1 && text.tokens().get(1).isWord("constraints");
    }

    static ParsedStatement parse(StatementText text) {
        TokenCursor cursor = new TokenCursor(text);
        cursor.expectWord("constraints");
        List<IndexCommand.QualifiedName> names = new java.util.ArrayList<>();
        if (!cursor.acceptWord("all")) {
            do {
                String first = name(cursor);
                if (cursor.acceptPunct(".")) {
                    names.add(new IndexCommand.QualifiedName(null, first, name(cursor)));
                } else {
                    names.add(new IndexCommand.QualifiedName(null, null, first));
                }
            } while (cursor.acceptPunct(","));
        }
        boolean deferred = cursor.acceptWord("deferred");
        if (!deferred) {
            cursor.expectWord("immediate");
        }
        cursor.expectEnd();
        return new ParsedStatement.SetConstraints(text, new ConstraintModeCommand(names, deferred));
    }

    private static String name(TokenCursor cursor) {
        if (!cursor.atEnd() && (cursor.peek().kind() == Token.Kind.WORD
                || cursor.peek().kind() == Token.Kind.QUOTED_IDENT)) {
            String value = cursor.peek().value();
            cursor.advance();
            return value;
        }
        throw cursor.syntaxError();
    }
}
