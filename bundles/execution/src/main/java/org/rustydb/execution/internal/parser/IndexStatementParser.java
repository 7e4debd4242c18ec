package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses CREATE INDEX and DROP INDEX from tokens with PostgreSQL's grammar. Everything the grammar
 * allows is read, so that a syntax error is one in PostgreSQL too; what this engine does not
 * support (expressions, DESC, partial indexes...) is remembered and refused when the statement runs.
 */
final class IndexStatementParser {
    /**
     * PostgreSQL's reserved and type/function-name keywords: none of them can name an index or a
     * column without quotes (so {@code CREATE INDEX IF NOT EXISTS ON t} is a syntax error at ON).
     */
    private static final Set<String> NOT_NAMES = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
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

    private final TokenCursor cursor;
    private String unsupported;

    private IndexStatementParser(StatementText text) {
        this.cursor = new TokenCursor(text);
    }

    /** True for the statements this parser reads: CREATE [UNIQUE] INDEX and DROP INDEX. */
    static boolean handles(StatementText text) {
        String first = text.firstKeyword();
        if (!first.equals("CREATE") && !first.equals("DROP")) {
            return false;
        }
        String kind = StatementKinds.describe(text);
        return kind.equals("CREATE INDEX") || kind.equals("DROP INDEX");
    }

    static ParsedStatement parse(StatementText text) {
        IndexStatementParser parser = new IndexStatementParser(text);
        IndexCommand command = text.firstKeyword().equals("CREATE") ? parser.create() : parser.drop();
        return new ParsedStatement.Index(text, command);
    }

    /** Remembers the first unsupported feature; {@code subject} includes its verb ("... is"). */
    private void unsupported(String subject) {
        if (unsupported == null) {
            unsupported = subject;
        }
    }

    private IndexCommand.CreateIndex create() {
        boolean unique = cursor.acceptWord("unique");
        cursor.expectWord("index");
        if (cursor.acceptWord("concurrently")) {
            unsupported("CREATE INDEX CONCURRENTLY is");
        }
        boolean ifNotExists = false;
        String name = null;
        if (cursor.acceptWord("if")) {
            cursor.expectWord("not");
            cursor.expectWord("exists");
            ifNotExists = true;
            name = name();
        } else if (!cursor.peekWord("on")) {
            name = name();
        }
        cursor.expectWord("on");
        cursor.acceptWord("only");
        IndexCommand.QualifiedName table = qualifiedName();
        String method = "btree";
        if (cursor.acceptWord("using")) {
            method = name();
        }
        expectPunct("(");
        List<String> columns = new ArrayList<>();
        do {
            columns.add(element());
        } while (cursor.acceptPunct(","));
        expectPunct(")");
        tail();
        return new IndexCommand.CreateIndex(unique, ifNotExists, name, table, method, columns, unsupported);
    }

    /** What may follow the column list: INCLUDE, NULLS [NOT] DISTINCT, WITH, TABLESPACE, WHERE. */
    private void tail() {
        if (cursor.acceptWord("include")) {
            unsupported("INCLUDE is");
            expectPunct("(");
            do {
                name();
            } while (cursor.acceptPunct(","));
            expectPunct(")");
        }
        if (cursor.acceptWord("nulls")) {
            if (cursor.acceptWord("not")) {
                unsupported("NULLS NOT DISTINCT is");
            }
            cursor.expectWord("distinct");
        }
        if (cursor.acceptWord("with")) {
            unsupported("index storage parameters are");
            expectPunct("(");
            skipParenthesized();
        }
        if (cursor.acceptWord("tablespace")) {
            unsupported("TABLESPACE is");
            name();
        }
        if (cursor.acceptWord("where")) {
            unsupported("partial indexes (WHERE) are");
            if (cursor.atEnd()) {
                throw cursor.syntaxError();
            }
            while (!cursor.atEnd()) {
                cursor.advance();
            }
        }
        cursor.expectEnd();
    }

    /** One index element: a column name with options, or an expression (null). */
    private String element() {
        String column = null;
        if (cursor.acceptPunct("(")) {
            skipParenthesized();
            unsupported("index expressions are");
        } else {
            String first = name();
            boolean call;
            if (cursor.acceptPunct(".")) {
                // only a qualified function call can continue this way
                name();
                expectPunct("(");
                call = true;
            } else {
                call = cursor.acceptPunct("(");
            }
            if (call) {
                skipParenthesized();
                unsupported("index expressions are");
            } else {
                column = first;
            }
        }
        if (cursor.acceptWord("collate")) {
            unsupported("COLLATE in index columns is");
            qualifiedName();
        }
        if (!cursor.atEnd() && isName(cursor.peek()) && !cursor.peekWord("nulls")) {
            unsupported("operator classes are");
            qualifiedName();
            if (cursor.acceptPunct("(")) {
                skipParenthesized();
            }
        }
        if (cursor.acceptWord("desc")) {
            unsupported("descending index columns are");
        } else {
            cursor.acceptWord("asc");
        }
        if (cursor.acceptWord("nulls")) {
            if (cursor.acceptWord("first")) {
                unsupported("NULLS FIRST is");
            } else {
                cursor.expectWord("last");
            }
        }
        return column;
    }

    private IndexCommand.DropIndex drop() {
        cursor.expectWord("index");
        boolean concurrently = cursor.acceptWord("concurrently");
        if (concurrently) {
            unsupported("DROP INDEX CONCURRENTLY is");
        }
        boolean ifExists = false;
        if (cursor.acceptWord("if")) {
            cursor.expectWord("exists");
            ifExists = true;
        }
        List<IndexCommand.QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (cursor.acceptPunct(","));
        boolean cascade = cursor.acceptWord("cascade");
        if (!cascade) {
            cursor.acceptWord("restrict");
        }
        cursor.expectEnd();
        return new IndexCommand.DropIndex(ifExists, names, cascade, unsupported);
    }

    /** {@code name}, {@code schema.name} or {@code database.schema.name}. */
    private IndexCommand.QualifiedName qualifiedName() {
        List<String> parts = new ArrayList<>();
        parts.add(name());
        while (parts.size() < 3 && cursor.acceptPunct(".")) {
            parts.add(name());
        }
        return switch (parts.size()) {
            case 1 -> new IndexCommand.QualifiedName(null, null, parts.get(0));
            case 2 -> new IndexCommand.QualifiedName(null, parts.get(0), parts.get(1));
            default -> new IndexCommand.QualifiedName(parts.get(0), parts.get(1), parts.get(2));
        };
    }

    private String name() {
        if (!cursor.atEnd() && isName(cursor.peek())) {
            String value = cursor.peek().value();
            cursor.advance();
            return value;
        }
        throw cursor.syntaxError();
    }

    private static boolean isName(Token t) {
        return t.kind() == Token.Kind.QUOTED_IDENT || (t.kind() == Token.Kind.WORD && !NOT_NAMES.contains(t.value()));
    }

    private void expectPunct(String punct) {
        if (!cursor.acceptPunct(punct)) {
            throw cursor.syntaxError();
        }
    }

    /** Skips to the parenthesis closing one already consumed; a missing one is a syntax error. */
    private void skipParenthesized() {
        int depth = 1;
        while (depth > 0) {
            if (cursor.atEnd()) {
                throw cursor.syntaxError();
            }
            Token t = cursor.peek();
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            }
            cursor.advance();
        }
    }
}
