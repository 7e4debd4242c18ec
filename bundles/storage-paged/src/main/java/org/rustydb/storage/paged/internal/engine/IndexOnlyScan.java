package org.rustydb.storage.paged.internal.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.btree.KeyEncoder;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;
import org.rustydb.storage.paged.internal.heap.VisibilityMap;

/**
 * An index-only scan: for each entry of the range, the key values come from the entry itself when
 * the visibility map says the row's page is all-visible (no transaction can fail to see the row),
 * else the row version is read and checked as an index scan does (a heap fetch). Rows hold the
 * key columns only.
 *
 * <p>The bit is read after the entry: a writer clears it under the page latch before its tuple
 * (and so its index entries) exist, and before its commit, so a bit still set when read names a
 * page whose every tuple this reader's snapshot sees. Key encodings that do not give back the
 * exact stored value (numeric scale, -0 of floats) are always read from the row.
 */
final class IndexOnlyScan implements IndexOnlyCursor {
    /** Types whose key encoding decodes to exactly the value stored. */
    private static final Set<SqlType> EXACT = EnumSet.of(SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.INTEGER,
            SqlType.BIGINT, SqlType.TEXT, SqlType.VARCHAR, SqlType.CHAR, SqlType.DATE, SqlType.TIME,
            SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.UUID, SqlType.BYTEA);

    private final PagedTable table;
    private final HeapFile heap;
    private final VisibilityMap visibility;
    private final TableRows.Reader reader;
    private final Runnable checkOpen;
    private final BTree.Cursor entries;
    /** The key's columns, by the current layout, and their types; null types: never from the entry. */
    private final int[] keyColumns;
    private final SqlType[] keyTypes;
    /** The key's stored slots, to decode only those from a fetched row. */
    private final boolean[] slotMask;
    private final int width;
    /** The leading key columns the range bounds: a NULL in one puts the row outside it. */
    private final int bounded;
    private long heapFetches;
    private Object[] row;
    private long rowId;

    IndexOnlyScan(PagedIndex index, TableRows.Reader reader, Runnable checkOpen, BTree.Cursor entries, int bounded) {
        this.table = index.pagedTable();
        this.heap = table.heap();
        this.visibility = heap.visibilityMap();
        this.reader = reader;
        this.checkOpen = checkOpen;
        this.entries = entries;
        this.bounded = bounded;
        List<Integer> columns = index.definition().columns();
        this.width = table.definition().columns().size();
        this.keyColumns = columns.stream().mapToInt(Integer::intValue).toArray();
        SqlType[] types = new SqlType[keyColumns.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = table.definition().columns().get(keyColumns[i]).type();
            if (!EXACT.contains(types[i])) {
                types = null;
                break;
            }
        }
        this.keyTypes = types;
        this.slotMask = new boolean[table.record().width()];
        for (int slot : index.storedDefinition().columns()) {
            slotMask[slot] = true;
        }
    }

    @Override
    public boolean next() {
        checkOpen.run();
        while (entries.next()) {
            long id = entries.value();
            Object[] values;
            if (keyTypes != null && visibility.isAllVisible(HeapFile.pageOf(id))) {
                Object[] key = KeyEncoder.decode(entries.key(), keyTypes);
                values = new Object[width];
                for (int i = 0; i < keyColumns.length; i++) {
                    values[keyColumns[i]] = key[i];
                }
            } else {
                heapFetches++;
                StoredTuple t = heap.fetch(id, reader::sees); // the version of the entry's HOT chain it sees
                if (t == null) {
                    continue;
                }
                id = t.rowId();
                values = table.columnsOf(ValueCodec.readRow(new ByteReader(t.payload()), slotMask));
            }
            if (!nullInBounded(values)) {
                row = values;
                rowId = id;
                return true;
            }
        }
        row = null;
        return false;
    }

    private boolean nullInBounded(Object[] values) {
        for (int i = 0; i < bounded && i < keyColumns.length; i++) {
            if (values[keyColumns[i]] == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long heapFetches() {
        return heapFetches;
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
        try {
            entries.close();
        } finally {
            reader.close();
        }
    }
}
