package org.rustydb.execution.internal.constraint;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.TableDefinition;

/**
 * Key values of foreign keys: taken from rows, converted between the types of referencing and
 * referenced columns (which may differ, such as integer and bigint), compared, and shown in
 * messages as PostgreSQL shows them.
 */
public final class KeyValues {
    /** PostgreSQL's limit on each value shown in a "Failing row contains" detail. */
    private static final int MAX_FIELD_BYTES = 64;

    private KeyValues() {
    }

    /** The values of {@code columns} of a row, in that order. */
    public static Object[] of(Object[] row, List<Integer> columns) {
        Object[] key = new Object[columns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[columns.get(i)];
        }
        return key;
    }

    public static boolean anyNull(Object[] key) {
        for (Object value : key) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    public static boolean allNull(Object[] key) {
        for (Object value : key) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * A key converted to the types of {@code columns} of a table, or null when a value cannot be
     * one of that column (an integer out of its range): then no row of the table can hold the key.
     */
    public static Object[] convert(Object[] key, TableDefinition table, List<Integer> columns) {
        Object[] out = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            SqlType type = table.columns().get(columns.get(i)).type();
            Object value = key[i];
            if (value instanceof Number n && type.isInteger()) {
                long v = n.longValue();
                if (type == SqlType.SMALLINT) {
                    if (v != (short) v) {
                        return null;
                    }
                    value = (short) v;
                } else if (type == SqlType.INTEGER) {
                    if (v != (int) v) {
                        return null;
                    }
                    value = (int) v;
                } else {
                    value = v;
                }
            }
            out[i] = value;
        }
        return out;
    }

    /** True when the row holds the key (already of the row's column types) in {@code columns}. */
    public static boolean matches(Object[] row, List<Integer> columns, Object[] key) {
        for (int i = 0; i < key.length; i++) {
            Object value = row[columns.get(i)];
            if (value == null || !value.equals(key[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when two keys of the same columns differ (NULLs are equal to each other here). */
    public static boolean distinct(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null ? b[i] != null : !a[i].equals(b[i])) {
                return true;
            }
        }
        return false;
    }

    /** A key as PostgreSQL's messages show it: {@code (a, b)=(1, x)}. */
    public static String keyText(TableDefinition table, List<Integer> columns, Object[] key) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < key.length; i++) {
            names.add(table.columns().get(columns.get(i)).name());
            values.add(valueText(key[i]));
        }
        return "(" + String.join(", ", names) + ")=(" + String.join(", ", values) + ")";
    }

    /**
     * A row as PostgreSQL prints it in error details: {@code (1, abc, t, null)}, each value cut to
     * its first 64 bytes of UTF-8 (whole characters) followed by {@code ...} when longer.
     */
    public static String rowText(Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String text = valueText(row[i]);
            int bytes = 0;
            int end = 0;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + size > MAX_FIELD_BYTES) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            sb.append(text, 0, end);
            if (end < text.length()) {
                sb.append("...");
            }
        }
        return sb.append(')').toString();
    }

    /** A value as PostgreSQL's messages show it: {@code null}, booleans as t and f. */
    static String valueText(Object value) {
        return value == null ? "null" : value instanceof Boolean b ? (b ? "t" : "f") : value.toString();
    }
}
