package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import org.rustydb.api.DbException;
import org.rustydb.execution.internal.StackDepth;

/**
 * A lone SQL expression parsed for the binder, such as the condition of a CHECK constraint: either
 * a span of a statement (errors then point into the statement) or text kept on its own (the
 * expression a stored CHECK constraint was created with).
 *
 * @param expression what JSqlParser made of it
 * @param source     the way back to positions and string values, for the binder
 */
public record ExpressionText(Expression expression, SqlSource source) {

    /** The expression as written, without surrounding blanks: what a CHECK constraint keeps. */
    public String text() {
        return source.statement().text().strip();
    }

    /** Parses the tokens from {@code from} (inclusive) to {@code to} (exclusive) of a statement. */
    public static ExpressionText parse(StatementText statement, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : statement.tokens()) {
            if (t.start() >= from && t.end() <= to) {
                tokens.add(t);
            }
        }
        if (tokens.isEmpty()) {
            throw SyntaxErrors.at(statement, firstAtOrAfter(statement, to));
        }
        return parse(new StatementText(statement.sql(), from, to, tokens, false), statement);
    }

    /** Parses an expression kept as text. */
    public static ExpressionText parse(String text) {
        StatementText statement = new StatementText(text, 0, text.length(), SqlLexer.tokenize(text), false);
        if (statement.tokens().isEmpty()) {
            throw SyntaxErrors.at(statement, null);
        }
        return parse(statement, statement);
    }

    private static ExpressionText parse(StatementText span, StatementText errorsIn) {
        SqlSource source = new SqlSource(span);
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(source.parserText()).withAllowComplexParsing(true);
            Expression expression = parser.Expression();
            net.sf.jsqlparser.parser.Token next = parser.getToken(1);
            if (next != null && next.kind != 0) {
                throw syntaxError(errorsIn, source, next);
            }
            return new ExpressionText(expression, source);
        } catch (ParseException e) {
            throw syntaxError(errorsIn, source, e.currentToken == null ? null : e.currentToken.next);
        } catch (TokenMgrException e) {
            throw SyntaxErrors.at(errorsIn, span.tokens().get(0));
        } catch (StackOverflowError e) {
            throw StackDepth.exceeded();
        } catch (DbException e) {
            throw e;
        } catch (RuntimeException e) {
            // JSqlParser fails on some inputs with other exceptions; to the user it is bad syntax.
            throw SyntaxErrors.at(errorsIn, span.tokens().get(0));
        }
    }

    private static DbException syntaxError(StatementText statement, SqlSource source,
                                           net.sf.jsqlparser.parser.Token at) {
        if (at == null || at.kind == 0) {
            return SyntaxErrors.at(statement, firstAtOrAfter(statement, source.statement().end()));
        }
        Token ours = source.tokenAt(source.offsetOf(at));
        return SyntaxErrors.at(statement, ours != null ? ours : firstAtOrAfter(statement, source.offsetOf(at)));
    }

    /** The first token of the statement starting at or after an offset, or null at its end. */
    private static Token firstAtOrAfter(StatementText statement, int offset) {
        for (Token t : statement.tokens()) {
            if (t.start() >= offset) {
                return t;
            }
        }
        return null;
    }
}
