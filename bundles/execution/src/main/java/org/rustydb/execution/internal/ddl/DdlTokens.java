package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.ExpressionText;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.parser.SyntaxErrors;
import org.rustydb.execution.internal.parser.Token;

/** Walks tokens for the hand-written DDL parsers of this package (sequences, ALTER TABLE, TRUNCATE). */
final class DdlTokens {
    /** Reserved words that cannot be names without quotes (a subset of PostgreSQL's, enough here). */
    private static final Set<String> RESERVED = Set.of("add", "all", "alter", "and", "as", "cascade", "check",
            "column", "constraint", "create", "default", "drop", "from", "foreign", "not", "null", "on", "only",
            "or", "primary", "references", "rename", "restrict", "select", "set", "table", "to", "unique", "where",
            "with");

    final StatementText text;
    private final List<Token> tokens;
    private final int end;
    int index;

    DdlTokens(StatementText text, int from) {
        this(text, text.tokens(), from, text.tokens().size());
    }

    DdlTokens(StatementText text, List<Token> tokens, int from, int end) {
        this.text = text;
        this.tokens = tokens;
        this.index = from;
        this.end = end;
    }

    boolean atEnd() {
        return index >= end;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token next() {
        if (atEnd()) {
            throw syntaxError();
        }
        return tokens.get(index++);
    }

    boolean peekWord(String word) {
        return !atEnd() && peek().isWord(word);
    }

    boolean peekWordAt(int offset, String word) {
        return index + offset < end && tokens.get(index + offset).isWord(word);
    }

    boolean acceptWord(String word) {
        if (peekWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peekWordAt(i, words[i])) {
                return false;
            }
        }
        index += words.length;
        return true;
    }

    boolean peekPunct(String punct) {
        return !atEnd() && peek().isPunct(punct);
    }

    boolean acceptPunct(String punct) {
        if (peekPunct(punct)) {
            index++;
            return true;
        }
        return false;
    }

    void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntaxError();
        }
    }

    void expectPunct(String punct) {
        if (!acceptPunct(punct)) {
            throw syntaxError();
        }
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntaxError();
        }
    }

    /** An identifier: a quoted one, or a word that is not reserved. */
    String name() {
        if (!atEnd() && (peek().kind() == Token.Kind.QUOTED_IDENT
                || (peek().kind() == Token.Kind.WORD && !RESERVED.contains(peek().value())))) {
            return tokens.get(index++).value();
        }
        throw syntaxError();
    }

    /** {@code name} or {@code schema.name}: [schema or null, name]. */
    String[] qualifiedName() {
        String first = name();
        if (acceptPunct(".")) {
            String second = name();
            if (acceptPunct(".")) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: %s",
                        first + "." + second + "." + name());
            }
            return new String[] {first, second};
        }
        return new String[] {null, first};
    }

    /** What follows DROP and its object kind: [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropList(boolean ifExists, List<String[]> names, boolean cascade) {
    }

    /** Reads the rest of {@code DROP <kind> ...} to the end of the statement. */
    DropList dropList(String kind) {
        expectWord(kind);
        boolean ifExists = acceptWords("if", "exists");
        List<String[]> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (acceptPunct(","));
        boolean cascade = acceptWord("cascade");
        if (!cascade) {
            acceptWord("restrict");
        }
        expectEnd();
        return new DropList(ifExists, names, cascade);
    }

    /** A signed integer constant; 22003 when it does not fit a bigint. */
    long signedInteger() {
        boolean negative = false;
        if (!atEnd() && peek().kind() == Token.Kind.OPERATOR && (peek().value().equals("-") || peek().value().equals("+"))) {
            negative = peek().value().equals("-");
            index++;
        }
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER || !t.value().chars().allMatch(Character::isDigit)) {
            index--;
            throw syntaxError();
        }
        try {
            return Long.parseLong((negative ? "-" : "") + t.value());
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"%s\" is out of range for type bigint",
                    t.value());
        }
    }

    /**
     * The expression from here to the next top-level word of {@code stops} (or the end), at least
     * one token long.
     */
    ExpressionText expressionUntil(Set<String> stops) {
        int depth = 0;
        int i = index;
        for (; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && i > index && t.kind() == Token.Kind.WORD && stops.contains(t.value())) {
                break;
            } else if (depth == 0 && t.isPunct(",")) {
                break;
            }
        }
        if (i == index) {
            throw syntaxError();
        }
        ExpressionText expression = ExpressionText.parse(text, tokens.get(index).start(), tokens.get(i - 1).end());
        index = i;
        return expression;
    }

    /** A type name as written: its words, its (arguments), whether [] follows, and where it starts. */
    record TypeName(String name, List<String> arguments, boolean array, int position) {
    }

    /**
     * Reads a type name: words up to one {@code ends} says ends it (or a quoted name alone), then
     * optional (arguments) and [] pairs; 42601 when there is no name.
     */
    TypeName typeName(java.util.function.Predicate<Token> ends) {
        int typePosition = position();
        StringBuilder type = new StringBuilder();
        while (!atEnd() && (peek().kind() == Token.Kind.WORD && !ends.test(peek())
                || (type.length() == 0 && peek().kind() == Token.Kind.QUOTED_IDENT))) {
            type.append(type.length() == 0 ? "" : " ").append(next().value());
        }
        if (type.length() == 0) {
            throw syntaxError();
        }
        List<String> arguments = new ArrayList<>();
        if (acceptPunct("(")) {
            do {
                arguments.add(next().value());
            } while (acceptPunct(","));
            expectPunct(")");
        }
        boolean array = false;
        while (acceptPunct("[")) {
            acceptPunct("]");
            array = true;
        }
        return new TypeName(type.toString(), arguments, array, typePosition);
    }

    int position() {
        return atEnd() ? 0 : text.position(peek().start());
    }

    DbException syntaxError() {
        return SyntaxErrors.at(text, atEnd() ? null : peek());
    }
}
