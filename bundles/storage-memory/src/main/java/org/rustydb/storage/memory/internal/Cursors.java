package org.rustydb.storage.memory.internal;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;

/**
 * Cursors over memory tables. They read the live rows without locks (concurrent skip lists), so
 * they see what is there when they get to it: a row changed meanwhile shows its old or its new
 * values, never half of each. An index cursor shows a row only while the row still has the key
 * of the entry that led to it, and at most once: a change of its key (by this very statement, as
 * in {@code UPDATE t SET k = k + 1}) may move it ahead of the cursor, which then skips it.
 */
final class Cursors {
    /** Checks before each step, so a cursor open at shutdown fails with 57P03. */
    interface OpenCheck {
        void check();
    }

    private Cursors() {
    }

    static RowCursor table(MemoryTable table, OpenCheck open) {
        Iterator<Map.Entry<Long, Object[]>> it = table.rows().entrySet().iterator();
        return new RowCursor() {
            private Map.Entry<Long, Object[]> current;

            @Override
            public boolean next() {
                open.check();
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public RowId rowId() {
                return new RowId(current.getKey());
            }

            @Override
            public Object[] row() {
                return current.getValue();
            }

            @Override
            public void close() {
                current = null;
            }
        };
    }

    static RowCursor index(MemoryIndex index, KeyRange range, boolean descending, OpenCheck open) {
        Iterator<IndexEntry> it = index.entries(range, descending);
        Map<Long, Object[]> rows = index.table().rows();
        Set<Long> seen = new HashSet<>();
        return new RowCursor() {
            private long rowId;
            private Object[] row;

            @Override
            public boolean next() {
                open.check();
                while (it.hasNext()) {
                    IndexEntry entry = it.next();
                    Object[] values = rows.get(entry.rowId());
                    // the entry may be from before a change still in progress: the row must match it
                    if (values != null && entry.matches(index.definition().columns(), values)
                            && seen.add(entry.rowId())) {
                        rowId = entry.rowId();
                        row = values;
                        return true;
                    }
                }
                row = null;
                return false;
            }

            @Override
            public RowId rowId() {
                return new RowId(rowId);
            }

            @Override
            public Object[] row() {
                return row;
            }

            @Override
            public void close() {
                row = null;
                seen.clear();
            }
        };
    }

    /** An index-only view of an index cursor: each row holds the key columns only. */
    static IndexOnlyCursor keysOnly(RowCursor cursor, List<Integer> keyColumns) {
        return new IndexOnlyCursor() {
            @Override
            public long heapFetches() {
                return 0;
            }

            @Override
            public boolean next() {
                return cursor.next();
            }

            @Override
            public RowId rowId() {
                return cursor.rowId();
            }

            @Override
            public Object[] row() {
                Object[] full = cursor.row();
                Object[] keys = new Object[full.length];
                for (int c : keyColumns) {
                    keys[c] = full[c];
                }
                return keys;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }
}
