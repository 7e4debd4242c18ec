package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import org.rustydb.api.DbException;
import org.rustydb.execution.internal.StackDepth;
import org.rustydb.execution.internal.ddl.DdlCommand;
import org.rustydb.spi.exec.StatementHandler;

/**
 * The parser stage: splits a SQL string into statements and parses each one, all before any of
 * them runs, so that a syntax error anywhere runs nothing (as in PostgreSQL).
 */
public final class SqlParser {
    private static final Pattern LEXICAL_ERROR = Pattern.compile("line (\\d+), column (\\d+)");

    private SqlParser() {
    }

    /**
     * Parses every statement of {@code sql}.
     *
     * @param handlers the registered statement handler for an upper-case leading keyword, if any
     * @throws DbException 42601 for a syntax error, with its position in {@code sql}
     */
    public static List<ParsedStatement> parse(String sql, Function<String, Optional<StatementHandler>> handlers) {
        List<ParsedStatement> parsed = new ArrayList<>();
        for (StatementText text : SqlScript.split(sql)) {
            parsed.add(parseOne(text, handlers));
        }
        return parsed;
    }

    /**
     * Parses the query of a CREATE VIEW (the part after AS, as its own statement text, its
     * offsets still those of the whole string): a SELECT, VALUES, TABLE or set operation.
     *
     * @throws DbException 42601 for a syntax error or another kind of statement
     */
    public static ParsedStatement.Sql parseQuery(StatementText query) {
        ParsedStatement parsed = parseOne(query, keyword -> Optional.empty());
        if (parsed instanceof ParsedStatement.Sql sql && sql.statement() instanceof Select) {
            return sql;
        }
        throw SyntaxErrors.at(query, query.tokens().get(0));
    }

    /** Parses a stored query text (a view's), as {@link #parseQuery} does. */
    public static ParsedStatement.Sql parseQuery(String sql) {
        List<StatementText> texts = SqlScript.split(sql);
        if (texts.size() != 1) {
            throw SyntaxErrors.at(texts.isEmpty() ? new StatementText(sql, 0, sql.length(), List.of(), false)
                    : texts.get(1), null);
        }
        return parseQuery(texts.get(0));
    }

    /** Parses one statement as no statement handler claims it. */
    public static ParsedStatement parseStatement(StatementText text) {
        return parseOne(text, keyword -> Optional.empty());
    }

    /**
     * The registered handler of a statement: one for its first two keywords (CREATE ROLE) comes
     * before one for its first keyword.
     */
    public static Optional<StatementHandler> handler(StatementText text,
                                                     Function<String, Optional<StatementHandler>> handlers) {
        String pair = text.keywordPair();
        if (!pair.isEmpty()) {
            Optional<StatementHandler> handler = handlers.apply(pair);
            if (handler.isPresent()) {
                return handler;
            }
        }
        String keyword = text.firstKeyword();
        return keyword.isEmpty() ? Optional.empty() : handlers.apply(keyword);
    }

    static ParsedStatement parseOne(StatementText text, Function<String, Optional<StatementHandler>> handlers) {
        String keyword = text.firstKeyword();
        Optional<StatementHandler> handler = handler(text, handlers);
        if (handler.isPresent()) {
            return new ParsedStatement.Handled(text, handler.get());
        }
        if (TransactionStatementParser.KEYWORDS.contains(keyword)) {
            return TransactionStatementParser.parse(text);
        }
        if (ConstraintModeCommand.handles(text)) {
            return ConstraintModeCommand.parse(text);
        }
        if (SettingStatementParser.KEYWORDS.contains(keyword)) {
            return SettingStatementParser.parse(text);
        }
        if (keyword.equals("COPY")) {
            return new ParsedStatement.Copy(text, org.rustydb.execution.internal.copy.CopyStatementParser.parse(text));
        }
        if (keyword.equals(LockStatementParser.KEYWORD)) {
            return LockStatementParser.parse(text);
        }
        if (IndexStatementParser.handles(text)) {
            return IndexStatementParser.parse(text);
        }
        if (VacuumStatementParser.handles(text)) {
            return VacuumStatementParser.parse(text);
        }
        if (PrepareStatementParser.handles(text)) {
            return PrepareStatementParser.parse(text, handlers);
        }
        String kind = StatementKinds.describe(text);
        if (DdlCommand.KINDS.contains(kind)) {
            return new ParsedStatement.Ddl(text, DdlCommand.parse(text, kind));
        }
        SqlSource source = new SqlSource(text);
        Statement statement;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(source.parserText()).withAllowComplexParsing(true);
            statement = parser.Statement();
        } catch (ParseException e) {
            if (isUnsupportedKind(kind)) {
                return new ParsedStatement.Unsupported(text, kind);
            }
            net.sf.jsqlparser.parser.Token next = e.currentToken == null ? null : e.currentToken.next;
            throw syntaxError(text, source, next);
        } catch (TokenMgrException e) {
            if (isUnsupportedKind(kind)) {
                return new ParsedStatement.Unsupported(text, kind);
            }
            throw lexicalError(text, source, e);
        } catch (StackOverflowError e) {
            throw StackDepth.exceeded();
        } catch (RuntimeException e) {
            // JSqlParser fails on some inputs with other exceptions; to the user it is bad syntax.
            if (isUnsupportedKind(kind)) {
                return new ParsedStatement.Unsupported(text, kind);
            }
            throw SyntaxErrors.at(text, text.tokens().get(0));
        }
        if (statement instanceof Select || statement instanceof Insert || statement instanceof Update
                || statement instanceof Delete || statement instanceof CreateTable || statement instanceof Drop
                || statement instanceof net.sf.jsqlparser.statement.ExplainStatement
                || statement instanceof net.sf.jsqlparser.statement.merge.Merge
                || statement instanceof net.sf.jsqlparser.statement.execute.Execute) {
            return new ParsedStatement.Sql(text, statement, source);
        }
        return new ParsedStatement.Unsupported(text, kind.isEmpty() ? "this statement" : kind);
    }

    private static boolean isUnsupportedKind(String kind) {
        String first = kind.contains(" ") ? kind.substring(0, kind.indexOf(' ')) : kind;
        return StatementKinds.POSTGRESQL_COMMANDS.contains(first) && !StatementKinds.ENGINE_KINDS.contains(kind);
    }

    private static DbException syntaxError(StatementText text, SqlSource source, net.sf.jsqlparser.parser.Token at) {
        if (at == null || at.kind == 0) {
            return SyntaxErrors.at(text, null);
        }
        int offset = source.offsetOf(at);
        Token ours = source.tokenAt(offset);
        if (ours == null) {
            ours = tokenCovering(text, offset);
        }
        return SyntaxErrors.at(text, ours);
    }

    private static DbException lexicalError(StatementText text, SqlSource source, TokenMgrException e) {
        Matcher m = LEXICAL_ERROR.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return SyntaxErrors.at(text, text.tokens().get(0));
        }
        int offset = offsetOf(source.parserText(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return SyntaxErrors.at(text, tokenCovering(text, text.start() + offset));
    }

    /** The token containing a whole-string offset, or the next one after it, or null at the end. */
    private static Token tokenCovering(StatementText text, int offset) {
        for (Token t : text.tokens()) {
            if (t.end() > offset) {
                return t;
            }
        }
        return null;
    }

    /** The offset of a 1-based JavaCC line and column; a line ends at \n, \r or \r\n. */
    static int offsetOf(String s, int line, int column) {
        int currentLine = 1;
        int i = 0;
        while (currentLine < line && i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\n' || (c == '\r' && (i >= s.length() || s.charAt(i) != '\n'))) {
                currentLine++;
            }
        }
        return Math.min(s.length(), i + column - 1);
    }
}
