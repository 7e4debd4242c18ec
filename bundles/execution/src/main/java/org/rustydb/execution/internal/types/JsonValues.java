package org.rustydb.execution.internal.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * json and jsonb input: json keeps the text as written once it parses; jsonb prints PostgreSQL's
 * normalized form (object keys ordered by length then bytes, the last of duplicate keys kept, one
 * space after colons and commas, escapes decoded and re-encoded, numbers as numeric prints them).
 */
public final class JsonValues {
    private final String text;
    private final String typeName;
    private int pos;

    private JsonValues(String text, String typeName) {
        this.text = text;
        this.typeName = typeName;
    }

    /** Validates json text and returns it unchanged. */
    public static String parseJson(String text) {
        JsonValues p = new JsonValues(text, "json");
        p.document();
        return text;
    }

    /** Parses json text and returns jsonb's normalized form. */
    public static String parseJsonb(String text) {
        JsonValues p = new JsonValues(text, "json");
        StringBuilder out = new StringBuilder();
        p.write(p.document(), out);
        return out.toString();
    }

    private Object document() {
        Object value = value();
        skipSpace();
        if (pos < text.length()) {
            throw invalid("Expected end of input, but found \"" + tokenAt() + "\".");
        }
        return value;
    }

    /** A parsed value: Map (object), List (array), String, BigDecimal, Boolean, or NULL_VALUE. */
    private static final Object NULL_VALUE = new Object();

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw invalid("The input string ended unexpectedly.");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                String word = tokenAt();
                pos += word.length();
                return switch (word) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> NULL_VALUE;
                    default -> throw invalid("Token \"" + word + "\" is invalid.");
                };
        }
    }

    private Map<String, Object> object() {
        // ordered as jsonb orders keys: shorter first, then by UTF-8 bytes (code points)
        Map<String, Object> members = new TreeMap<>((a, b) -> a.length() != b.length()
                ? Integer.compare(a.codePointCount(0, a.length()), b.codePointCount(0, b.length()))
                : Comparisons.compareStrings(a, b));
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw invalid(pos >= text.length() ? "The input string ended unexpectedly."
                        : "Expected string, but found \"" + tokenAt() + "\".");
            }
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw invalid(pos >= text.length() ? "The input string ended unexpectedly."
                        : "Expected \":\", but found \"" + tokenAt() + "\".");
            }
            pos++;
            members.put(key, value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                pos--;
                throw invalid(pos >= text.length() ? "The input string ended unexpectedly."
                        : "Expected \",\" or \"}\", but found \"" + tokenAt() + "\".");
            }
        }
    }

    private List<Object> array() {
        List<Object> items = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                pos--;
                throw invalid(pos >= text.length() ? "The input string ended unexpectedly."
                        : "Expected \",\" or \"]\", but found \"" + tokenAt() + "\".");
            }
        }
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw invalid("The input string ended unexpectedly.");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw invalid("Character with value 0x" + String.format("%02x", (int) c) + " must be escaped.");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw invalid("The input string ended unexpectedly.");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9A-Fa-f]{4}")) {
                        throw invalid("\"\\u\" must be followed by four hexadecimal digits.");
                    }
                    char u = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                    pos += 4;
                    if (u == 0) {
                        throw DbException.of(SqlState.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence")
                                .withDetail("\\u0000 cannot be converted to text.");
                    }
                    sb.append(u);
                }
                default -> throw invalid("Escape sequence \"\\" + e + "\" is invalid.");
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        boolean ok = pos > digits && !(text.charAt(digits) == '0' && pos - digits > 1);
        if (ok && peek() == '.') {
            pos++;
            int frac = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            ok = pos > frac;
        }
        if (ok && (peek() == 'e' || peek() == 'E')) {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            int exp = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            ok = pos > exp;
        }
        if (!ok || (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos)))) {
            pos = start;
            throw invalid("Token \"" + tokenAt() + "\" is invalid.");
        }
        BigDecimal v = new BigDecimal(text.substring(start, pos));
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** The token at the current position, for messages: a run of letters/digits or one character. */
    private String tokenAt() {
        int end = pos;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-'
                || text.charAt(end) == '.' || text.charAt(end) == '+')) {
            end++;
        }
        return end == pos ? text.substring(pos, Math.min(pos + 1, text.length())) : text.substring(pos, end);
    }

    private DbException invalid(String detail) {
        return DbException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type %s", typeName)
                .withDetail(detail);
    }

    @SuppressWarnings("unchecked")
    private void write(Object v, StringBuilder out) {
        if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                quote(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof String s) {
            quote(s, out);
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof Boolean b) {
            out.append(b);
        } else {
            out.append("null");
        }
    }

    /** PostgreSQL's escape_json. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
