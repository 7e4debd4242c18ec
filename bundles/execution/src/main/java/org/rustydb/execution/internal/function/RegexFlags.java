package org.rustydb.execution.internal.function;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * The options of a PostgreSQL regular expression, from a flags argument (as parse_re_flags reads
 * it: later letters win) or from embedded options at the start of the pattern.
 *
 * @param caseInsensitive 'i' (and 'c' for sensitive)
 * @param newlineStop     '.' and negated brackets do not match a newline ('n', 'm', 'p')
 * @param newlineAnchor   '^' and '$' also match at newlines ('n', 'm', 'w')
 * @param expanded        white space and #-comments are ignored ('x')
 * @param literal         the whole pattern is a literal string ('q')
 * @param global          replace every match ('g', regexp_replace only)
 */
public record RegexFlags(boolean caseInsensitive, boolean newlineStop, boolean newlineAnchor, boolean expanded,
                         boolean literal, boolean global) {

    public static final RegexFlags DEFAULT = new RegexFlags(false, false, false, false, false, false);
    public static final RegexFlags CASE_INSENSITIVE = new RegexFlags(true, false, false, false, false, false);

    /**
     * Parses a flags argument.
     *
     * @param function the calling function, e.g. {@code regexp_like()}, or null when 'g' is allowed
     */
    public static RegexFlags parse(String flags, String function) {
        RegexFlags f = DEFAULT;
        for (int i = 0; i < flags.length(); ) {
            int c = flags.codePointAt(i);
            if (c == 'g') {
                if (function != null) {
                    throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "%s does not support the \"global\" option",
                            function);
                }
                f = new RegexFlags(f.caseInsensitive, f.newlineStop, f.newlineAnchor, f.expanded, f.literal, true);
            } else {
                RegexFlags next = f.with(c);
                if (next == null) {
                    throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression option: \"%s\"",
                            new String(Character.toChars(c)));
                }
                f = next;
            }
            i += Character.charCount(c);
        }
        return f;
    }

    /** These flags with one option letter applied, or null for a letter that is not an option. */
    RegexFlags with(int c) {
        return switch (c) {
            case 'c' -> new RegexFlags(false, newlineStop, newlineAnchor, expanded, literal, global);
            case 'i' -> new RegexFlags(true, newlineStop, newlineAnchor, expanded, literal, global);
            case 'm', 'n' -> new RegexFlags(caseInsensitive, true, true, expanded, literal, global);
            case 'p' -> new RegexFlags(caseInsensitive, true, false, expanded, literal, global);
            case 'w' -> new RegexFlags(caseInsensitive, false, true, expanded, literal, global);
            case 's' -> new RegexFlags(caseInsensitive, false, false, expanded, literal, global);
            case 'x' -> new RegexFlags(caseInsensitive, newlineStop, newlineAnchor, true, literal, global);
            case 't' -> new RegexFlags(caseInsensitive, newlineStop, newlineAnchor, false, literal, global);
            case 'q' -> new RegexFlags(caseInsensitive, newlineStop, newlineAnchor, expanded, true, global);
            case 'b', 'e' -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "basic and extended regular expression flavors are not supported yet");
            default -> null;
        };
    }
}
