package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading (possibly qualified) relation names in the hand-written statement parsers. */
final class QualifiedNames {
    /**
     * PostgreSQL's reserved and type/function-name keywords: none of them can name an index or a
     * column without quotes (so {@code CREATE INDEX IF NOT EXISTS ON t} is a syntax error at ON).
     */
    static final Set<String> NOT_NAMES = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with", "authorization", "binary", "collation", "concurrently", "cross", "current_schema",
            "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer",
            "overlaps", "right", "similar", "tablesample", "verbose");

    private QualifiedNames() {
    }

    /** {@code name}, {@code schema.name} or {@code database.schema.name}. */
    static IndexCommand.QualifiedName read(TokenCursor cursor) {
        List<String> parts = new ArrayList<>();
        parts.add(name(cursor));
        while (parts.size() < 3 && cursor.acceptPunct(".")) {
            parts.add(name(cursor));
        }
        return switch (parts.size()) {
            case 1 -> new IndexCommand.QualifiedName(null, null, parts.get(0));
            case 2 -> new IndexCommand.QualifiedName(null, parts.get(0), parts.get(1));
            default -> new IndexCommand.QualifiedName(parts.get(0), parts.get(1), parts.get(2));
        };
    }

    /** One unqualified name; a syntax error at anything else. */
    static String name(TokenCursor cursor) {
        if (!cursor.atEnd() && isName(cursor.peek())) {
            String value = cursor.peek().value();
            cursor.advance();
            return value;
        }
        throw cursor.syntaxError();
    }

    static boolean isName(Token t) {
        return t.kind() == Token.Kind.QUOTED_IDENT || (t.kind() == Token.Kind.WORD && !NOT_NAMES.contains(t.value()));
    }
}
