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
            name = QualifiedNames.name(cursor);
        } else if (!cursor.peekWord("on")) {
            name = QualifiedNames.name(cursor);
        }
        cursor.expectWord("on");
        cursor.acceptWord("only");
        IndexCommand.QualifiedName table = QualifiedNames.read(cursor);
        String method = "btree";
        if (cursor.acceptWord("using")) {
            method = QualifiedNames.name(cursor);
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
                QualifiedNames.name(cursor);
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
            QualifiedNames.name(cursor);
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
            String first = QualifiedNames.name(cursor);
            boolean call;
            if (cursor.acceptPunct(".")) {
                // only a qualified function call can continue this way
                QualifiedNames.name(cursor);
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
            QualifiedNames.read(cursor);
        }
        if (!cursor.atEnd() && QualifiedNames.isName(cursor.peek()) && !cursor.peekWord("nulls")) {
            unsupported("operator classes are");
            QualifiedNames.read(cursor);
            if (cursor.acceptPunct("(")) {
                skipParenthesized();
            }
        }
        // DESC keeps the entries ascending: lookups and ranges do not care, and read backwards the
        // index gives DESC NULLS FIRST order, which is what a DESC column holds
        boolean descending = cursor.acceptWord("desc");
        if (!descending) {
            cursor.acceptWord("asc");
        }
        if (cursor.acceptWord("nulls")) {
            if (cursor.acceptWord("first")) {
                if (!descending) {
                    unsupported("NULLS FIRST is");
                }
            } else {
                cursor.expectWord("last");
                if (descending) {
                    unsupported("DESC NULLS LAST is");
                }
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
            names.add(QualifiedNames.read(cursor));
        } while (cursor.acceptPunct(","));
        boolean cascade = cursor.acceptWord("cascade");
        if (!cascade) {
            cursor.acceptWord("restrict");
        }
        cursor.expectEnd();
        return new IndexCommand.DropIndex(ifExists, names, cascade, unsupported);
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
