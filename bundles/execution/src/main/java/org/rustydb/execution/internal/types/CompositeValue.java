package org.rustydb.execution.internal.types;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.rustydb.api.ValueText;

/**
 * A value of a composite type (a row): its field values in the order of the type's fields, null
 * for SQL NULL. Immutable once built.
 */
public final class CompositeValue {
    private final Object[] values;

    public CompositeValue(Object... values) {
        this.values = values.clone();
    }

    public Object field(int index) {
        return values[index];
    }

    /**
     * PostgreSQL's record_out: {@code (a,b)}, a NULL field empty, a field quoted when it is empty or
     * holds a quote, backslash, parenthesis, comma or white space (quotes and backslashes doubled).
     */
    public String text(List<DataType.Field> fields, ZoneId zone) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            DataType type = fields.get(i).type();
            String text = v instanceof CompositeValue c ? c.text(type.fields(), zone)
                    : ValueText.format(v, type.type(), zone);
            boolean quote = text.isEmpty();
            for (int k = 0; k < text.length() && !quote; k++) {
                char ch = text.charAt(k);
                quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' || Character.isWhitespace(ch);
            }
            if (!quote) {
                out.append(text);
                continue;
            }
            out.append('"');
            for (int k = 0; k < text.length(); k++) {
                char ch = text.charAt(k);
                if (ch == '"' || ch == '\\') {
                    out.append(ch);
                }
                out.append(ch);
            }
            out.append('"');
        }
        return out.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositeValue c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
