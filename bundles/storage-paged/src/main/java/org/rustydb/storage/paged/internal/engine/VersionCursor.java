package org.rustydb.storage.paged.internal.engine;

import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;
import org.rustydb.storage.paged.internal.heap.StoredTuple;

/**
 * A cursor over the row versions one reader sees: a subclass supplies candidate versions (from a
 * heap scan, or through index entries) and may reject rows; this class applies visibility and
 * decodes: every column, or only those asked for (the others read as null).
 */
abstract class VersionCursor implements RowCursor {
    private final PagedTable table;
    private final TableRows.Reader reader;
    private final Runnable checkOpen;
    /** The columns to decode, ascending; null for all. */
    private final int[] columns;
    /** The stored slots of {@link #columns} in the row layout {@link #maskLayout}. */
    private boolean[] slotMask;
    private RelationRecord maskLayout;
    private Object[] row;
    private long rowId;

    VersionCursor(PagedTable table, TableRows.Reader reader, Runnable checkOpen, int[] columns) {
        this.table = table;
        this.reader = reader;
        this.checkOpen = checkOpen;
        this.columns = columns;
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
                Object[] values = decode(tuple.payload());
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

    private Object[] decode(byte[] payload) {
        if (columns == null) {
            return TableRows.decode(table, payload);
        }
        RelationRecord layout = table.record();
        if (layout != maskLayout) {
            // the layout changes only with ALTER TABLE; checked per row as the full decode does
            boolean[] mask = new boolean[layout.width()];
            for (int c : columns) {
                if (c < layout.slots().size()) {
                    mask[layout.slots().get(c)] = true;
                }
            }
            slotMask = mask;
            maskLayout = layout;
        }
        return table.columnsOf(ValueCodec.readRow(new ByteReader(payload), slotMask));
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
