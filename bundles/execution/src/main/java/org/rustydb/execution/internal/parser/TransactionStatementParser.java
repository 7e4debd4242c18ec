package org.rustydb.execution.internal.parser;

import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
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
    private final List<Token> tokens;
    private int index;

    private TransactionStatementParser(StatementText text) {
        this.text = text;
        this.tokens = text.tokens();
    }

    static ParsedStatement parse(StatementText text) {
        return new TransactionStatementParser(text).parse();
    }

    private ParsedStatement parse() {
        String first = text.firstKeyword();
        index = 1;
        switch (first) {
            case "BEGIN" -> {
                optional("work", "transaction");
                return begin();
            }
            case "START" -> {
                expect("transaction");
                return begin();
            }
            case "COMMIT", "END", "ROLLBACK", "ABORT" -> {
                boolean rollback = first.equals("ROLLBACK") || first.equals("ABORT");
                if (first.equals("COMMIT") || first.equals("ROLLBACK")) {
                    if (peekWord("prepared")) {
                        return unsupported(first + " PREPARED");
                    }
                }
                optional("work", "transaction");
                if (rollback && peekWord("to")) {
                    return unsupported("ROLLBACK TO SAVEPOINT");
                }
                if (peekWord("and")) {
                    return unsupported(first + " AND CHAIN");
                }
                end();
                TransactionCommand.Kind kind = rollback ? TransactionCommand.Kind.ROLLBACK : TransactionCommand.Kind.COMMIT;
                return new ParsedStatement.TransactionControl(text,
                        new TransactionCommand(kind, null, null, rollback ? "ROLLBACK" : "COMMIT"));
            }
            default -> throw new IllegalArgumentException("not a transaction statement: " + first);
        }
    }

    private ParsedStatement begin() {
        IsolationLevel isolation = null;
        Boolean readOnly = null;
        boolean firstMode = true;
        while (index < tokens.size()) {
            if (!firstMode && tokens.get(index).isPunct(",")) {
                index++;
            }
            firstMode = false;
            if (acceptWord("isolation")) {
                expect("level");
                if (acceptWord("serializable")) {
                    isolation = IsolationLevel.SERIALIZABLE;
                } else if (acceptWord("repeatable")) {
                    expect("read");
                    isolation = IsolationLevel.REPEATABLE_READ;
                } else if (acceptWord("read")) {
                    if (acceptWord("committed")) {
                        isolation = IsolationLevel.READ_COMMITTED;
                    } else {
                        expect("uncommitted");
                        isolation = IsolationLevel.READ_UNCOMMITTED;
                    }
                } else {
                    throw syntaxError();
                }
            } else if (acceptWord("read")) {
                if (acceptWord("only")) {
                    readOnly = true;
                } else {
                    expect("write");
                    readOnly = false;
                }
            } else if (acceptWord("not")) {
                expect("deferrable");
            } else if (!acceptWord("deferrable")) {
                throw syntaxError();
            }
        }
        String tag = text.firstKeyword().equals("START") ? "START TRANSACTION" : "BEGIN";
        return new ParsedStatement.TransactionControl(text,
                new TransactionCommand(TransactionCommand.Kind.BEGIN, isolation, readOnly, tag));
    }

    private ParsedStatement unsupported(String kind) {
        return new ParsedStatement.Unsupported(text, kind);
    }

    private boolean peekWord(String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    private boolean acceptWord(String word) {
        if (peekWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    private void optional(String... words) {
        for (String w : words) {
            if (acceptWord(w)) {
                return;
            }
        }
    }

    private void expect(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    private void end() {
        if (index < tokens.size()) {
            throw syntaxError();
        }
    }

    private DbException syntaxError() {
        return SyntaxErrors.at(text, index < tokens.size() ? tokens.get(index) : null);
    }
}
