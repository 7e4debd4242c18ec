package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.catalog.CatalogRecords;
import org.rustydb.storage.paged.internal.catalog.IndexRecord;
import org.rustydb.storage.paged.internal.catalog.RelationRecord;
import org.rustydb.storage.paged.internal.catalog.SchemaRecord;
import org.rustydb.storage.paged.internal.catalog.SequenceRecord;
import org.rustydb.storage.paged.internal.catalog.StatisticsRecord;
import org.rustydb.storage.paged.internal.catalog.ViewRecord;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;

/**
 * Builds the engine's in-memory catalog when a database opens: the committed catalog tuples
 * (tables with their key indexes, other indexes, sequences, views, schemas, statistics), and the
 * schema public when there is no schema at all.
 */
final class CatalogLoader {
    private final PagedStore store;
    private final TableRows rows;
    private final Catalog catalog;
    private final Schemas schemas;
    private final Sequences sequences;

    CatalogLoader(PagedStore store, TableRows rows, Catalog catalog, Schemas schemas, Sequences sequences) {
        this.store = store;
        this.rows = rows;
        this.catalog = catalog;
        this.schemas = schemas;
        this.sequences = sequences;
    }

    void load() {
        loadRecords();
        if (schemas.isEmpty()) {
            createPublicSchema();
        }
    }

    /**
     * A new database has the schema public, committed by a transaction of its own. So has one whose
     * catalog holds no schema at all: one written before schemas were kept (where every relation is
     * in public), or one whose every schema was dropped.
     */
    private void createPublicSchema() {
        long xid = store.xacts().begin();
        long row = store.catalogHeap().insert(xid, new SchemaRecord("public").encode());
        store.log().flushTo(store.xacts().logCommit(xid));
        store.xacts().committed(xid);
        schemas.loaded(new PagedSchema("public", row, xid));
    }

    private void loadRecords() {
        Map<Integer, PagedTable> byHeapFile = new HashMap<>();
        List<StoredTuple> indexTuples = new ArrayList<>();
        List<StoredTuple> statisticsTuples = new ArrayList<>();
        try (HeapFile.Scan scan = store.catalogHeap().scan()) {
            while (scan.next()) {
                if (!rows.visible(0, scan.xmin(), scan.xmax())) {
                    continue;
                }
                Object record = CatalogRecords.decode(scan.payload());
                if (record instanceof RelationRecord relation) {
                    PagedTable table = openTable(relation, scan.rowId(), scan.xmin());
                    byHeapFile.put(relation.heapFileId(), table);
                } else if (record instanceof SequenceRecord sequence) {
                    catalog.add(sequences.open(sequence, scan.rowId(), scan.xmin()));
                } else if (record instanceof StatisticsRecord) {
                    statisticsTuples.add(scan.tuple());
                } else if (record instanceof SchemaRecord schema) {
                    schemas.loaded(new PagedSchema(schema.name(), scan.rowId(), scan.xmin()));
                } else if (record instanceof ViewRecord view) {
                    catalog.add(new PagedView(view.definition(), scan.rowId(), scan.xmin()));
                } else {
                    indexTuples.add(scan.tuple());
                }
            }
        }
        for (PagedTable table : byHeapFile.values()) {
            catalog.add(table);
            for (PagedIndex index : table.indexes()) {
                catalog.add(index);
            }
        }
        for (StoredTuple tuple : indexTuples) {
            IndexRecord record = (IndexRecord) CatalogRecords.decode(tuple.payload());
            PagedTable table = byHeapFile.get(record.tableFileId());
            if (table != null) {
                PagedIndex index = new PagedIndex(record.definition(), table, record.fileId(),
                        BTree.open(store.pool(), store.log(), record.fileId()), false, tuple.rowId(), tuple.xmin());
                table.indexes().add(index);
                catalog.add(index);
            }
        }
        for (StoredTuple tuple : statisticsTuples) {
            StatisticsRecord record = (StatisticsRecord) CatalogRecords.decode(tuple.payload());
            PagedTable table = byHeapFile.get(record.tableFileId());
            if (table != null) {
                table.statistics().loaded(tuple.rowId(), tuple.xmin(), record);
            }
        }
    }

    private PagedTable openTable(RelationRecord record, long rowId, long xmin) {
        HeapFile heap = HeapFile.open(store.pool(), store.log(), record.heapFileId(), rows.pruneFilter());
        store.loadFreeSpaceMap(heap);
        PagedTable table = new PagedTable(record, rowId, xmin, heap);
        List<UniqueKey> keys = record.definition().uniqueKeys();
        for (int i = 0; i < keys.size(); i++) {
            int fileId = record.indexFileIds().get(i);
            table.indexes().add(PagedIndex.forKey(table, keys.get(i), fileId,
                    BTree.open(store.pool(), store.log(), fileId)));
        }
        return table;
    }
}
