package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;


/**
 * Parses SET, RESET and SHOW from tokens, as PostgreSQL's grammar has them:
 * {@code SET [SESSION | LOCAL] name {TO | =} {value [, ...] | DEFAULT}},
 * {@code SET [SESSION | LOCAL] TIME ZONE {value | LOCAL | DEFAULT}},
 * {@code SET [SESSION | LOCAL] ROLE {name | NONE}},
 * {@code SET [SESSION | LOCAL] SESSION AUTHORIZATION {name | DEFAULT}},
 * {@code RESET {name | ALL | SESSION AUTHORIZATION}} and {@code SHOW {name | ALL | SESSION AUTHORIZATION}}. JSqlParser's forms of these differ.
 */
final class SettingStatementParser {
    /** The leading keywords this parser handles. */
    static final Set<String> KEYWORDS = Set.of("SET", "RESET", "SHOW");

    private final StatementText text;
    private final TokenCursor cursor;

    private SettingStatementParser(StatementText text) {
        this.text = text;
        this.cursor = new TokenCursor(text);
    }

    static ParsedStatement parse(StatementText text) {
        return new SettingStatementParser(text).parse();
    }

    private ParsedStatement parse() {
        switch (text.firstKeyword()) {
            case "SET" -> {
                boolean local = cursor.acceptWord("local");
                boolean session = !local && cursor.acceptWord("session");
                if (session && cursor.acceptWord("characteristics")) {
                    return sessionCharacteristics();
                }
                if (cursor.acceptWord("transaction")) {
                    return setTransaction();
                }
                if (session && cursor.peekWord("authorization") || cursor.acceptWord("session")) {
                    cursor.expectWord("authorization");
                    List<SettingCommand.Argument> value = cursor.acceptWord("default") ? null : List.of(roleName());
                    return set("session_authorization", value, local);
                }
                String name = null;
                if (cursor.peekWord("role") && cursor.hasMoreThanOne()) {
                    cursor.advance();
                    if (!cursor.peekWord("to") && !cursor.peek().isPunct("=")) {
                        return set("role", List.of(roleName()), local);
                    }
                    name = "role"; // SET role TO value: the general form
                }
                if (cursor.acceptWord("time")) {
                    cursor.expectWord("zone");
                    if (cursor.peekWord("interval")) {
                        return unsupported("SET TIME ZONE INTERVAL");
                    }
                    List<SettingCommand.Argument> value =
                            cursor.acceptWord("local") || cursor.acceptWord("default") ? null : values();
                    return set("timezone", value, local);
                }
                if (name == null) {
                    name = name();
                }
                if (!cursor.acceptWord("to") && !cursor.acceptPunct("=")) {
                    throw cursor.syntaxError();
                }
                List<SettingCommand.Argument> value = cursor.acceptWord("default") ? null : values();
                return set(name, value, local);
            }
            case "RESET" -> {
                if (cursor.acceptWord("session")) {
                    cursor.expectWord("authorization");
                    return command(SettingCommand.Kind.RESET, "session_authorization", null);
                }
                return command(SettingCommand.Kind.RESET, name(), null);
            }
            case "SHOW" -> {
                if (cursor.acceptWord("time")) {
                    cursor.expectWord("zone");
                    return command(SettingCommand.Kind.SHOW, "timezone", null);
                }
                if (cursor.acceptWord("session")) {
                    cursor.expectWord("authorization");
                    return command(SettingCommand.Kind.SHOW, "session_authorization", null);
                }
                if (cursor.acceptWord("transaction")) {
                    cursor.expectWord("isolation");
                    cursor.expectWord("level");
                    return command(SettingCommand.Kind.SHOW, "transaction_isolation", null);
                }
                return command(SettingCommand.Kind.SHOW, name(), null);
            }
            default -> throw new IllegalArgumentException("not a setting statement: " + text.firstKeyword());
        }
    }

    /**
     * {@code SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ...}: PostgreSQL's spelling
     * of setting default_transaction_isolation. The other modes (READ ONLY, DEFERRABLE) are not
     * acted on yet.
     */
    private ParsedStatement sessionCharacteristics() {
        cursor.expectWord("as");
        cursor.expectWord("transaction");
        if (!cursor.acceptWord("isolation")) {
            return unsupported("SET SESSION CHARACTERISTICS other than ISOLATION LEVEL");
        }
        String level = TransactionStatementParser.isolationLevel(cursor).sqlName();
        if (!cursor.atEnd()) {
            return unsupported("SET SESSION CHARACTERISTICS other than ISOLATION LEVEL");
        }
        return command(SettingCommand.Kind.SET, "default_transaction_isolation", level);
    }

    /** {@code SET [SESSION] TRANSACTION mode [, ...]}: the modes of the current transaction. */
    private ParsedStatement setTransaction() {
        if (cursor.peekWord("snapshot")) {
            return unsupported("SET TRANSACTION SNAPSHOT");
        }
        if (cursor.atEnd()) {
            throw cursor.syntaxError();
        }
        TransactionStatementParser.Modes modes = TransactionStatementParser.modes(cursor);
        return new ParsedStatement.TransactionControl(text, new TransactionCommand(
                TransactionCommand.Kind.SET_TRANSACTION, modes.isolation(), modes.readOnly(), "SET", null));
    }

    private ParsedStatement command(SettingCommand.Kind kind, String name, String value) {
        cursor.expectEnd();
        return new ParsedStatement.Setting(text, new SettingCommand(kind, name, value));
    }

    private ParsedStatement set(String name, List<SettingCommand.Argument> value, boolean local) {
        cursor.expectEnd();
        return new ParsedStatement.Setting(text, new SettingCommand(SettingCommand.Kind.SET, name, value, local));
    }

    /** A parameter name; custom parameters have a dotted prefix, e.g. {@code myapp.mode}. */
    private String name() {
        StringBuilder name = new StringBuilder(identifier());
        while (cursor.acceptPunct(".")) {
            name.append('.').append(identifier());
        }
        return name.toString();
    }

    private String identifier() {
        if (!cursor.atEnd()) {
            Token t = cursor.peek();
            if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) {
                cursor.advance();
                return t.value();
            }
        }
        throw cursor.syntaxError();
    }

    /** The role of SET ROLE and SET SESSION AUTHORIZATION: a name or a string (NONE is the name none). */
    private SettingCommand.Argument roleName() {
        if (!cursor.atEnd()) {
            Token t = cursor.peek();
            boolean keyword = t.kind() == Token.Kind.WORD && QualifiedNames.NOT_NAMES.contains(t.value());
            if (t.kind() == Token.Kind.WORD && !keyword || t.kind() == Token.Kind.QUOTED_IDENT
                    || t.kind() == Token.Kind.STRING) {
                cursor.advance();
                return new SettingCommand.Argument(t.value(), false);
            }
        }
        throw cursor.syntaxError();
    }

    /** One or more comma-separated values; the setting decides how they combine. */
    private List<SettingCommand.Argument> values() {
        List<SettingCommand.Argument> values = new ArrayList<>();
        do {
            values.add(value());
        } while (cursor.acceptPunct(","));
        return values;
    }

    private SettingCommand.Argument value() {
        if (cursor.atEnd()) {
            throw cursor.syntaxError();
        }
        Token t = cursor.peek();
        String sign = "";
        if (t.isPunct("-") || t.isPunct("+")) {
            sign = t.value().equals("-") ? "-" : "";
            cursor.advance();
            if (cursor.atEnd() || cursor.peek().kind() != Token.Kind.NUMBER) {
                throw cursor.syntaxError();
            }
            t = cursor.peek();
        }
        switch (t.kind()) {
            case NUMBER -> {
                cursor.advance();
                return new SettingCommand.Argument(sign + t.value(), true);
            }
            case WORD, STRING, QUOTED_IDENT -> {
                cursor.advance();
                return new SettingCommand.Argument(t.value(), false);
            }
            default -> throw cursor.syntaxError();
        }
    }

    private ParsedStatement unsupported(String kind) {
        return new ParsedStatement.Unsupported(text, kind);
    }
}
