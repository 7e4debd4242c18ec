package org.rustydb.execution.internal.ddl;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * CREATE TABLE's {@code WITH (name = value, ...)} storage parameters, checked as PostgreSQL checks
 * them. {@code fillfactor} (10..100) and {@code autovacuum_enabled} are accepted, as scripts such
 * as pgbench's set them, and change nothing: the paged engine fills heap pages fully and its
 * automatic vacuum serves every table. Other names fail with 22023 as in PostgreSQL.
 */
final class StorageParameters {
    private static final Pattern WITH = Pattern.compile("(?is)\\s*WITH\\s*\\((.*)\\)\\s*");
    private static final Pattern PARAMETER = Pattern.compile("(?s)\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:=\\s*(.*?))?\\s*");

    private StorageParameters() {
    }

    /** Checks the table options JSqlParser kept as text; 0A000 for options other than WITH (...). */
    static void check(List<String> tableOptions) {
        if (tableOptions == null || tableOptions.isEmpty()) {
            return;
        }
        String text = String.join(" ", tableOptions);
        if (text.replace(" ", "").equals("()")) {
            return;
        }
        Matcher m = WITH.matcher(text);
        if (!m.matches()) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "table options (%s) are not supported", text);
        }
        for (String item : m.group(1).split(",")) {
            Matcher p = PARAMETER.matcher(item);
            if (!p.matches()) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", item.trim());
            }
            String name = p.group(1).toLowerCase(Locale.ROOT);
            String value = p.group(2) == null ? "true" : unquoted(p.group(2));
            switch (name) {
                case "fillfactor" -> checkFillFactor(value);
                case "autovacuum_enabled" -> checkBoolean(name, value);
                default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"%s\"", name);
            }
        }
    }

    private static String unquoted(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }

    private static void checkFillFactor(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"fillfactor\": %s",
                    value);
        }
        if (n < 10 || n > 100) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "value %s out of bounds for option \"fillfactor\"",
                    value.trim()).withDetail("Valid values are between \"10\" and \"100\".");
        }
    }

    private static void checkBoolean(String name, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "false", "on", "off", "yes", "no", "1", "0", "t", "f", "y", "n" -> { }
            default -> throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value for boolean option \"%s\": %s",
                    name, value.trim());
        }
    }
}
