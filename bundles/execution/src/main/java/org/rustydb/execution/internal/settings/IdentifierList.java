package org.rustydb.execution.internal.settings;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.parser.Identifiers;

/**
 * A comma-separated list of identifiers inside a setting's value, such as search_path's
 * {@code "$user", public}, read as PostgreSQL's SplitIdentifierString reads it: double-quoted names
 * keep their case (a doubled quote stands for one), bare names are folded to lower case and end at
 * a comma or a blank, and blanks around names are ignored.
 */
final class IdentifierList {
    private IdentifierList() {
    }

    /** The names, or null when the list syntax is invalid; an empty or blank text is an empty list. */
    static List<String> split(String text) {
        List<String> names = new ArrayList<>();
        int p = skipBlanks(text, 0);
        if (p == text.length()) {
            return names;
        }
        while (true) {
            String name;
            if (text.charAt(p) == '"') {
                StringBuilder quoted = new StringBuilder();
                p++;
                while (true) {
                    int end = text.indexOf('"', p);
                    if (end < 0) {
                        return null; // mismatched quotes
                    }
                    quoted.append(text, p, end);
                    if (end + 1 < text.length() && text.charAt(end + 1) == '"') {
                        quoted.append('"');
                        p = end + 2;
                    } else {
                        p = end + 1;
                        break;
                    }
                }
                name = quoted.toString();
            } else {
                int start = p;
                while (p < text.length() && text.charAt(p) != ',' && !isBlank(text.charAt(p))) {
                    p++;
                }
                if (p == start) {
                    return null; // an empty bare name
                }
                name = Identifiers.fold(text.substring(start, p));
            }
            names.add(name);
            p = skipBlanks(text, p);
            if (p == text.length()) {
                return names;
            }
            if (text.charAt(p) != ',') {
                return null;
            }
            p = skipBlanks(text, p + 1);
            if (p == text.length()) {
                return null; // a name must follow the comma
            }
        }
    }

    private static int skipBlanks(String text, int p) {
        while (p < text.length() && isBlank(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The blanks of PostgreSQL's scanner. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
