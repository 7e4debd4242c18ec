package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.TypeNames;
import org.rustydb.spi.exec.StatementHandler;

/**
 * {@code PREPARE name [ (type [, ...]) ] AS statement} and {@code DEALLOCATE [PREPARE] name | ALL}
 * (JSqlParser reads neither). The prepared statement is parsed now, once.
 */
final class PrepareStatementParser {
    private static final Pattern TYPE = Pattern.compile("(?s)\\s*(.+?)\\s*(?:\\((.*)\\))?\\s*(\\[\\s*\\])?\\s*");

    private PrepareStatementParser() {
    }

    static boolean handles(StatementText text) {
        String keyword = text.firstKeyword();
        return keyword.equals("PREPARE") || keyword.equals("DEALLOCATE")
                || (keyword.equals("EXPLAIN") && executeAt(text.tokens()) >= 0);
    }

    /**
     * Where EXECUTE starts in {@code EXPLAIN [ANALYZE] [VERBOSE] EXECUTE ...} or
     * {@code EXPLAIN (options) EXECUTE ...}, or -1 (JSqlParser reads EXPLAIN only of other statements).
     */
    private static int executeAt(List<Token> tokens) {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).isPunct("(")) {
            int depth = 0;
            for (; i < tokens.size(); i++) {
                if (tokens.get(i).isPunct("(")) {
                    depth++;
                } else if (tokens.get(i).isPunct(")") && --depth == 0) {
                    i++;
                    break;
                }
            }
        } else {
            while (i < tokens.size() && (tokens.get(i).isWord("analyze") || tokens.get(i).isWord("verbose"))) {
                i++;
            }
        }
        return i < tokens.size() && tokens.get(i).isWord("execute") ? i : -1;
    }

    /** ANALYZE among the options, not followed by a false value. */
    private static boolean analyzes(List<Token> options) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).isWord("analyze")) {
                Token next = i + 1 < options.size() ? options.get(i + 1) : null;
                return next == null || !(next.isWord("false") || next.isWord("off") || "0".equals(next.value()));
            }
        }
        return false;
    }

    private static ParsedStatement explainExecute(StatementText text,
                                                  Function<String, Optional<StatementHandler>> handlers) {
        List<Token> tokens = text.tokens();
        int at = executeAt(tokens);
        StatementText inner = new StatementText(text.sql(), tokens.get(at).start(), text.end(),
                tokens.subList(at, tokens.size()), text.terminated());
        ParsedStatement statement = SqlParser.parseOne(inner, handlers);
        if (!(statement instanceof ParsedStatement.Sql sql)
                || !(sql.statement() instanceof net.sf.jsqlparser.statement.execute.Execute)) {
            throw syntaxError(text, tokens.get(at));
        }
        return new ParsedStatement.ExplainExecute(text, analyzes(tokens.subList(1, at)), sql);
    }

    static ParsedStatement parse(StatementText text, Function<String, Optional<StatementHandler>> handlers) {
        if (text.firstKeyword().equals("EXPLAIN")) {
            return explainExecute(text, handlers);
        }
        TokenCursor cursor = new TokenCursor(text); // past the first keyword
        if (text.firstKeyword().equals("DEALLOCATE")) {
            cursor.acceptWord("prepare");
            String name = null;
            if (!cursor.acceptWord("all")) {
                name = name(cursor);
            }
            cursor.expectEnd();
            return new ParsedStatement.Deallocate(text, name);
        }
        String name = name(cursor);
        List<DataType> types = new ArrayList<>();
        List<Token> tokens = text.tokens();
        int i = tokens.indexOf(cursor.atEnd() ? null : cursor.peek());
        if (i >= 0 && tokens.get(i).isPunct("(")) {
            int depth = 0;
            int from = i + 1;
            for (i = i + 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isPunct("(")) {
                    depth++;
                } else if (t.isPunct(")") && depth > 0) {
                    depth--;
                } else if ((t.isPunct(",") || t.isPunct(")")) && depth == 0) {
                    if (i == from) {
                        throw syntaxError(text, t);
                    }
                    types.add(type(text, tokens.get(from), tokens.get(i - 1)));
                    from = i + 1;
                    if (t.isPunct(")")) {
                        i++;
                        break;
                    }
                }
            }
        }
        if (i < 0 || i >= tokens.size() || !tokens.get(i).isWord("as")) {
            throw syntaxError(text, i >= 0 && i < tokens.size() ? tokens.get(i) : null);
        }
        if (i + 1 >= tokens.size()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                    .withPosition(text.position(text.end()));
        }
        Token first = tokens.get(i + 1);
        StatementText inner = new StatementText(text.sql(), first.start(), text.end(),
                tokens.subList(i + 1, tokens.size()), text.terminated());
        ParsedStatement statement = SqlParser.parseOne(inner, handlers);
        if (!(statement instanceof ParsedStatement.Sql sql) || !preparable(sql)) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", first.value())
                    .withPosition(text.position(first.start()));
        }
        return new ParsedStatement.Prepare(text, name, types, sql);
    }

    /** What PostgreSQL lets PREPARE hold: SELECT, VALUES, INSERT, UPDATE, DELETE and MERGE. */
    private static boolean preparable(ParsedStatement.Sql sql) {
        Object s = sql.statement();
        return s instanceof net.sf.jsqlparser.statement.select.Select
                || s instanceof net.sf.jsqlparser.statement.insert.Insert
                || s instanceof net.sf.jsqlparser.statement.update.Update
                || s instanceof net.sf.jsqlparser.statement.delete.Delete
                || s instanceof net.sf.jsqlparser.statement.merge.Merge;
    }

    private static DataType type(StatementText text, Token from, Token to) {
        String written = text.sql().substring(from.start(), to.end());
        Matcher m = TYPE.matcher(written);
        if (!m.matches()) {
            throw syntaxError(text, from);
        }
        List<String> arguments = m.group(2) == null ? List.of() : List.of(m.group(2).split(","));
        return TypeNames.resolve(m.group(1), arguments, m.group(3) != null, text.position(from.start()));
    }

    private static String name(TokenCursor cursor) {
        if (!cursor.atEnd() && (cursor.peek().kind() == Token.Kind.WORD
                || cursor.peek().kind() == Token.Kind.QUOTED_IDENT)) {
            String name = cursor.peek().value();
            cursor.advance();
            return name;
        }
        throw cursor.syntaxError();
    }

    private static DbException syntaxError(StatementText text, Token at) {
        if (at == null) {
            return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at end of input")
                    .withPosition(text.position(text.end()));
        }
        return DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", at.value())
                .withPosition(text.position(at.start()));
    }
}
