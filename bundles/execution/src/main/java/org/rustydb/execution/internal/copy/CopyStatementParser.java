package org.rustydb.execution.internal.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.parser.IndexCommand;
import org.rustydb.execution.internal.parser.StatementText;
import org.rustydb.execution.internal.parser.SyntaxErrors;
import org.rustydb.execution.internal.parser.Token;

/**
 * Parses COPY in both of PostgreSQL's syntaxes: the option list {@code WITH (FORMAT csv, ...)} and
 * the older keywords pgbench and psql still send ({@code WITH CSV HEADER}, {@code DELIMITER ','}).
 */
public final class CopyStatementParser {
    private final StatementText text;
    private final List<Token> tokens;
    private int index = 1;

    private CopyStatementParser(StatementText text) {
        this.text = text;
        this.tokens = text.tokens();
    }

    /** Parses a statement starting with COPY; 42601 or the option errors PostgreSQL gives. */
    public static CopyCommand parse(StatementText text) {
        return new CopyStatementParser(text).parse();
    }

    private CopyCommand parse() {
        IndexCommand.QualifiedName table = null;
        List<String> columns = new ArrayList<>();
        StatementText query = null;
        if (acceptPunct("(")) {
            query = queryText();
        } else {
            table = qualifiedName();
            if (acceptPunct("(")) {
                do {
                    columns.add(name());
                } while (acceptPunct(","));
                expectPunct(")");
            }
        }
        boolean from;
        if (acceptWord("from")) {
            from = true;
            if (query != null) {
                throw SyntaxErrors.at(text, tokens.get(index - 1));
            }
        } else if (acceptWord("to")) {
            from = false;
        } else {
            throw syntaxError();
        }
        String file = null;
        if (acceptWord("program")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY %s PROGRAM is not supported",
                    from ? "FROM" : "TO");
        }
        if (!acceptWord(from ? "stdin" : "stdout")) {
            if (atEnd() || peek().kind() != Token.Kind.STRING) {
                throw syntaxError();
            }
            file = peek().value();
            index++;
        }
        CopyOptions options = new CopyOptions();
        Set<String> seen = new HashSet<>();
        acceptWord("with");
        if (acceptPunct("(")) {
            do {
                option(options, seen, from);
            } while (acceptPunct(","));
            expectPunct(")");
        } else {
            while (!atEnd() && peek().kind() == Token.Kind.WORD) {
                oldOption(options, seen, from);
            }
        }
        if (!atEnd() && peek().isWord("where")) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM ... WHERE is not supported yet");
        }
        if (!atEnd()) {
            throw syntaxError();
        }
        options.finish(from);
        return new CopyCommand(table, columns, query, from, file, options);
    }

    /** The tokens up to the parenthesis closing the one just read, as a statement of their own. */
    private StatementText queryText() {
        int depth = 1;
        int first = index;
        while (index < tokens.size()) {
            Token t = tokens.get(index);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")") && --depth == 0) {
                break;
            }
            index++;
        }
        if (index >= tokens.size() || index == first) {
            throw syntaxError();
        }
        List<Token> inner = tokens.subList(first, index);
        index++; // the closing parenthesis
        return new StatementText(text.sql(), inner.get(0).start(), inner.get(inner.size() - 1).end(), inner, false);
    }

    /** One option of the parenthesized list: a name and an optional value. */
    private void option(CopyOptions options, Set<String> seen, boolean from) {
        Token nameToken = atEnd() ? null : peek();
        String option = name();
        if (!seen.add(option)) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                    .withPosition(text.position(nameToken.start()));
        }
        switch (option) {
            case "format" -> {
                try {
                    options.format(value());
                } catch (DbException e) {
                    throw e.withPosition(text.position(nameToken.start()));
                }
            }
            case "freeze" -> optionalValue();
            case "delimiter" -> options.delimiter = CopyOptions.singleByte(value(), "delimiter");
            case "null" -> options.nullText = value();
            case "header" -> options.header(optionalValue(), from);
            case "quote" -> options.quote = CopyOptions.singleByte(value(), "quote");
            case "escape" -> options.escape = CopyOptions.singleByte(value(), "escape");
            case "force_quote" -> options.forceQuote = columnList(true);
            case "force_not_null" -> options.forceNotNull = columnList(false);
            case "force_null" -> options.forceNull = columnList(false);
            case "encoding" -> options.encoding(value());
            default -> throw DbException.of(SqlState.SYNTAX_ERROR, "option \"%s\" not recognized", option)
                    .withPosition(text.position(nameToken.start()));
        }
    }

    /** One option of the old syntax: BINARY, DELIMITER [AS] 'x', NULL [AS] 'x', CSV, HEADER, QUOTE... */
    private void oldOption(CopyOptions options, Set<String> seen, boolean from) {
        Token t = peek();
        String word = t.value();
        index++;
        String key = switch (word) {
            case "binary", "csv" -> "format";
            case "force" -> acceptWord("quote") ? "force_quote" : forceNotNull();
            default -> word;
        };
        if (!seen.add(key)) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                    .withPosition(text.position(t.start()));
        }
        switch (word) {
            case "binary" -> options.format("binary");
            case "csv" -> options.format("csv");
            case "header" -> options.header(null, from);
            case "freeze" -> { }
            case "delimiter" -> options.delimiter = CopyOptions.singleByte(asString(), "delimiter");
            case "null" -> options.nullText = asString();
            case "quote" -> options.quote = CopyOptions.singleByte(asString(), "quote");
            case "escape" -> options.escape = CopyOptions.singleByte(asString(), "escape");
            case "encoding" -> options.encoding(asString());
            case "force" -> {
                if (key.equals("force_quote")) {
                    options.forceQuote = acceptPunct("*") ? new CopyOptions.ColumnList(null) : bareColumns();
                } else {
                    options.forceNotNull = bareColumns();
                }
            }
            default -> throw SyntaxErrors.at(text, t);
        }
    }

    private String forceNotNull() {
        expectWord("not");
        expectWord("null");
        return "force_not_null";
    }

    /** {@code [AS] 'string'} of the old syntax. */
    private String asString() {
        acceptWord("as");
        if (atEnd() || peek().kind() != Token.Kind.STRING) {
            throw syntaxError();
        }
        return tokens.get(index++).value();
    }

    private CopyOptions.ColumnList bareColumns() {
        List<String> names = new ArrayList<>();
        do {
            names.add(name());
        } while (acceptPunct(","));
        return new CopyOptions.ColumnList(names);
    }

    /** {@code *} (where allowed) or a parenthesized column list. */
    private CopyOptions.ColumnList columnList(boolean star) {
        if (star && acceptPunct("*")) {
            return new CopyOptions.ColumnList(null);
        }
        expectPunct("(");
        CopyOptions.ColumnList list = bareColumns();
        expectPunct(")");
        return list;
    }

    /** An option's value: a string, a word or a number. */
    private String value() {
        String v = optionalValue();
        if (v == null) {
            throw syntaxError();
        }
        return v;
    }

    private String optionalValue() {
        if (atEnd() || peek().isPunct(",") || peek().isPunct(")")) {
            return null;
        }
        Token t = tokens.get(index++);
        return switch (t.kind()) {
            case STRING, WORD, QUOTED_IDENT, NUMBER -> t.value();
            default -> throw SyntaxErrors.at(text, t);
        };
    }

    private IndexCommand.QualifiedName qualifiedName() {
        List<String> parts = new ArrayList<>();
        parts.add(name());
        while (parts.size() < 3 && acceptPunct(".")) {
            parts.add(name());
        }
        return switch (parts.size()) {
            case 1 -> new IndexCommand.QualifiedName(null, null, parts.get(0));
            case 2 -> new IndexCommand.QualifiedName(null, parts.get(0), parts.get(1));
            default -> new IndexCommand.QualifiedName(parts.get(0), parts.get(1), parts.get(2));
        };
    }

    private String name() {
        if (atEnd()) {
            throw syntaxError();
        }
        Token t = peek();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED_IDENT) {
            throw syntaxError();
        }
        index++;
        return t.value();
    }

    private boolean atEnd() {
        return index >= tokens.size();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private boolean acceptWord(String word) {
        if (!atEnd() && peek().isWord(word)) {
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

    private boolean acceptPunct(String punct) {
        if (!atEnd() && peek().isPunct(punct)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectPunct(String punct) {
        if (!acceptPunct(punct)) {
            throw syntaxError();
        }
    }

    private DbException syntaxError() {
        return SyntaxErrors.at(text, atEnd() ? null : peek());
    }
}
