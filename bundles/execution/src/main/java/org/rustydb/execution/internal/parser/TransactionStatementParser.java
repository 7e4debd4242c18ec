package org.rustydb.execution.internal.parser;

import java.util.Set;

import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;

/**
 * Parses PostgreSQL's transaction control statements from tokens: JSqlParser reads BEGIN as the
 * start of a block and does not know END or ABORT.
 */
final class TransactionStatementParser {
    /** The leading keywords this parser handles. */
    static final Set<String> KEYWORDS = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT");

    private final StatementText text;
    private final TokenCursor cursor;

    private TransactionStatementParser(StatementText text) {
        this.text = text;
        this.cursor = new TokenCursor(text);
    }

    static ParsedStatement parse(StatementText text) {
        return new TransactionStatementParser(text).parse();
    }

    private ParsedStatement parse() {
        String first = text.firstKeyword();
        switch (first) {
            case "BEGIN" -> {
                cursor.optional("work", "transaction");
                return begin();
            }
            case "START" -> {
                cursor.expectWord("transaction");
                return begin();
            }
            case "COMMIT", "END", "ROLLBACK", "ABORT" -> {
                boolean rollback = first.equals("ROLLBACK") || first.equals("ABORT");
                if (first.equals("COMMIT") || first.equals("ROLLBACK")) {
                    if (cursor.peekWord("prepared")) {
                        return unsupported(first + " PREPARED");
                    }
                }
                cursor.optional("work", "transaction");
                if (rollback && cursor.peekWord("to")) {
                    return unsupported("ROLLBACK TO SAVEPOINT");
                }
                if (cursor.peekWord("and")) {
                    return unsupported(first + " AND CHAIN");
                }
                cursor.expectEnd();
                TransactionCommand.Kind kind = rollback ? TransactionCommand.Kind.ROLLBACK : TransactionCommand.Kind.COMMIT;
                return new ParsedStatement.TransactionControl(text,
                        new TransactionCommand(kind, null, null, rollback ? "ROLLBACK" : "COMMIT"));
            }
            default -> throw new IllegalArgumentException("not a transaction statement: " + first);
        }
    }

    /** The level after ISOLATION: {@code LEVEL SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED}. */
    static IsolationLevel isolationLevel(TokenCursor cursor) {
        cursor.expectWord("level");
        if (cursor.acceptWord("serializable")) {
            return IsolationLevel.SERIALIZABLE;
        }
        if (cursor.acceptWord("repeatable")) {
            cursor.expectWord("read");
            return IsolationLevel.REPEATABLE_READ;
        }
        if (cursor.acceptWord("read")) {
            if (cursor.acceptWord("committed")) {
                return IsolationLevel.READ_COMMITTED;
            }
            cursor.expectWord("uncommitted");
            return IsolationLevel.READ_UNCOMMITTED;
        }
        throw cursor.syntaxError();
    }

    private ParsedStatement begin() {
        IsolationLevel isolation = null;
        Boolean readOnly = null;
        boolean firstMode = true;
        while (!cursor.atEnd()) {
            if (!firstMode) {
                cursor.acceptPunct(",");
            }
            firstMode = false;
            if (cursor.acceptWord("isolation")) {
                isolation = isolationLevel(cursor);
            } else if (cursor.acceptWord("read")) {
                if (cursor.acceptWord("only")) {
                    readOnly = true;
                } else {
                    cursor.expectWord("write");
                    readOnly = false;
                }
            } else if (cursor.acceptWord("not")) {
                cursor.expectWord("deferrable");
            } else if (!cursor.acceptWord("deferrable")) {
                throw cursor.syntaxError();
            }
        }
        String tag = text.firstKeyword().equals("START") ? "START TRANSACTION" : "BEGIN";
        return new ParsedStatement.TransactionControl(text,
                new TransactionCommand(TransactionCommand.Kind.BEGIN, isolation, readOnly, tag));
    }

    private ParsedStatement unsupported(String kind) {
        return new ParsedStatement.Unsupported(text, kind);
    }
}
