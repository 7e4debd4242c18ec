package org.rustydb.execution.internal.parser;

import java.util.Set;

/** Identifier case folding and quoting as in PostgreSQL. */
public final class Identifiers {
    /** PostgreSQL 15's keywords that are not unreserved: quote_identifier quotes them. */
    private static final Set<String> NOT_UNRESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array",
            "as", "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both",
            "case", "cast", "char", "character", "check", "coalesce", "collate", "collation", "column",
            "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch",
            "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
            "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
            "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
            "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
            "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
            "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user",
            "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time",
            "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
            "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
            "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Identifiers() {
    }

    /**
     * An identifier as PostgreSQL's quote_identifier writes it: bare when it is lower-case letters,
     * digits and underscores, starts with a letter or underscore and is not a keyword that needs
     * quoting; otherwise in double quotes, with quotes inside doubled.
     */
    public static String quote(String name) {
        boolean safe = !name.isEmpty() && (isLower(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; i < name.length() && safe; i++) {
            char c = name.charAt(i);
            safe = isLower(c) || (c >= '0' && c <= '9') || c == '_';
        }
        if (safe && !NOT_UNRESERVED.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
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
