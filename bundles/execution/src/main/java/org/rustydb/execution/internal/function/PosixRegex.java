package org.rustydb.execution.internal.function;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * Translates PostgreSQL's advanced regular expressions (AREs) into java.util.regex patterns.
 * The pattern is parsed here rather than handed to Java so that PostgreSQL's syntax is accepted
 * and rejected as PostgreSQL does it, with its 2201B messages: escapes such as {@code \y}, {@code \m},
 * {@code \Z} and {@code \B} mean what they mean in PostgreSQL, bracket expressions follow POSIX
 * (a leading {@code ]} is literal, {@code [[:alpha:]]}, no Java class unions), a {@code {} not
 * followed by a digit is literal, capturing parentheses inside lookaround do not capture, and
 * Java-only syntax (possessive quantifiers, named groups, {@code \p}, {@code \Q}) is an error.
 *
 * <p>Matching itself is Java's: where PostgreSQL prefers the longest match of an alternation,
 * Java takes the first alternative that matches.
 */
public final class PosixRegex {
    /** PostgreSQL's DUPMAX: the largest repetition count. */
    private static final int MAX_REPEAT = 255;

    private final int[] p;
    private final StringBuilder out = new StringBuilder();
    private RegexFlags flags;
    private int i;
    private int groups;
    /** Open parentheses: LOOKAROUND or another group. */
    private final Deque<Integer> open = new ArrayDeque<>();
    private static final int GROUP = 0;
    private static final int LOOKAROUND = 1;
    private int lookaround;
    /** Whether the last item can take a quantifier. */
    private boolean quantifiable;

    private PosixRegex(String pattern, RegexFlags flags) {
        this.p = pattern.codePoints().toArray();
        this.flags = flags;
    }

    /** Compiles a PostgreSQL ARE with the given options. */
    public static Pattern compile(String pattern, RegexFlags flags) {
        PosixRegex t = new PosixRegex(pattern, flags);
        String java = t.translate();
        int javaFlags = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
        RegexFlags f = t.flags;
        if (f.caseInsensitive()) {
            javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (!f.newlineStop()) {
            javaFlags |= Pattern.DOTALL;
        }
        if (f.newlineAnchor()) {
            javaFlags |= Pattern.MULTILINE;
        }
        try {
            return Pattern.compile(java, javaFlags);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("translated pattern does not compile: " + java, e);
        } catch (StackOverflowError e) {
            throw invalid("regular expression is too complex");
        }
    }

    /** The Java form of a pattern, for tests. */
    static String toJava(String pattern, RegexFlags flags) {
        return new PosixRegex(pattern, flags).translate();
    }

    static DbException invalid(String message) {
        return DbException.of(SqlState.INVALID_REGULAR_EXPRESSION, "invalid regular expression: %s", message);
    }

    private String translate() {
        if (!flags.literal()) {
            prefix();
        }
        if (flags.literal()) {
            for (int k = i; k < p.length; k++) {
                literal(p[k]);
            }
            return out.toString();
        }
        while (i < p.length) {
            item();
        }
        if (!open.isEmpty()) {
            throw invalid("parentheses () not balanced");
        }
        return out.toString();
    }

    /** The director prefixes ***= and ***: and leading embedded options (?xyz). */
    private void prefix() {
        if (startsWith("***=")) {
            i = 4;
            flags = flags.with('q');
            return;
        }
        if (startsWith("***:")) {
            i = 4;
        }
        if (startsWith("(?") && i + 2 < p.length && Character.isLetter(p[i + 2])) {
            int j = i + 2;
            RegexFlags f = flags;
            while (j < p.length && p[j] != ')') {
                f = f.with(p[j]);
                if (f == null) {
                    throw invalid("invalid embedded option");
                }
                j++;
            }
            if (j >= p.length) {
                throw invalid("invalid embedded option");
            }
            flags = f;
            i = j + 1;
        }
    }

    private boolean startsWith(String s) {
        if (i + s.length() > p.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (p[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void item() {
        int c = p[i];
        if (flags.expanded() && skipExpanded(c)) {
            return;
        }
        switch (c) {
            case '(' -> openGroup();
            case ')' -> closeGroup();
            case '|' -> {
                i++;
                out.append('|');
                quantifiable = false;
            }
            case '*', '+', '?' -> quantifier(String.valueOf((char) c), 1);
            case '{' -> {
                if (i + 1 < p.length && isDigit(p[i + 1])) {
                    bound();
                } else {
                    i++;
                    literal('{');
                }
            }
            case '^' -> constraint(1, "^");
            case '$' -> constraint(1, flags.newlineAnchor() ? "$" : "\\z");
            case '.' -> {
                i++;
                out.append('.');
                quantifiable = true;
            }
            case '[' -> {
                if (startsWith("[[:<:]]")) {
                    constraint(7, "\\b(?=\\w)");
                } else if (startsWith("[[:>:]]")) {
                    constraint(7, "\\b(?<=\\w)");
                } else {
                    i++;
                    out.append(new BracketExpression(this).parse());
                    quantifiable = true;
                }
            }
            case '\\' -> escape();
            default -> {
                i++;
                literal(c);
            }
        }
    }

    /** In expanded mode, skips white space and comments; true when something was skipped. */
    private boolean skipExpanded(int c) {
        if (isSpace(c)) {
            i++;
            return true;
        }
        if (c == '#') {
            while (i < p.length && p[i] != '\n') {
                i++;
            }
            return true;
        }
        return false;
    }

    private void constraint(int length, String java) {
        i += length;
        out.append(java);
        quantifiable = false;
    }

    private void openGroup() {
        i++;
        if (i < p.length && p[i] == '?') {
            int kind = i + 1 < p.length ? p[i + 1] : -1;
            if (kind == ':') {
                i += 2;
                pushGroup("(?:");
                return;
            }
            if (kind == '=' || kind == '!') {
                i += 2;
                lookaround++;
                pushGroup("(?" + (char) kind);
                return;
            }
            if (kind == '<' && i + 2 < p.length && (p[i + 2] == '=' || p[i + 2] == '!')) {
                pushGroup("(?<" + (char) p[i + 2]);
                i += 3;
                lookaround++;
                return;
            }
            if (kind == '#') {
                while (i < p.length && p[i] != ')') {
                    i++;
                }
                if (i >= p.length) {
                    throw invalid("parentheses () not balanced");
                }
                i++;
                return;
            }
            throw invalid("quantifier operand invalid");
        }
        if (lookaround > 0) {
            pushGroup("(?:");
        } else {
            groups++;
            pushGroup("(");
        }
    }

    private void pushGroup(String java) {
        open.push(java.startsWith("(?=") || java.startsWith("(?!") || java.startsWith("(?<") ? LOOKAROUND : GROUP);
        out.append(java);
        quantifiable = false;
    }

    private void closeGroup() {
        if (open.isEmpty()) {
            throw invalid("parentheses () not balanced");
        }
        i++;
        int kind = open.pop();
        out.append(')');
        if (kind == LOOKAROUND) {
            lookaround--;
            quantifiable = false;
        } else {
            quantifiable = true;
        }
    }

    /** A quantifier of {@code length} characters, with an optional non-greedy '?'. */
    private void quantifier(String java, int length) {
        if (!quantifiable) {
            throw invalid("quantifier operand invalid");
        }
        i += length;
        out.append(java);
        if (i < p.length && p[i] == '?') {
            i++;
            out.append('?');
        }
        quantifiable = false;
    }

    /** {m}, {m,} or {m,n}. */
    private void bound() {
        int j = i + 1;
        long min = 0;
        while (j < p.length && isDigit(p[j])) {
            min = Math.min(min * 10 + (p[j] - '0'), Integer.MAX_VALUE);
            j++;
        }
        long max = min;
        if (j < p.length && p[j] == ',') {
            j++;
            if (j < p.length && isDigit(p[j])) {
                max = 0;
                while (j < p.length && isDigit(p[j])) {
                    max = Math.min(max * 10 + (p[j] - '0'), Integer.MAX_VALUE);
                    j++;
                }
            } else {
                max = -1;
            }
        }
        if (j >= p.length) {
            throw invalid("braces {} not balanced");
        }
        if (p[j] != '}' || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
            throw invalid("invalid repetition count(s)");
        }
        String java = "{" + min + (max == min ? "" : "," + (max < 0 ? "" : String.valueOf(max))) + "}";
        quantifier(java, j + 1 - i);
    }

    private void escape() {
        i++;
        if (i >= p.length) {
            throw invalid("invalid escape \\ sequence");
        }
        int c = p[i];
        switch (c) {
            case 'A' -> constraint(1, "\\A");
            case 'Z' -> constraint(1, "\\z");
            case 'm' -> constraint(1, "\\b(?=\\w)");
            case 'M' -> constraint(1, "\\b(?<=\\w)");
            case 'y' -> constraint(1, "\\b");
            case 'Y' -> constraint(1, "\\B");
            case 'd', 'D', 's', 'S', 'w', 'W' -> {
                i++;
                out.append(classEscape(c, flags.newlineStop()));
                quantifiable = true;
            }
            default -> {
                if (c >= '1' && c <= '9') {
                    digitEscape();
                } else {
                    literal(entryEscape());
                }
            }
        }
    }

    /**
     * A backslash and digits: one digit is a back reference; several are a back reference when
     * that many groups precede, else an octal character code, as PostgreSQL reads them.
     */
    private void digitEscape() {
        int start = i;
        int end = i;
        long n = 0;
        while (end < p.length && isDigit(p[end])) {
            n = Math.min(n * 10 + (p[end] - '0'), Integer.MAX_VALUE);
            end++;
        }
        if (end - start > 1 && n > groups) {
            literal(entryEscape());
            return;
        }
        if (n > groups) {
            throw invalid("invalid backreference number");
        }
        i = end;
        out.append("(?:\\").append(n).append(')');
        quantifiable = true;
    }

    /** The Java text of \d, \s, \w or their negations. */
    static String classEscape(int c, boolean newlineStop) {
        return switch (c) {
            case 'd' -> "[0-9]";
            case 'D' -> newlineStop ? "[^0-9\\n]" : "[^0-9]";
            case 's' -> "\\s";
            case 'S' -> "\\S";
            case 'w' -> "\\w";
            default -> newlineStop ? "[^\\w\\n]" : "\\W";
        };
    }

    /**
     * A character-entry escape after the backslash at {@link #i} (which it consumes): \n, \x41,
     * \u0041, \101 and the like, or a non-alphanumeric character standing for itself.
     */
    int entryEscape() {
        int c = p[i++];
        switch (c) {
            case 'a':
                return 7;
            case 'b':
                return 8;
            case 'B':
                return '\\';
            case 'e':
                return 27;
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 11;
            case 'c':
                if (i >= p.length) {
                    throw invalid("invalid escape \\ sequence");
                }
                return p[i++] & 0x1F;
            case 'u':
                return hex(4, 4);
            case 'U':
                return hex(8, 8);
            case 'x':
                return hex(1, Integer.MAX_VALUE);
            default:
                break;
        }
        if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int k = 0; k < 2 && i < p.length && p[i] >= '0' && p[i] <= '7'; k++) {
                v = v * 8 + (p[i++] - '0');
            }
            return v;
        }
        if (Character.isLetterOrDigit(c)) {
            throw invalid("invalid escape \\ sequence");
        }
        return c;
    }

    private int hex(int min, int max) {
        long v = 0;
        int n = 0;
        while (n < max && i < p.length && Character.digit(p[i], 16) >= 0 && p[i] < 128) {
            v = v * 16 + Character.digit(p[i], 16);
            if (v > Character.MAX_CODE_POINT) {
                throw invalid("invalid escape \\ sequence");
            }
            i++;
            n++;
        }
        if (n < min || (v >= 0xD800 && v <= 0xDFFF)) {
            throw invalid("invalid escape \\ sequence");
        }
        return (int) v;
    }

    /** Appends one literal character. */
    private void literal(int c) {
        out.append(javaLiteral(c));
        quantifiable = true;
    }

    /** A character as Java regex text that stands for itself anywhere, also inside brackets. */
    static String javaLiteral(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
            return String.valueOf((char) c);
        }
        return "\\x{" + Integer.toHexString(c) + "}";
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 11;
    }

    // Accessors for BracketExpression, which parses bracket expressions in the same pattern.

    int[] pattern() {
        return p;
    }

    int position() {
        return i;
    }

    void position(int position) {
        i = position;
    }

    RegexFlags flags() {
        return flags;
    }
}
