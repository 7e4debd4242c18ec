package org.rustydb.execution.internal.parser;

import java.util.HashMap;
import java.util.Map;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.Node;

/**
 * The text of one statement as JSqlParser parsed it, with the way back from JSqlParser's tokens to
 * positions in the whole SQL string and to the real values of string constants.
 *
 * <p>JSqlParser is given a simplified copy of the statement of the same length: comments become
 * spaces and every string constant other than a plain {@code '...'} one (escape strings, dollar
 * quotes, Unicode escapes, constants continued across lines) becomes a {@code 'xx..'} placeholder
 * spanning the same characters, so token offsets stay valid while syntax JSqlParser cannot lex
 * never reaches it.
 */
public final class SqlSource {
    private final StatementText statement;
    private final String parserText;
    private final Map<Integer, Token> tokensByStart = new HashMap<>();
    /** For a {@link ConstantTemplate}: where the parsed text's offsets shift to the statement's, and by how much. */
    private final int[] segmentStarts;
    private final int[] segmentShifts;

    SqlSource(StatementText statement) {
        this(statement, simplify(statement), null, null);
    }

    private SqlSource(StatementText statement, String parserText, int[] segmentStarts, int[] segmentShifts) {
        this.statement = statement;
        for (Token t : statement.tokens()) {
            tokensByStart.put(t.start(), t);
        }
        this.parserText = parserText;
        this.segmentStarts = segmentStarts;
        this.segmentShifts = segmentShifts;
    }

    /**
     * The parse of a template read against the statement it was made from: offsets in the
     * template's text move by {@code segmentShifts[k]} from {@code segmentStarts[k]} on.
     */
    static SqlSource mapped(SqlSource template, StatementText original, int[] segmentStarts, int[] segmentShifts) {
        return new SqlSource(original, template.parserText, segmentStarts, segmentShifts);
    }

    private int toOriginal(int offset) {
        if (segmentStarts == null) {
            return offset;
        }
        int k = java.util.Arrays.binarySearch(segmentStarts, offset);
        if (k < 0) {
            k = -k - 2;
        } else {
            while (k + 1 < segmentStarts.length && segmentStarts[k + 1] == offset) {
                k++;
            }
        }
        return k < 0 ? offset : offset + segmentShifts[k];
    }

    private static String simplify(StatementText statement) {
        String sql = statement.sql();
        char[] out = new char[statement.end() - statement.start()];
        for (int i = 0; i < out.length; i++) {
            char c = sql.charAt(statement.start() + i);
            out[i] = c == '\n' || c == '\r' ? c : ' ';
        }
        for (Token t : statement.tokens()) {
            int from = t.start() - statement.start();
            int to = t.end() - statement.start();
            if (t.kind() == Token.Kind.STRING && !isPlainLiteral(sql, t)) {
                for (int i = from; i < to; i++) {
                    char c = sql.charAt(statement.start() + i);
                    out[i] = c == '\n' || c == '\r' ? c : 'x';
                }
                out[from] = '\'';
                out[to - 1] = '\'';
            } else {
                sql.getChars(t.start(), t.end(), out, from);
            }
        }
        blankCatalogSyntax(statement.tokens(), statement.start(), out);
        return new String(out);
    }

    /**
     * Syntax psql writes that JSqlParser cannot parse, reduced in place (same length, so positions
     * hold): {@code OPERATOR(pg_catalog.~)} becomes the bare operator, and
     * {@code COLLATE pg_catalog.default}, which changes nothing, goes.
     */
    private static void blankCatalogSyntax(java.util.List<Token> tokens, int base, char[] out) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("operator") && i + 2 < tokens.size() && tokens.get(i + 1).isPunct("(")) {
                int j = i + 2;
                if (j + 1 < tokens.size() && tokens.get(j).kind() == Token.Kind.WORD && tokens.get(j + 1).isPunct(".")) {
                    j += 2;
                }
                if (j + 1 < tokens.size() && tokens.get(j).kind() == Token.Kind.OPERATOR
                        && tokens.get(j + 1).isPunct(")")) {
                    blank(out, t.start() - base, tokens.get(j).start() - base);
                    blank(out, tokens.get(j + 1).start() - base, tokens.get(j + 1).end() - base);
                    i = j + 1;
                }
            } else if (t.isWord("collate") && i + 3 < tokens.size() && tokens.get(i + 1).isWord("pg_catalog")
                    && tokens.get(i + 2).isPunct(".") && (tokens.get(i + 3).isWord("default")
                    || (tokens.get(i + 3).kind() == Token.Kind.QUOTED_IDENT && tokens.get(i + 3).value().equals("default")))) {
                blank(out, t.start() - base, tokens.get(i + 3).end() - base);
                i += 3;
            }
        }
    }

    private static void blank(char[] out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out[k] != '\n' && out[k] != '\r') {
                out[k] = ' ';
            }
        }
    }

    /** A standard '...' constant written in one piece, which JSqlParser reads correctly as it is. */
    private static boolean isPlainLiteral(String sql, Token t) {
        String written = sql.substring(t.start(), t.end());
        return written.equals("'" + t.value().replace("'", "''") + "'");
    }

    public StatementText statement() {
        return statement;
    }

    /** The text to give JSqlParser. */
    public String parserText() {
        return parserText;
    }

    /** The whole-string offset of a JSqlParser token, or -1 for the end-of-input token. */
    public int offsetOf(net.sf.jsqlparser.parser.Token token) {
        if (token == null || token.absoluteBegin <= 0) {
            return -1;
        }
        // JSqlParser counts absolute offsets from 1.
        return toOriginal(statement.start() + token.absoluteBegin - 1);
    }

    /** Our token starting at a whole-string offset, or null. */
    public Token tokenAt(int offset) {
        return tokensByStart.get(offset);
    }

    /** The 1-based position of a whole-string offset. */
    public int position(int offset) {
        return offset < 0 ? 0 : statement.position(offset);
    }

    /** The position where an expression starts, or 0 when unknown. */
    public int positionOf(Object parsed) {
        net.sf.jsqlparser.parser.Token first = firstToken(parsed);
        return first == null ? 0 : position(offsetOf(first));
    }

    /** The position of the operator of a binary expression (the token after its left operand). */
    public int operatorPosition(Expression left) {
        net.sf.jsqlparser.parser.Token last = lastToken(left);
        if (last == null || last.next == null) {
            return positionOf(left);
        }
        return position(offsetOf(last.next));
    }

    /**
     * The positions of a cast's operator ({@code ::}, or the CAST keyword) and of its type name,
     * found among our tokens within the cast's span; zeros when JSqlParser kept no span for it.
     */
    public int[] castPositions(CastExpression cast) {
        Node node = cast.getASTNode();
        if (node == null || node.jjtGetFirstToken() == null || node.jjtGetLastToken() == null) {
            return new int[] {0, 0};
        }
        int from = offsetOf(node.jjtGetFirstToken());
        int to = offsetOf(node.jjtGetLastToken());
        boolean colons = cast.keyword == null || cast.keyword.equals("::");
        int operator = -1;
        int typeName = -1;
        java.util.List<Token> tokens = statement.tokens();
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            if (t.start() < from || t.start() > to) {
                continue;
            }
            if (colons ? t.isPunct("::") : t.isWord("as")) {
                operator = colons ? t.start() : from;
                typeName = tokens.get(i + 1).start();
            }
        }
        return new int[] {position(operator), position(typeName)};
    }

    /** The original text of a parsed expression, for messages. */
    public String textOf(Object parsed) {
        net.sf.jsqlparser.parser.Token first = firstToken(parsed);
        net.sf.jsqlparser.parser.Token last = parsed instanceof Expression e ? lastToken(e) : null;
        if (first != null && last != null) {
            int from = offsetOf(first);
            int to = toOriginal(statement.start() + last.absoluteEnd - 1);
            if (from >= statement.start() && to <= statement.end() && from < to) {
                return statement.sql().substring(from, to);
            }
        }
        return String.valueOf(parsed);
    }

    /** The value of a string constant as written in the original text. */
    public String stringValue(StringValue value) {
        net.sf.jsqlparser.parser.Token first = firstToken(value);
        Token token = first == null ? null : tokenAt(offsetOf(first));
        if (token != null && token.kind() == Token.Kind.STRING) {
            return token.value();
        }
        return value.getValue().replace("''", "'");
    }

    private static net.sf.jsqlparser.parser.Token firstToken(Object parsed) {
        if (parsed instanceof ASTNodeAccess access) {
            Node node = access.getASTNode();
            if (node != null && node.jjtGetFirstToken() != null) {
                return node.jjtGetFirstToken();
            }
        }
        if (parsed instanceof BinaryExpression b) {
            return firstToken(b.getLeftExpression());
        }
        if (parsed instanceof Between b) {
            return firstToken(b.getLeftExpression());
        }
        if (parsed instanceof IsNullExpression e) {
            return firstToken(e.getLeftExpression());
        }
        if (parsed instanceof IsBooleanExpression e) {
            return firstToken(e.getLeftExpression());
        }
        if (parsed instanceof NotExpression e) {
            return firstToken(e.getExpression());
        }
        return null;
    }

    private static net.sf.jsqlparser.parser.Token lastToken(Expression e) {
        Node node = e.getASTNode();
        if (node != null && node.jjtGetLastToken() != null) {
            return node.jjtGetLastToken();
        }
        if (e instanceof BinaryExpression b) {
            return lastToken(b.getRightExpression());
        }
        if (e instanceof Between b) {
            return lastToken(b.getBetweenExpressionEnd());
        }
        if (e instanceof NotExpression n) {
            return lastToken(n.getExpression());
        }
        if (e instanceof IsNullExpression n) {
            return skip(lastToken(n.getLeftExpression()), n.isNot() ? 3 : 2);
        }
        if (e instanceof IsBooleanExpression n) {
            return skip(lastToken(n.getLeftExpression()), n.isNot() ? 3 : 2);
        }
        return null;
    }

    private static net.sf.jsqlparser.parser.Token skip(net.sf.jsqlparser.parser.Token t, int count) {
        for (int i = 0; i < count && t != null; i++) {
            t = t.next;
        }
        return t;
    }
}
