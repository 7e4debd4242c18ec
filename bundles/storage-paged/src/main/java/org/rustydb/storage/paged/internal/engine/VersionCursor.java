package org.rustydb.storage.paged.internal.engine;

import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;
import org.rustydb.storage.paged.internal.heap.HeapFile;

/**
 * A cursor over the row versions one reader sees: candidate versions come from a heap scan (or
 * through index entries, in the scan's shape), a subclass may reject rows; this class applies
 * visibility and decodes, straight from the candidate's payload bytes: every column, or only
 * those asked for (the others read as null).
 */
class VersionCursor implements RowCursor {
    private final PagedTable table;
    private final TableRows.Reader reader;
    private final Runnable checkOpen;
    /** The columns to decode, ascending; null for all. */
    private final int[] columns;
    private final HeapFile.Scan candidates;
    /** The stored slots of {@link #columns} in the row layout {@link #maskLayout}. */
    private boolean[] slotMask;
    private RelationRecord maskLayout;
    private Object[] row;
    private long rowId;

    VersionCursor(PagedTable table, TableRows.Reader reader, Runnable checkOpen, int[] columns,
            HeapFile.Scan candidates) {
        this.table = table;
        this.candidates = candidates;
        this.reader = reader;
        this.checkOpen = checkOpen;
        this.columns = columns;
    }

    /** Whether a visible row belongs in the result. */
    boolean accept(Object[] values) {
        return true;
    }

    @Override
    public final boolean next() {
        checkOpen.run();
        HeapFile.Scan c = candidates;
        while (c.next()) {
            if (reader.sees(c.xmin(), c.xmax())) {
                Object[] values = decode(new ByteReader(c.payloadArray(), c.payloadOffset(), c.payloadLength()));
                if (accept(values)) {
                    row = values;
                    rowId = c.rowId();
                    return true;
                }
            }
        }
        row = null;
        return false;
    }

    private Object[] decode(ByteReader payload) {
        if (columns == null) {
            return table.columnsOf(ValueCodec.readRow(payload));
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
        return table.columnsOf(ValueCodec.readRow(payload, slotMask));
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
            candidates.close();
        } finally {
            reader.close();
        }
    }
}
