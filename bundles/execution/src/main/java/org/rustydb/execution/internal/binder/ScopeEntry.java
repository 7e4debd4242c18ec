package org.rustydb.execution.internal.binder;

import java.util.BitSet;
import java.util.List;

import org.rustydb.execution.internal.types.DataType;

/**
 * One FROM item as names see it: its columns at {@code offset} in the row of the scope.
 *
 * @param qualifier the table name or alias, or null (the merged columns of JOIN ... USING)
 * @param schema    the schema of a table referred to by its name, else null
 * @param names     the column names
 * @param types     the column types
 * @param offset    where the first column is in the scope's row
 * @param hidden    columns that unqualified names and {@code *} do not see (merged by USING)
 * @param relation  the name of the table behind an alias, else null (for a hint when it is used)
 */
public record ScopeEntry(String qualifier, String schema, List<String> names, List<DataType> types, int offset,
                         BitSet hidden, String relation) {
    public ScopeEntry {
        names = List.copyOf(names);
        types = List.copyOf(types);
        hidden = (BitSet) hidden.clone();
    }

    public ScopeEntry(String qualifier, String schema, List<String> names, List<DataType> types) {
        this(qualifier, schema, names, types, 0, new BitSet(), null);
    }

    public int width() {
        return names.size();
    }

    public ScopeEntry shifted(int by) {
        return new ScopeEntry(qualifier, schema, names, types, offset + by, hidden, relation);
    }

    public ScopeEntry hiding(BitSet more) {
        BitSet h = (BitSet) hidden.clone();
        h.or(more);
        return new ScopeEntry(qualifier, schema, names, types, offset, h, relation);
    }

    /** The index of a visible column by name among this entry's columns, -1 if none, -2 if several. */
    int find(String name, boolean includeHidden) {
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name) && (includeHidden || !hidden.get(i))) {
                if (found >= 0) {
                    return -2;
                }
                found = i;
            }
        }
        return found;
    }
}
