package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.storage.log.internal.rows.RowChecks;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.btree.KeyEncoder;
import org.rustydb.storage.paged.internal.catalog.IndexRecord;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;
import org.rustydb.storage.paged.internal.xact.XactManager;

/** CREATE INDEX, DROP INDEX and index scans of the paged engine. */
final class IndexOperations {
    private final PagedStorageEngine engine;
    private final TableRows rows;
    private final Catalog catalog;

    IndexOperations(PagedStorageEngine engine, TableRows rows, Catalog catalog) {
        this.engine = engine;
        this.rows = rows;
        this.catalog = catalog;
    }

    boolean visible(long me, PagedIndex index) {
        PagedTable table = index.pagedTable();
        return rows.visible(me, table.createdBy(), table.droppedBy())
                && rows.visible(me, index.createdBy(), index.droppedBy());
    }

    /**
     * The table's indexes {@code me} sees, keys first; {@code snapshot}: the transaction-wide
     * snapshot, if taken, which leaves out an index built over versions it may read without
     * entries ({@link PagedIndex#checkXmin}).
     */
    List<IndexHandle> visibleIndexes(long me, PagedTable table, XactManager.Snapshot snapshot) {
        List<PagedIndex> keys = new ArrayList<>();
        List<PagedIndex> created = new ArrayList<>();
        for (PagedIndex index : table.indexes()) {
            long checkXmin = index.checkXmin();
            if (!visible(me, index)
                    || (checkXmin != 0 && checkXmin != me && snapshot != null && !snapshot.committed(checkXmin))) {
                continue;
            }
            if (index.isConstraint()) {
                keys.add(index);
            } else {
                created.add(index);
            }
        }
        // keys in the definition's order, also those ALTER TABLE added after the others
        if (keys.size() > 1) { // a lone key (the usual primary key) is in order: no list of names per lookup
            List<String> order = table.definition().uniqueKeys().stream().map(k -> k.name()).toList();
            keys.sort(Comparator.comparingInt(index -> order.indexOf(index.name())));
        }
        created.sort(Comparator.comparing(PagedIndex::name));
        List<IndexHandle> out = new ArrayList<>(keys);
        out.addAll(created);
        return out;
    }

    /**
     * Builds an index over the table's current row versions. Holds the table's DDL lock so no row
     * changes meanwhile; 55P03 if another active transaction has changed rows of the table.
     */
    PagedIndex create(TxnWork w, PagedTable table, IndexDefinition definition) {
        long xid = w.xid();
        int columns = table.definition().columns().size();
        for (int column : definition.columns()) {
            if (column < 0 || column >= columns) {
                throw new IllegalArgumentException("index column " + column + " out of range for " + table);
            }
        }
        PagedStore store = engine.store();
        synchronized (catalog) {
            if (!rows.visible(xid, table.createdBy(), table.droppedBy())) {
                throw PagedStorageEngine.undefinedTable(table);
            }
            engine.checkNameFree(xid, table.schema(), definition.name());
            table.ddlLock().writeLock().lock();
            try {
                engine.checkNoOtherWriters(table, xid);
                int fileId = store.allocateFileId();
                store.disk().createFile(fileId);
                BTree tree = BTree.create(store.pool(), store.log(), fileId, definition.unique());
                IndexDefinition stored = new IndexDefinition(definition.name(), table.slotsOf(definition.columns()),
                        definition.unique());
                IndexRecord record = new IndexRecord(fileId, table.record().heapFileId(), stored);
                long catalogRow = store.catalogHeap().insert(xid, record.encode());
                PagedIndex index = new PagedIndex(stored, table, fileId, tree, false, catalogRow, xid);
                table.indexes().add(index);
                catalog.add(index);
                try {
                    build(rows, table, index, xid);
                } catch (RuntimeException e) {
                    table.indexes().remove(index);
                    catalog.remove(index);
                    store.catalogHeap().setXmaxIf(catalogRow, xid, old -> old == 0);
                    throw e;
                }
                return index;
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
    }

    /**
     * Fills a new index from the table's rows: 23505 {@code could not create unique index} on a
     * duplicate. A HOT chain (see {@code HeapChains}) gets one entry, naming its root, with the
     * key of its newest version still current (later HOT updates keep it); if older versions of
     * the chain have other keys, transaction snapshots taken before this one committed do not use
     * the index ({@link PagedIndex#checkXmin}).
     */
    static void build(TableRows rows, PagedTable table, PagedIndex index, long xid) {
        Map<Long, ChainEntry> page = new LinkedHashMap<>(); // the chains of one page, by root
        int pageNo = -1;
        try (HeapFile.ChainScan scan = table.heap().scanChains()) {
            while (scan.next()) {
                long xmin = scan.xmin();
                long root = scan.chainRoot();
                if (root < 0 || (xmin != xid && rows.xacts().state(xmin) == XactManager.State.ABORTED)) {
                    continue; // no version, or one no chain leads to (a rolled-back update's)
                }
                if (HeapFile.pageOf(root) != pageNo) {
                    addEntries(rows, table, index, xid, page);
                    pageNo = HeapFile.pageOf(root);
                }
                long xmax = scan.xmax();
                boolean current = xmax == 0 || xmax == xid || !rows.xacts().isCommitted(xmax);
                Object[] row = TableRows.decode(table, scan.payload());
                page.computeIfAbsent(root, r -> new ChainEntry()).offer(index, row, scan.chainDepth(), current);
            }
        }
        addEntries(rows, table, index, xid, page);
    }

    /** What a build found of one chain: its newest current version, and whether the keys differ. */
    private static final class ChainEntry {
        private Object[] newest;
        private int newestDepth = -1;
        /** The first version offered, and its key once a second one came (a lone version needs none). */
        private Object[] first;
        private byte[] firstKey;
        private boolean keysDiffer;

        void offer(PagedIndex index, Object[] row, int depth, boolean current) {
            if (first == null) {
                first = row;
            } else if (!keysDiffer) {
                if (firstKey == null) {
                    firstKey = keyOf(index, first);
                }
                keysDiffer = !java.util.Arrays.equals(firstKey, keyOf(index, row));
            }
            if (current && depth > newestDepth) {
                newest = row;
                newestDepth = depth;
            }
        }
    }

    private static byte[] keyOf(PagedIndex index, Object[] row) {
        return KeyEncoder.encode(RowChecks.keyValues(index.asKey(), row));
    }

    private static void addEntries(TableRows rows, PagedTable table, PagedIndex index, long xid,
                                   Map<Long, ChainEntry> chains) {
        for (Map.Entry<Long, ChainEntry> chain : chains.entrySet()) {
            ChainEntry found = chain.getValue();
            if (found.keysDiffer) {
                index.requireSnapshotsAfter(xid);
            }
            if (found.newest == null) {
                continue; // deleted for good
            }
            try {
                rows.addEntry(table, index, found.newest, chain.getKey(), xid);
            } catch (DbException e) {
                if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw e;
                }
                String detail = e.detail() == null ? null : e.detail().replace("already exists.", "is duplicated.");
                throw DbException.of(SqlState.UNIQUE_VIOLATION, "could not create unique index \"%s\"",
                        index.name()).withDetail(detail);
            }
        }
        chains.clear();
    }

    PagedIndex drop(TxnWork w, PagedIndex index) {
        long xid = w.xid();
        PagedTable table = index.pagedTable();
        synchronized (catalog) {
            if (!visible(xid, index)) {
                throw DbException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", index.name());
            }
            if (index.isConstraint()) {
                throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                "cannot drop index %s because constraint %s on table %s requires it", index.name(),
                                index.name(), table.name())
                        .withHint("You can drop constraint " + index.name() + " on table " + table.name()
                                + " instead.");
            }
            table.ddlLock().writeLock().lock();
            try {
                engine.checkNoOtherWriters(table, xid);
                engine.claimCatalogTuple(index.catalogRowId(), xid, index.name());
                index.setDroppedBy(xid);
            } finally {
                table.ddlLock().writeLock().unlock();
            }
        }
        return index;
    }

    /**
     * The visible rows whose key is in the range (see {@link #entries}); entries of versions the reader cannot see are skipped, as are keys with
     * a NULL in a bounded column (NULL sorts after every value, so an open upper end would reach it).
     */
    RowCursor scan(PagedIndex index, TableRows.Reader reader, KeyRange range, boolean descending,
                   Runnable checkOpen, int[] columns) {
        int bounded = Math.max(range.lower().size(), range.upper().size());
        List<Integer> keyColumns = index.definition().columns();
        HeapFile heap = index.pagedTable().heap();
        BTree.Cursor cursor = entries(index, range, descending);
        HeapFile.Scan versions = new HeapFile.Scan() {
            private StoredTuple current;

            @Override
            public boolean next() {
                while (cursor.next()) {
                    // the version of the entry's HOT chain the reader sees (VersionCursor checks it again)
                    current = heap.fetch(cursor.value(), reader::sees);
                    if (current != null) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public StoredTuple tuple() {
                return current;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
        return new VersionCursor(index.pagedTable(), reader, checkOpen, withKey(columns, keyColumns), versions) {
            @Override
            boolean accept(Object[] values) {
                return !hasNullIn(values, keyColumns, bounded);
            }
        };
    }

    /** The visible rows of the range as {@link #scan}, holding the key columns only, from the index where it can. */
    IndexOnlyScan scanIndexOnly(PagedIndex index, TableRows.Reader reader, KeyRange range, boolean descending,
                                Runnable checkOpen) {
        int bounded = Math.max(range.lower().size(), range.upper().size());
        return new IndexOnlyScan(index, reader, checkOpen, entries(index, range, descending), bounded);
    }

    /**
     * The entries of the range. Bounds are key prefixes, encoded so that byte order is key order.
     */
    private static BTree.Cursor entries(PagedIndex index, KeyRange range, boolean descending) {
        byte[] low = null;
        boolean lowInclusive = true;
        if (!range.lower().isEmpty()) {
            byte[] prefix = KeyEncoder.encode(range.lower());
            low = range.lowerInclusive() ? prefix : KeyEncoder.prefixUpperBound(prefix);
        }
        byte[] high = null;
        boolean highInclusive = true;
        if (!range.upper().isEmpty()) {
            byte[] prefix = KeyEncoder.encode(range.upper());
            high = range.upperInclusive() ? KeyEncoder.prefixUpperBound(prefix) : prefix;
            highInclusive = false;
        }
        return index.tree().scan(low, lowInclusive, high, highInclusive, descending);
    }

    /** The columns asked for and the key's, which the NULL check reads; null (all) stays null. */
    private static int[] withKey(int[] columns, List<Integer> keyColumns) {
        if (columns == null) {
            return null;
        }
        boolean hasKey = true;
        for (int i = 0; i < keyColumns.size() && hasKey; i++) {
            hasKey = java.util.Arrays.binarySearch(columns, keyColumns.get(i)) >= 0; // columns are ascending
        }
        if (hasKey) {
            return columns; // the common case (a lookup reading its key too) allocates nothing per scan
        }
        java.util.BitSet all = new java.util.BitSet();
        for (int c : columns) {
            all.set(c);
        }
        keyColumns.forEach(all::set);
        return all.stream().toArray();
    }

    private static boolean hasNullIn(Object[] row, List<Integer> keyColumns, int count) {
        for (int i = 0; i < count; i++) {
            if (row[keyColumns.get(i)] == null) {
                return true;
            }
        }
        return false;
    }
}
