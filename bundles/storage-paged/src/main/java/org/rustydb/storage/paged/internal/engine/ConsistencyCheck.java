package org.rustydb.storage.paged.internal.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.storage.log.internal.rows.RowChecks;
import org.rustydb.storage.paged.internal.btree.BTree;
import org.rustydb.storage.paged.internal.btree.BTreeChecker;
import org.rustydb.storage.paged.internal.btree.KeyEncoder;
import org.rustydb.storage.paged.internal.heap.HeapFile;
import org.rustydb.storage.paged.internal.heap.StoredTuple;

/**
 * Checks that the indexes agree with their tables (the {@code rustydb:check} command): every
 * page of the heap reads back with a valid checksum, every B+tree keeps its invariants, every
 * committed live row has its entry in every index, every entry points at a row version holding
 * its key, and no two live rows share a unique key. Row changes to the table being checked wait
 * until it is done, so the check sees one consistent state.
 */
public final class ConsistencyCheck {
    /** What was found in one table. */
    public record TableReport(String table, long liveRows, long indexEntries, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final PagedStorageEngine engine;

    public ConsistencyCheck(PagedStorageEngine engine) {
        this.engine = engine;
    }

    /** Checks every table, or only those named (unqualified names). */
    public List<TableReport> run(Set<String> only) {
        engine.checkOpen();
        List<TableReport> reports = new ArrayList<>();
        for (PagedTable table : engine.committedTables()) {
            if (only.isEmpty() || only.contains(table.name())) {
                table.ddlLock().writeLock().lock();
                try {
                    reports.add(check(table));
                } finally {
                    table.ddlLock().writeLock().unlock();
                }
            }
        }
        return reports;
    }

    private TableReport check(PagedTable table) {
        List<String> problems = new ArrayList<>();
        TableRows rows = engine.rows();
        Map<Long, Object[]> live = new HashMap<>();
        try (HeapFile.Scan scan = table.heap().scan()) {
            while (scan.next()) {
                if (rows.visible(0, scan.xmin(), scan.xmax())) {
                    live.put(scan.rowId(), TableRows.decode(table, scan.payload()));
                }
            }
        } catch (DbException e) {
            problems.add("heap base/" + table.record().heapFileId() + ": " + e.getMessage());
            return new TableReport(table.name(), live.size(), 0, problems);
        }
        long entries = 0;
        for (PagedIndex index : table.indexes()) {
            if (!rows.visible(0, index.createdBy(), index.droppedBy())) {
                continue;
            }
            entries += checkIndex(table, index, live, problems);
        }
        return new TableReport(table.name(), live.size(), entries, problems);
    }

    private long checkIndex(PagedTable table, PagedIndex index, Map<Long, Object[]> live, List<String> problems) {
        String where = "index " + index.name() + " (base/" + index.fileId() + ")";
        BTreeChecker checker = new BTreeChecker(engine.store().pool(), index.fileId());
        List<BTree.Entry> entries;
        try {
            for (String problem : checker.check()) {
                problems.add(where + ": " + problem);
            }
            entries = checker.entries();
        } catch (DbException e) {
            problems.add(where + ": " + e.getMessage());
            return 0;
        }
        Set<Long> indexed = new HashSet<>();
        Map<ByteBuffer, Long> liveKeys = new HashMap<>();
        for (BTree.Entry entry : entries) {
            StoredTuple tuple;
            try {
                // the live version the entry's HOT chain leads to, else a version of the chain
                // with the entry's key (an index built after updates of its column names the
                // chain by its newest key; the older versions wait to be pruned)
                tuple = table.heap().fetch(entry.value(), (xmin, xmax) -> engine.rows().visible(0, xmin, xmax));
                if (tuple == null) {
                    List<StoredTuple> chain = table.heap().chain(entry.value());
                    tuple = chain.isEmpty() ? null : chain.get(0);
                    for (StoredTuple version : chain) {
                        if (java.util.Arrays.equals(entry.key(), keyOf(table, index, version))) {
                            tuple = version;
                        }
                    }
                }
            } catch (DbException e) {
                problems.add(where + ": entry for row " + entry.value() + ": " + e.getMessage());
                continue;
            }
            if (tuple == null) {
                continue; // a pruned version whose entry vacuum has not removed yet
            }
            Object[] row = TableRows.decode(table, tuple.payload());
            byte[] key = KeyEncoder.encode(RowChecks.keyValues(index.asKey(), row));
            if (!ByteBuffer.wrap(key).equals(ByteBuffer.wrap(entry.key()))) {
                problems.add(where + ": entry " + KeyEncoder.describe(entry.key()) + " points at row "
                        + tuple.rowId() + " whose key is " + KeyEncoder.describe(key));
                continue;
            }
            long rowId = tuple.rowId();
            if (!live.containsKey(rowId)) {
                continue;
            }
            indexed.add(rowId);
            if (index.definition().unique() && !RowChecks.hasNull(RowChecks.keyValues(index.asKey(), row))) {
                Long other = liveKeys.put(ByteBuffer.wrap(key), rowId);
                if (other != null && other != rowId) {
                    problems.add(where + ": rows " + other + " and " + rowId + " share the unique key "
                            + KeyEncoder.describe(key));
                }
            }
        }
        for (long rowId : live.keySet()) {
            if (!indexed.contains(rowId)) {
                problems.add(where + ": row " + rowId + " " + RowChecks.rowText(live.get(rowId))
                        + " has no index entry");
            }
        }
        return entries.size();
    }

    private static byte[] keyOf(PagedTable table, PagedIndex index, StoredTuple version) {
        return KeyEncoder.encode(RowChecks.keyValues(index.asKey(), TableRows.decode(table, version.payload())));
    }
}
