package org.rustydb.storage.log.internal.rows;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The row rules every storage engine enforces the same way, with PostgreSQL's messages: NOT
 * NULL (primary key columns included) and unique violations.
 */
public final class RowChecks {
    /** PostgreSQL's limit on each value shown in a "Failing row contains" detail. */
    private static final int MAX_FIELD_BYTES = 64;

    private RowChecks() {
    }

    /** A copy of the caller's values after the NOT NULL and type checks; the engine keeps it as is. */
    public static Object[] checkedCopy(TableDefinition definition, Object[] values) {
        List<ColumnDefinition> columns = definition.columns();
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("table " + definition.name() + " has " + columns.size()
                    + " columns, got " + values.length + " values");
        }
        Object[] row = values.clone();
        for (int i = 0; i < row.length; i++) {
            ColumnDefinition column = columns.get(i);
            if (row[i] == null) {
                if (column.notNull() || isPrimaryKeyColumn(definition, i)) {
                    throw DbException.of(SqlState.NOT_NULL_VIOLATION,
                                    "null value in column \"%s\" of relation \"%s\" violates not-null constraint",
                                    column.name(), definition.name())
                            .withDetail("Failing row contains " + rowText(row) + ".");
                }
            } else if (!column.type().javaClass().isInstance(row[i])) {
                // The executor converts values to the column types; anything else is a bug upstream.
                throw new IllegalArgumentException("column " + column.name() + " of type " + column.type()
                        + " got a " + row[i].getClass().getSimpleName());
            }
        }
        return row;
    }

    public static boolean isPrimaryKeyColumn(TableDefinition definition, int column) {
        for (UniqueKey key : definition.uniqueKeys()) {
            if (key.primary() && key.columns().contains(column)) {
                return true;
            }
        }
        return false;
    }

    /** The key's values of a row, in key column order. */
    public static Object[] keyValues(UniqueKey key, Object[] row) {
        Object[] values = new Object[key.columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[key.columns().get(i)];
        }
        return values;
    }

    /** True if any value is NULL: such a key never conflicts. */
    public static boolean hasNull(Object[] values) {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /** 23505 for a key that another row already has. */
    public static DbException uniqueViolation(TableDefinition definition, UniqueKey key, Object[] row) {
        return DbException.of(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"%s\"",
                        key.name())
                .withDetail("Key " + keyText(definition, key.columns(), row) + " already exists.");
    }

    /** A row's key as PostgreSQL shows it in messages: {@code (a, b)=(1, x)}. */
    public static String keyText(TableDefinition definition, List<Integer> columns, Object[] row) {
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int column : columns) {
            names.add(definition.columns().get(column).name());
            texts.add(valueText(row[column]));
        }
        return "(" + String.join(", ", names) + ")=(" + String.join(", ", texts) + ")";
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
            appendClipped(sb, valueText(row[i]));
        }
        return sb.append(')').toString();
    }

    private static void appendClipped(StringBuilder sb, String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_FIELD_BYTES) {
                sb.append(text, 0, i).append("...");
                return;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        sb.append(text);
    }

    /** A value as PostgreSQL's messages show it: {@code null}, booleans as t and f. */
    public static String valueText(Object value) {
        return value == null ? "null" : value instanceof Boolean b ? (b ? "t" : "f") : value.toString();
    }
}
