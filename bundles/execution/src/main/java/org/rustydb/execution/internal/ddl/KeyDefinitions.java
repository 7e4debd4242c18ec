package org.rustydb.execution.internal.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The PRIMARY KEY and UNIQUE constraints of CREATE TABLE: PostgreSQL's order and de-duplication,
 * and its names ({@code t_pkey}, {@code t_a_b_key}).
 */
final class KeyDefinitions {
    /** A key before naming; {@code position} is where it is written. */
    record KeySpec(String name, List<Integer> columns, boolean primary, int position) {
    }

    private KeyDefinitions() {
    }

    /** Names the keys {@link #dedupe} kept; the explicit names first, so generated ones avoid them. */
    static List<UniqueKey> define(String table, List<ColumnDefinition> columns, List<KeySpec> specs,
                                  Set<String> tableNames, NameChooser names) {
        Set<String> explicit = new HashSet<>();
        for (KeySpec k : specs) {
            if (k.name() != null && !explicit.add(k.name())) {
                throw DbException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", k.name());
            }
            if (k.name() != null && tableNames.contains(k.name())) {
                throw DbException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                        k.name(), table);
            }
        }
        explicit.forEach(n -> {
            names.take(n);
            tableNames.add(n);
        });
        List<UniqueKey> out = new ArrayList<>();
        for (KeySpec k : specs) {
            String name = k.name();
            if (name == null) {
                StringBuilder base = new StringBuilder(table);
                if (!k.primary()) {
                    for (int c : k.columns()) {
                        base.append('_').append(columns.get(c).name());
                    }
                }
                name = names.choose(base.toString(), k.primary() ? "pkey" : "key", true);
                tableNames.add(name);
            }
            out.add(new UniqueKey(name, k.columns(), k.primary()));
        }
        return out;
    }

    /**
     * The keys in PostgreSQL's order: the primary key first, then the others in order, dropping one
     * that repeats the columns of an earlier one (unless both carry different names).
     */
    static List<KeySpec> dedupe(String table, List<KeySpec> keys) {
        List<KeySpec> result = new ArrayList<>();
        KeySpec primary = null;
        for (KeySpec k : keys) {
            if (k.primary()) {
                if (primary != null) {
                    throw DbException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"%s\" are not allowed", table).withPosition(k.position());
                }
                primary = k;
            }
        }
        if (primary != null) {
            result.add(primary);
        }
        for (KeySpec k : keys) {
            if (k == primary) {
                continue;
            }
            boolean keep = true;
            for (int i = 0; i < result.size(); i++) {
                KeySpec prior = result.get(i);
                if (prior.columns().equals(k.columns())
                        && (k.name() == null || prior.name() == null || prior.name().equals(k.name()))) {
                    if (prior.name() == null && k.name() != null) {
                        result.set(i, new KeySpec(k.name(), prior.columns(), prior.primary(), prior.position()));
                    }
                    keep = false;
                    break;
                }
            }
            if (keep) {
                result.add(k);
            }
        }
        return result;
    }
}
