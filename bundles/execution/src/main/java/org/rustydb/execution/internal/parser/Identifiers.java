package org.rustydb.execution.internal.parser;

/** Identifier case folding and quoting as in PostgreSQL. */
public final class Identifiers {
    private Identifiers() {
    }

    /** Folds an unquoted identifier: PostgreSQL lower-cases ASCII letters only. */
    public static String fold(String word) {
        StringBuilder sb = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(word);
                }
                sb.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return sb == null ? word : sb.toString();
    }

    /**
     * The name an identifier as JSqlParser hands it back stands for: a double-quoted identifier
     * loses its quotes (and "" becomes "), anything else is folded.
     */
    public static String name(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return fold(raw);
    }
}
