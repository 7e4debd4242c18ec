package org.rustydb.execution.internal.parser;

import java.util.Set;

import org.rustydb.api.IsolationLevel;
import org.rustydb.api.SqlState;

/**
 * Parses PostgreSQL's transaction control statements from tokens: JSqlParser reads BEGIN as the
 * start of a block and does not know END, ABORT or the savepoint statements.
 */
final class TransactionStatementParser {
    /** The leading keywords this parser handles. */
    static final Set<String> KEYWORDS = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT",
            "RELEASE");

    /** The modes of BEGIN and SET TRANSACTION; null where not given. */
    record Modes(IsolationLevel isolation, Boolean readOnly) {
    }

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
            case "SAVEPOINT" -> {
                return savepoint(TransactionCommand.Kind.SAVEPOINT);
            }
            case "RELEASE" -> {
                acceptSavepointKeyword();
                return savepoint(TransactionCommand.Kind.RELEASE);
            }
            case "COMMIT", "END", "ROLLBACK", "ABORT" -> {
                boolean rollback = first.equals("ROLLBACK") || first.equals("ABORT");
                if (first.equals("COMMIT") || first.equals("ROLLBACK")) {
                    if (cursor.peekWord("prepared")) {
                        return unsupported(first + " PREPARED");
                    }
                }
                cursor.optional("work", "transaction");
                if (first.equals("ROLLBACK") && cursor.acceptWord("to")) {
                    acceptSavepointKeyword();
                    return savepoint(TransactionCommand.Kind.ROLLBACK_TO);
                }
                if (cursor.peekWord("and")) {
                    return unsupported(first + " AND CHAIN");
                }
                cursor.expectEnd();
                TransactionCommand.Kind kind = rollback ? TransactionCommand.Kind.ROLLBACK : TransactionCommand.Kind.COMMIT;
                return new ParsedStatement.TransactionControl(text,
                        new TransactionCommand(kind, null, null, rollback ? "ROLLBACK" : "COMMIT", null));
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

    /** {@code [SAVEPOINT] name}: SAVEPOINT is the keyword only when a name follows it. */
    private void acceptSavepointKeyword() {
        if (cursor.peekWord("savepoint") && cursor.hasMoreThanOne()) {
            cursor.advance();
        }
    }

    /** The savepoint name ends the statement; reserved keywords need quotes, as in PostgreSQL. */
    private ParsedStatement savepoint(TransactionCommand.Kind kind) {
        if (cursor.atEnd() || !QualifiedNames.isName(cursor.peek())) {
            throw cursor.syntaxError();
        }
        String name = cursor.peek().value();
        cursor.advance();
        cursor.expectEnd();
        return new ParsedStatement.TransactionControl(text, TransactionCommand.savepointCommand(kind, name));
    }

    private ParsedStatement begin() {
        Modes modes = modes(cursor);
        String tag = text.firstKeyword().equals("START") ? "START TRANSACTION" : "BEGIN";
        return new ParsedStatement.TransactionControl(text,
                new TransactionCommand(TransactionCommand.Kind.BEGIN, modes.isolation(), modes.readOnly(), tag, null));
    }

    /**
     * The transaction modes up to the end of the statement, separated by commas or spaces:
     * {@code ISOLATION LEVEL ...}, {@code READ ONLY}, {@code READ WRITE}, {@code [NOT] DEFERRABLE}
     * (accepted; it only matters to SERIALIZABLE READ ONLY transactions, which never wait here).
     */
    static Modes modes(TokenCursor cursor) {
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
        return new Modes(isolation, readOnly);
    }

    private ParsedStatement unsupported(String kind) {
        return new ParsedStatement.Unsupported(text, kind);
    }
}
