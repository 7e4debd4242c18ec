package org.rustydb.execution.internal.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.TableDefinition;

/** The columns a COPY of a table names, checked as PostgreSQL's CopyGetAttnums checks them. */
final class CopyColumns {
    private CopyColumns() {
    }

    /** The table column indexes of the names, in order; all columns when none are named. */
    static int[] targets(TableDefinition def, List<String> names) {
        if (names.isEmpty()) {
            int[] all = new int[def.columns().size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        List<Integer> targets = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (String name : names) {
            int index = indexOf(def, name);
            if (index < 0) {
                throw DbException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", name,
                        def.name());
            }
            if (!seen.add(index)) {
                throw DbException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", name);
            }
            targets.add(index);
        }
        return targets.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Per copied column, whether a FORCE_* option names it (all for {@code *}); a name the COPY
     * does not copy is 42P10, as in PostgreSQL.
     */
    static boolean[] flags(TableDefinition def, int[] targets, CopyOptions.ColumnList list, String option) {
        boolean[] flags = new boolean[targets.length];
        if (list == null) {
            return flags;
        }
        if (list.names() == null) {
            java.util.Arrays.fill(flags, true);
            return flags;
        }
        for (String name : list.names()) {
            int index = def == null ? -1 : indexOf(def, name);
            int at = -1;
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] == index) {
                    at = i;
                }
            }
            if (at < 0) {
                throw DbException.of(SqlState.INVALID_COLUMN_REFERENCE, "%s column \"%s\" not referenced by COPY",
                        option, name);
            }
            flags[at] = true;
        }
        return flags;
    }

    private static int indexOf(TableDefinition def, String name) {
        for (int i = 0; i < def.columns().size(); i++) {
            if (def.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
