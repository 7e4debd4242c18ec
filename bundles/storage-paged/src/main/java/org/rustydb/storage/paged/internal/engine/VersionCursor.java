package org.rustydb.storage.paged.internal.engine;

import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.storage.paged.internal.heap.StoredTuple;

/**
 * A cursor over the row versions one reader sees: a subclass supplies candidate versions (from a
 * heap scan, or through index entries) and may reject rows; this class applies visibility and
 * decodes.
 */
abstract class VersionCursor implements RowCursor {
    private final PagedTable table;
    private final TableRows.Reader reader;
    private final Runnable checkOpen;
    private Object[] row;
    private long rowId;

    VersionCursor(PagedTable table, TableRows.Reader reader, Runnable checkOpen) {
        this.table = table;
        this.reader = reader;
        this.checkOpen = checkOpen;
    }

    /** The next version to consider, or null at the end. */
    abstract StoredTuple nextCandidate();

    /** Releases what the subclass holds; the snapshot is released by {@link #close}. */
    abstract void release();

    /** Whether a visible row belongs in the result. */
    boolean accept(Object[] values) {
        return true;
    }

    @Override
    public final boolean next() {
        checkOpen.run();
        for (StoredTuple tuple = nextCandidate(); tuple != null; tuple = nextCandidate()) {
            if (reader.sees(tuple.xmin(), tuple.xmax())) {
                Object[] values = TableRows.decode(table, tuple.payload());
                if (accept(values)) {
                    row = values;
                    rowId = tuple.rowId();
                    return true;
                }
            }
        }
        row = null;
        return false;
    }

    @Override
    public final RowId rowId() {
        return new RowId(rowId);
    }

    @Override
    public final Object[] row() {
        return row;
    }

    @Override
    public final void close() {
        try {
            release();
        } finally {
            reader.close();
        }
    }
}
