package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;

/**
 * Parses SET, RESET and SHOW from tokens, as PostgreSQL's grammar has them:
 * {@code SET [SESSION] name {TO | =} {value [, ...] | DEFAULT}}, {@code SET TIME ZONE value},
 * {@code RESET {name | ALL}} and {@code SHOW {name | ALL}}. JSqlParser's forms of these differ.
 */
final class SettingStatementParser {
    /** The leading keywords this parser handles. */
    static final Set<String> KEYWORDS = Set.of("SET", "RESET", "SHOW");

    private final StatementText text;
    private final List<Token> tokens;
    private int index = 1;

    private SettingStatementParser(StatementText text) {
        this.text = text;
        this.tokens = text.tokens();
    }

    static ParsedStatement parse(StatementText text) {
        return new SettingStatementParser(text).parse();
    }

    private ParsedStatement parse() {
        switch (text.firstKeyword()) {
            case "SET" -> {
                if (acceptWord("local")) {
                    return unsupported("SET LOCAL");
                }
                acceptWord("session");
                if (peekWord("transaction") || peekWord("characteristics")) {
                    return unsupported("SET TRANSACTION");
                }
                if (peekWord("role") || peekWord("authorization")) {
                    return unsupported("SET ROLE");
                }
                if (acceptWord("time")) {
                    expectWord("zone");
                    String value = acceptWord("local") || acceptWord("default") ? null : values();
                    return command(SettingCommand.Kind.SET, "timezone", value);
                }
                String name = name();
                if (!acceptWord("to") && !acceptPunct("=")) {
                    throw syntaxError();
                }
                String value = acceptWord("default") ? null : values();
                return command(SettingCommand.Kind.SET, name, value);
            }
            case "RESET" -> {
                return command(SettingCommand.Kind.RESET, name(), null);
            }
            case "SHOW" -> {
                if (acceptWord("time")) {
                    expectWord("zone");
                    return command(SettingCommand.Kind.SHOW, "timezone", null);
                }
                if (acceptWord("transaction")) {
                    expectWord("isolation");
                    expectWord("level");
                    return command(SettingCommand.Kind.SHOW, "transaction_isolation", null);
                }
                return command(SettingCommand.Kind.SHOW, name(), null);
            }
            default -> throw new IllegalArgumentException("not a setting statement: " + text.firstKeyword());
        }
    }

    private ParsedStatement command(SettingCommand.Kind kind, String name, String value) {
        if (index < tokens.size()) {
            throw syntaxError();
        }
        return new ParsedStatement.Setting(text, new SettingCommand(kind, name, value));
    }

    /** A parameter name; custom parameters have a dotted prefix, e.g. {@code myapp.mode}. */
    private String name() {
        StringBuilder name = new StringBuilder(identifier());
        while (acceptPunct(".")) {
            name.append('.').append(identifier());
        }
        return name.toString();
    }

    private String identifier() {
        if (index < tokens.size()) {
            Token t = tokens.get(index);
            if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENT) {
                index++;
                return t.value();
            }
        }
        throw syntaxError();
    }

    /** One or more comma-separated values, joined as PostgreSQL shows a list setting. */
    private String values() {
        List<String> values = new ArrayList<>();
        do {
            values.add(value());
        } while (acceptPunct(","));
        return String.join(", ", values);
    }

    private String value() {
        if (index >= tokens.size()) {
            throw syntaxError();
        }
        Token t = tokens.get(index);
        String sign = "";
        if (t.isPunct("-") || t.isPunct("+")) {
            sign = t.value().equals("-") ? "-" : "";
            index++;
            if (index >= tokens.size() || tokens.get(index).kind() != Token.Kind.NUMBER) {
                throw syntaxError();
            }
            t = tokens.get(index);
        }
        switch (t.kind()) {
            case WORD, STRING, NUMBER -> {
                index++;
                return sign + t.value();
            }
            case QUOTED_IDENT -> {
                index++;
                return "\"" + t.value() + "\"";
            }
            default -> throw syntaxError();
        }
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

    private boolean acceptPunct(String punct) {
        if (index < tokens.size() && tokens.get(index).isPunct(punct)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    private DbException syntaxError() {
        return SyntaxErrors.at(text, index < tokens.size() ? tokens.get(index) : null);
    }
}
