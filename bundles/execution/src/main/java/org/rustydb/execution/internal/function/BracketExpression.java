package org.rustydb.execution.internal.function;

/**
 * One POSIX bracket expression of a {@link PosixRegex}, written as a flat Java character class
 * (no nested classes, whose negation Java treats differently): {@code []a]} and {@code [^]a]} take
 * a leading {@code ]} literally, {@code [:class:]}, {@code [.c.]} and {@code [=c=]} are POSIX
 * elements, a backslash escapes as in PostgreSQL's AREs, and in newline-sensitive mode a negated
 * expression does not match a newline.
 */
final class BracketExpression {
    private final PosixRegex re;
    private final int[] p;
    private int i;

    /** One element: a single character (which may start or end a range) or a class. */
    private record Element(int ch, String java) {
        boolean isChar() {
            return java == null;
        }

        String text() {
            return java == null ? PosixRegex.javaLiteral(ch) : java;
        }
    }

    BracketExpression(PosixRegex re) {
        this.re = re;
        this.p = re.pattern();
        this.i = re.position();
    }

    /** Parses from just after the opening '[' to just after the closing ']'. */
    String parse() {
        boolean negate = i < p.length && p[i] == '^';
        if (negate) {
            i++;
        }
        StringBuilder cls = new StringBuilder("[");
        if (negate) {
            cls.append('^');
        }
        boolean first = true;
        while (true) {
            if (i >= p.length) {
                throw PosixRegex.invalid("brackets [] not balanced");
            }
            if (p[i] == ']' && !first) {
                i++;
                break;
            }
            first = false;
            Element start = element();
            if (rangeDash()) {
                i++;
                Element end = element();
                if (!start.isChar() || !end.isChar() || end.ch() < start.ch() || rangeDash()) {
                    throw PosixRegex.invalid("invalid character range");
                }
                cls.append(start.text()).append('-').append(end.text());
            } else {
                cls.append(start.text());
            }
        }
        if (negate && re.flags().newlineStop()) {
            cls.append("\\n");
        }
        re.position(i);
        return cls.append(']').toString();
    }

    /** A '-' that makes a range: not the last character before ']'. */
    private boolean rangeDash() {
        return i + 1 < p.length && p[i] == '-' && p[i + 1] != ']';
    }

    private Element element() {
        int c = p[i];
        if (c == '[' && i + 1 < p.length && (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
            int kind = p[i + 1];
            int end = closing(kind, i + 2);
            String name = new String(p, i + 2, end - (i + 2));
            i = end + 2;
            if (kind == ':') {
                return new Element(0, posixClass(name));
            }
            if (name.codePointCount(0, name.length()) != 1) {
                throw PosixRegex.invalid("invalid collating element");
            }
            return new Element(name.codePointAt(0), null);
        }
        if (c == '\\') {
            if (i + 1 >= p.length) {
                throw PosixRegex.invalid("brackets [] not balanced");
            }
            int e = p[i + 1];
            if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
                i += 2;
                return new Element(0, switch (e) {
                    case 'd' -> "0-9";
                    case 'D' -> "\\x{0}-\\x{2f}\\x{3a}-\\x{10ffff}";
                    default -> "\\" + (char) e;
                });
            }
            re.position(i + 1);
            int ch = re.entryEscape();
            i = re.position();
            return new Element(ch, null);
        }
        i++;
        return new Element(c, null);
    }

    /** The index of the {@code kind]} that closes an element starting at {@code from}. */
    private int closing(int kind, int from) {
        for (int k = from; k + 1 < p.length; k++) {
            if (p[k] == kind && p[k + 1] == ']') {
                return k;
            }
        }
        throw PosixRegex.invalid("brackets [] not balanced");
    }

    /** A POSIX character class as the members of a flat Java class (Unicode-aware, like glibc's UTF-8 locales). */
    private static String posixClass(String name) {
        return switch (name) {
            case "alpha" -> "\\p{IsAlphabetic}";
            case "upper" -> "\\p{IsUppercase}";
            case "lower" -> "\\p{IsLowercase}";
            case "digit" -> "0-9";
            case "alnum" -> "\\p{IsAlphabetic}0-9";
            case "xdigit" -> "0-9A-Fa-f";
            case "space" -> "\\s";
            case "blank" -> " \\t";
            case "punct" -> "\\p{P}\\p{S}";
            case "cntrl" -> "\\p{Cc}";
            case "graph" -> "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}";
            case "print" -> "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}";
            default -> throw PosixRegex.invalid("invalid character class");
        };
    }
}
