package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses VACUUM from tokens with PostgreSQL's grammar:
 * <pre>
 * VACUUM [ ( option [ value ] [, ...] ) ] [ table [ ( column [, ...] ) ] [, ...] ]
 * VACUUM [ FULL ] [ FREEZE ] [ VERBOSE ] [ ANALYZE ] [ table [ ( column [, ...] ) ] [, ...] ]
 * </pre>
 */
final class VacuumStatementParser {
    /** PostgreSQL's type/function-name keywords: not table names, but fine as option names. */
    private static final Set<String> TYPE_FUNC_NAME = Set.of("authorization", "binary", "collation", "concurrently",
            "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like",
            "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");
    private static final List<String> OLD_FORM = List.of("full", "freeze", "verbose");

    private final StatementText text;
    private final TokenCursor cursor;

    private VacuumStatementParser(StatementText text) {
        this.text = text;
        this.cursor = new TokenCursor(text);
    }

    static boolean handles(StatementText text) {
        String keyword = text.firstKeyword();
        return keyword.equals("VACUUM") || keyword.equals("ANALYZE") || keyword.equals("ANALYSE");
    }

    static ParsedStatement parse(StatementText text) {
        VacuumStatementParser parser = new VacuumStatementParser(text);
        if (!text.firstKeyword().equals("VACUUM")) {
            return parser.analyze();
        }
        return new ParsedStatement.Vacuum(text, parser.statement());
    }

    /** {@code ANALYZE [VERBOSE] [table [(columns)] [, ...]]}. */
    private ParsedStatement analyze() {
        boolean verbose = cursor.acceptWord("verbose");
        List<VacuumStatement.Target> targets = new ArrayList<>();
        if (!cursor.atEnd()) {
            do {
                targets.add(target());
            } while (cursor.acceptPunct(","));
        }
        cursor.expectEnd();
        return new ParsedStatement.Analyze(text, targets, verbose);
    }

    private VacuumStatement statement() {
        List<VacuumStatement.Option> options = new ArrayList<>();
        if (cursor.acceptPunct("(")) {
            do {
                options.add(option());
            } while (cursor.acceptPunct(","));
            expectPunct(")");
        } else {
            for (String keyword : OLD_FORM) {
                addKeyword(keyword, options);
            }
            if (!addKeyword("analyze", options)) {
                addKeyword("analyse", options);
            }
        }
        List<VacuumStatement.Target> targets = new ArrayList<>();
        if (!cursor.atEnd()) {
            do {
                targets.add(target());
            } while (cursor.acceptPunct(","));
        }
        cursor.expectEnd();
        return new VacuumStatement(options, targets);
    }

    private boolean addKeyword(String keyword, List<VacuumStatement.Option> options) {
        if (!cursor.peekWord(keyword)) {
            return false;
        }
        int position = text.position(cursor.peek().start());
        cursor.advance();
        options.add(new VacuumStatement.Option(keyword.equals("analyse") ? "analyze" : keyword, position,
                VacuumStatement.ValueKind.NONE, null));
        return true;
    }

    /** {@code name [value]}: the value a word, a string or a number, and optional. */
    private VacuumStatement.Option option() {
        Token name = cursor.atEnd() ? null : cursor.peek();
        boolean nameOk = name != null && (name.kind() == Token.Kind.QUOTED_IDENT || (name.kind() == Token.Kind.WORD
                && (!QualifiedNames.NOT_NAMES.contains(name.value()) || TYPE_FUNC_NAME.contains(name.value())
                || name.isWord("analyze") || name.isWord("analyse"))));
        if (!nameOk) {
            throw cursor.syntaxError();
        }
        cursor.advance();
        String optionName = name.isWord("analyse") ? "analyze" : name.value();
        int position = text.position(name.start());
        if (cursor.atEnd() || cursor.peek().isPunct(",") || cursor.peek().isPunct(")")) {
            return new VacuumStatement.Option(optionName, position, VacuumStatement.ValueKind.NONE, null);
        }
        Token value = cursor.peek();
        String sign = "";
        if (value.isPunct("-") || value.isPunct("+")) {
            sign = value.value().equals("-") ? "-" : "";
            cursor.advance();
            if (cursor.atEnd() || cursor.peek().kind() != Token.Kind.NUMBER) {
                throw cursor.syntaxError();
            }
            value = cursor.peek();
        }
        VacuumStatement.ValueKind kind = switch (value.kind()) {
            case NUMBER -> VacuumStatement.ValueKind.NUMBER;
            case STRING -> VacuumStatement.ValueKind.STRING;
            case QUOTED_IDENT -> VacuumStatement.ValueKind.WORD;
            case WORD -> !QualifiedNames.NOT_NAMES.contains(value.value()) || TYPE_FUNC_NAME.contains(value.value())
                    || value.isWord("true") || value.isWord("false") || value.isWord("on")
                    ? VacuumStatement.ValueKind.WORD : null;
            default -> null;
        };
        if (kind == null || (!sign.isEmpty() && kind != VacuumStatement.ValueKind.NUMBER)) {
            throw cursor.syntaxError();
        }
        cursor.advance();
        return new VacuumStatement.Option(optionName, position, kind, sign + value.value());
    }

    private VacuumStatement.Target target() {
        List<String> parts = new ArrayList<>();
        parts.add(name());
        while (parts.size() < 3 && cursor.acceptPunct(".")) {
            parts.add(name());
        }
        IndexCommand.QualifiedName table = switch (parts.size()) {
            case 1 -> new IndexCommand.QualifiedName(null, null, parts.get(0));
            case 2 -> new IndexCommand.QualifiedName(null, parts.get(0), parts.get(1));
            default -> new IndexCommand.QualifiedName(parts.get(0), parts.get(1), parts.get(2));
        };
        List<String> columns = new ArrayList<>();
        if (cursor.acceptPunct("(")) {
            do {
                columns.add(name());
            } while (cursor.acceptPunct(","));
            expectPunct(")");
        }
        return new VacuumStatement.Target(table, columns);
    }

    private String name() {
        if (!cursor.atEnd()) {
            Token t = cursor.peek();
            if (t.kind() == Token.Kind.QUOTED_IDENT
                    || (t.kind() == Token.Kind.WORD && !QualifiedNames.NOT_NAMES.contains(t.value()))) {
                cursor.advance();
                return t.value();
            }
        }
        throw cursor.syntaxError();
    }

    private void expectPunct(String punct) {
        if (!cursor.acceptPunct(punct)) {
            throw cursor.syntaxError();
        }
    }
}
