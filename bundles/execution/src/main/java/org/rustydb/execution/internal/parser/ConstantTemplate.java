package org.rustydb.execution.internal.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A query or DML statement with its constants taken out: {@code WHERE aid = 42} becomes
 * {@code WHERE aid = $1} and the constant 42. Statements that differ only in their constants share
 * one template, so JSqlParser (most of a short statement's time) parses each shape once; the
 * constants are bound as the literals they were, so the statement means what its text says.
 *
 * <p>Only constants whose neighbours show them to be plain values are taken out: a number after
 * {@code ORDER BY} or {@code GROUP BY} is a column position, one inside a type's parentheses
 * ({@code varchar(10)}) a type modifier, a string after a type name ({@code DATE '...'}) part of a
 * typed literal, and one before {@code ::}, {@code [} or {@code PRECEDING} belongs to its
 * neighbour. A statement that already has parameters, or a {@code ?}, is left whole.
 */
public final class ConstantTemplate {
    /**
     * A constant taken out of the text.
     *
     * @param number   a numeric constant (its sign folded in, as PostgreSQL folds it), else a string
     * @param value    the digits as written (with a leading minus), or the string's value
     * @param position its 1-based position in the whole SQL string
     */
    public record Constant(boolean number, String value, int position) {
    }

    private static final Set<String> KINDS = Set.of("select", "insert", "update", "delete");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%");
    private static final Set<String> WORDS_BEFORE = Set.of("and", "or", "not", "then", "else", "when", "like", "ilike",
            "between", "select", "returning");
    /** Other words an operand may follow, so that a minus after them is a sign. */
    private static final Set<String> WORDS_BEFORE_OPERAND = Set.of("where", "by", "limit", "offset", "having", "on",
            "case", "in", "values", "set", "is", "distinct");
    private static final Set<String> WORDS_AFTER = Set.of("and", "or", "then", "else", "end", "when", "where", "order",
            "group", "having", "limit", "offset", "returning", "from", "as", "union", "except", "intersect", "for",
            "on", "is", "not", "like", "ilike", "between", "window", "fetch");
    /** Words whose parentheses hold a type modifier or column positions, never values. */
    private static final Set<String> NO_VALUES_INSIDE = Set.of("varchar", "char", "character", "varying", "bpchar",
            "numeric", "decimal", "dec", "timestamp", "timestamptz", "time", "timetz", "interval", "bit", "float",
            "nchar", "rollup", "cube", "sets");
    private static final Set<String> ORDERING_ENDS = Set.of("limit", "offset", "fetch", "having", "window", "union",
            "except", "intersect", "for", "returning", "select", "where");

    private final String text;
    private final StatementText statement;
    private final List<Constant> constants;
    private final int[] segmentStarts;
    private final int[] segmentShifts;

    private ConstantTemplate(String text, StatementText statement, List<Constant> constants, int[] segmentStarts,
                             int[] segmentShifts) {
        this.text = text;
        this.statement = statement;
        this.constants = constants;
        this.segmentStarts = segmentStarts;
        this.segmentShifts = segmentShifts;
    }

    /** The whole SQL string with {@code $n} in place of each constant: what templates are kept by. */
    public String text() {
        return text;
    }

    /** The template as a statement, for the parser. */
    public StatementText statement() {
        return statement;
    }

    public List<Constant> constants() {
        return constants;
    }

    /**
     * The source to bind the parsed template with for this statement: the template's parse, with
     * positions and texts of {@code original}, the statement the constants came from.
     */
    public SqlSource sourceFor(SqlSource parsedTemplate, StatementText original) {
        return SqlSource.mapped(parsedTemplate, original, segmentStarts, segmentShifts);
    }

    /** The template of a single query or DML statement, if it has constants to take out. */
    public static Optional<ConstantTemplate> of(StatementText original) {
        List<Token> tokens = original.tokens();
        if (tokens.isEmpty() || tokens.get(0).kind() != Token.Kind.WORD || !KINDS.contains(tokens.get(0).value())) {
            return Optional.empty();
        }
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.PARAM || (t.kind() == Token.Kind.OPERATOR && t.value().contains("?"))) {
                return Optional.empty();
            }
        }
        String sql = original.sql();
        StringBuilder out = new StringBuilder(sql.length());
        List<Token> templateTokens = new ArrayList<>(tokens.size());
        List<Constant> constants = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> shifts = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(false, false));
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Frame frame = frames.peek();
            int first = i;
            boolean signed = false;
            if (t.kind() == Token.Kind.OPERATOR && t.value().equals("-") && i + 1 < tokens.size()
                    && tokens.get(i + 1).kind() == Token.Kind.NUMBER && !operandBefore(tokens, i - 1)) {
                signed = true;
                i++;
                t = tokens.get(i);
            }
            boolean candidate = (t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.STRING)
                    && !frame.noValues && fitsBefore(tokens, first - 1, t.kind() == Token.Kind.NUMBER, frame)
                    && fitsAfter(tokens, i + 1) && !hasSurrogates(sql, tokens.get(first).start(), t.end());
            if (candidate) {
                Token from = tokens.get(first);
                out.append(sql, copied, from.start());
                int templateStart = out.length();
                String marker = "$" + (constants.size() + 1);
                out.append(marker);
                copied = t.end();
                starts.add(templateStart);
                shifts.add(from.start() - templateStart);
                starts.add(out.length());
                shifts.add(t.end() - out.length());
                templateTokens.add(new Token(Token.Kind.PARAM, templateStart, out.length(), marker));
                String value = t.kind() == Token.Kind.NUMBER ? (signed ? "-" : "") + t.value() : t.value();
                constants.add(new Constant(t.kind() == Token.Kind.NUMBER, value, original.position(from.start())));
                continue;
            }
            i = first; // not a constant: the sign and the number stay as they are
            t = tokens.get(i);
            int shift = starts.isEmpty() ? 0 : shifts.get(shifts.size() - 1);
            templateTokens.add(new Token(t.kind(), t.start() - shift, t.end() - shift, t.value()));
            track(tokens, i, frames);
        }
        if (constants.isEmpty()) {
            return Optional.empty();
        }
        out.append(sql, copied, sql.length());
        int shift = shifts.get(shifts.size() - 1);
        StatementText template = new StatementText(out.toString(), original.start(), original.end() - shift,
                templateTokens, original.terminated());
        return Optional.of(new ConstantTemplate(out.toString(), template, List.copyOf(constants),
                starts.stream().mapToInt(Integer::intValue).toArray(),
                shifts.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Parentheses and ORDER BY / GROUP BY lists, which decide what a constant in them is. */
    private record Frame(boolean noValues, boolean ordering) {
    }

    private static void track(List<Token> tokens, int i, Deque<Frame> frames) {
        Token t = tokens.get(i);
        Frame frame = frames.peek();
        if (t.isPunct("(")) {
            Token before = i > 0 ? tokens.get(i - 1) : null;
            boolean noValues = frame.noValues || (before != null && before.kind() == Token.Kind.WORD
                    && (NO_VALUES_INSIDE.contains(before.value())
                        || (before.value().equals("on") && i > 1 && tokens.get(i - 2).isWord("distinct"))));
            frames.push(new Frame(noValues, frame.ordering));
        } else if (t.isPunct(")")) {
            if (frames.size() > 1) {
                frames.pop();
            }
        } else if (t.kind() == Token.Kind.WORD) {
            if (t.value().equals("by") && i > 0 && (tokens.get(i - 1).isWord("order") || tokens.get(i - 1).isWord("group")
                    || tokens.get(i - 1).isWord("partition"))) {
                frames.pop();
                frames.push(new Frame(frame.noValues, true));
            } else if (frame.ordering && ORDERING_ENDS.contains(t.value())) {
                frames.pop();
                frames.push(new Frame(frame.noValues, false));
            }
        }
    }

    /** Whether the token at {@code i} ends an operand, so that a minus after it subtracts. */
    private static boolean operandBefore(List<Token> tokens, int i) {
        if (i < 0) {
            return false;
        }
        Token t = tokens.get(i);
        return switch (t.kind()) {
            case OPERATOR, SEMICOLON -> false;
            case PUNCT -> t.value().equals(")") || t.value().equals("]");
            case WORD -> !WORDS_BEFORE.contains(t.value()) && !WORDS_BEFORE_OPERAND.contains(t.value());
            default -> true;
        };
    }

    private static boolean fitsBefore(List<Token> tokens, int i, boolean number, Frame frame) {
        if (i < 0) {
            return false;
        }
        Token t = tokens.get(i);
        if (frame.ordering && (t.isWord("by") || t.isPunct(",") || t.isPunct("("))) {
            return false; // a position in ORDER BY or GROUP BY
        }
        if (t.kind() == Token.Kind.OPERATOR) {
            return COMPARISONS.contains(t.value()) || (number ? ARITHMETIC.contains(t.value()) : t.value().equals("||"));
        }
        if (t.isPunct("(") || t.isPunct(",")) {
            return true;
        }
        return t.kind() == Token.Kind.WORD && WORDS_BEFORE.contains(t.value());
    }

    private static boolean fitsAfter(List<Token> tokens, int i) {
        if (i >= tokens.size()) {
            return true;
        }
        Token t = tokens.get(i);
        return switch (t.kind()) {
            case SEMICOLON -> true;
            case PUNCT -> t.value().equals(",") || t.value().equals(")");
            case OPERATOR -> COMPARISONS.contains(t.value()) || ARITHMETIC.contains(t.value()) || t.value().equals("||");
            case WORD -> WORDS_AFTER.contains(t.value());
            default -> false;
        };
    }

    /** Positions count characters; a surrogate pair in the constant would shift those after it. */
    private static boolean hasSurrogates(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isSurrogate(sql.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
