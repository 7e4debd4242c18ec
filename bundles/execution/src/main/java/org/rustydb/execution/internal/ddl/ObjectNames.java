package org.rustydb.execution.internal.ddl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * Names PostgreSQL generates for objects the user did not name, such as {@code t_a_b_idx}: parts
 * joined with underscores, the longer of the first two parts shortened until the whole fits in 63
 * bytes, and a number added to the label while the name is taken.
 */
public final class ObjectNames {
    /** The longest identifier in bytes (PostgreSQL's NAMEDATALEN - 1). */
    static final int MAX_BYTES = 63;

    private ObjectNames() {
    }

    /**
     * The first free name {@code name1_name2_label}, {@code name1_name2_label1}, ... (PostgreSQL's
     * ChooseRelationName).
     *
     * @param name2 may be null or empty for {@code name1_label}
     * @param taken whether a relation of a candidate name exists
     */
    public static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String modLabel = label;
        for (int pass = 1; ; pass++) {
            String name = make(name1, name2, modLabel);
            if (!taken.test(name)) {
                return name;
            }
            modLabel = label + pass;
        }
    }

    /** The column part of an index name: names joined with underscores, stopping once it is long enough. */
    public static String columnsPart(List<String> columns) {
        StringBuilder part = new StringBuilder();
        for (String column : columns) {
            if (part.length() > 0) {
                part.append('_');
            }
            part.append(column);
            if (bytes(part.toString()) > MAX_BYTES) {
                break;
            }
        }
        return part.toString();
    }

    /** PostgreSQL's makeObjectName: shortens the longer part first, never splitting a character. */
    static String make(String name1, String name2, String label) {
        boolean hasName2 = name2 != null && !name2.isEmpty();
        int overhead = (hasName2 ? 1 : 0) + (label == null ? 0 : bytes(label) + 1);
        int available = MAX_BYTES - overhead;
        int n1 = bytes(name1);
        int n2 = hasName2 ? bytes(name2) : 0;
        while (n1 + n2 > available) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        StringBuilder name = new StringBuilder(clip(name1, n1));
        if (hasName2) {
            name.append('_').append(clip(name2, n2));
        }
        if (label != null) {
            name.append('_').append(label);
        }
        return name.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of whole characters within {@code maxBytes} UTF-8 bytes. */
    private static String clip(String s, int maxBytes) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > maxBytes) {
                break;
            }
            used += size;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
