package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.IndexOnlyCursor;
import org.rustydb.spi.storage.KeyRange;
import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.VacuumResult;
import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * A storage engine that delegates to a real one and records how rows were read: each full scan
 * and index scan opened, the columns asked for, and how many rows its cursor handed out. A scan
 * asked for some columns hands out rows holding those only (the others null), whatever the
 * engine below delivers, so that a plan reading a column it did not ask for fails its tests.
 */
public final class RecordingStorage implements StorageEngine {
    /** One cursor opened: {@code index} is null for a full scan. */
    public static final class Read {
        private final String table;
        private final String index;
        private final KeyRange range;
        private final boolean descending;
        private final int[] columns;
        private int rows;

        Read(String table, String index, KeyRange range, boolean descending, int[] columns) {
            this.table = table;
            this.index = index;
            this.range = range;
            this.descending = descending;
            this.columns = columns == null ? null : columns.clone();
        }

        /** The columns asked for, or null for all. */
        public int[] columns() {
            return columns == null ? null : columns.clone();
        }

        public String table() {
            return table;
        }

        public String index() {
            return index;
        }

        public KeyRange range() {
            return range;
        }

        public boolean descending() {
            return descending;
        }

        /** Rows the cursor returned. */
        public int rows() {
            return rows;
        }

        @Override
        public String toString() {
            return (index == null ? "scan " + table : "index " + index + " " + range + (descending ? " desc" : ""))
                    + " -> " + rows + " rows";
        }
    }

    private final StorageEngine delegate;
    private final boolean keepReads;
    private final List<Read> reads = new ArrayList<>();

    public RecordingStorage(StorageEngine delegate) {
        this(delegate, true);
    }

    /** With {@code keepReads} false, reads are not kept (only their columns enforced). */
    public RecordingStorage(StorageEngine delegate, boolean keepReads) {
        this.delegate = delegate;
        this.keepReads = keepReads;
    }

    /** The reads since the last call, and forgets them. */
    public synchronized List<Read> takeReads() {
        List<Read> out = List.copyOf(reads);
        reads.clear();
        return out;
    }

    private synchronized RowCursor record(Read read, RowCursor cursor) {
        if (read.columns != null) {
            cursor = projecting(cursor, read.columns);
        }
        if (!keepReads || Thread.currentThread().getName().equals("rustydb-autoanalyze")) {
            return cursor; // the statements' reads only, not those of a background analyze
        }
        reads.add(read);
        RowCursor inner = cursor;
        return new RowCursor() {
            @Override
            public boolean next() {
                boolean more = inner.next();
                if (more) {
                    read.rows++;
                }
                return more;
            }

            @Override
            public RowId rowId() {
                return inner.rowId();
            }

            @Override
            public Object[] row() {
                return inner.row();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private static RowCursor projecting(RowCursor cursor, int[] columns) {
        return new RowCursor() {
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
                Object[] row = new Object[full.length];
                for (int c : columns) {
                    row[c] = full[c];
                }
                return row;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle table, int[] columns) {
        return record(new Read(table.definition().name(), null, KeyRange.ALL, false, columns),
                delegate.scan(txn, table, columns));
    }

    @Override
    public RowCursor scanIndex(Transaction txn, IndexHandle index, KeyRange range, boolean descending,
                               int[] columns) {
        return record(new Read(index.table().definition().name(), index.definition().name(), range, descending,
                columns), delegate.scanIndex(txn, index, range, descending, columns));
    }

    @Override
    public RowCursor scan(Transaction txn, TableHandle table) {
        return record(new Read(table.definition().name(), null, KeyRange.ALL, false, null), delegate.scan(txn, table));
    }

    @Override
    public RowCursor scanIndex(Transaction txn, IndexHandle index, KeyRange range, boolean descending) {
        return record(new Read(index.table().definition().name(), index.definition().name(), range, descending, null),
                delegate.scanIndex(txn, index, range, descending));
    }

    @Override
    public IndexOnlyCursor scanIndexOnly(Transaction txn, IndexHandle index, KeyRange range, boolean descending) {
        IndexOnlyCursor inner = delegate.scanIndexOnly(txn, index, range, descending);
        // the rows hold the key columns only, whatever the engine below delivers
        int[] key = index.definition().columns().stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        RowCursor recorded = record(new Read(index.table().definition().name(), index.definition().name(), range,
                descending, key), inner);
        return new IndexOnlyCursor() {
            @Override
            public long heapFetches() {
                return inner.heapFetches();
            }

            @Override
            public boolean next() {
                return recorded.next();
            }

            @Override
            public RowId rowId() {
                return recorded.rowId();
            }

            @Override
            public Object[] row() {
                return recorded.row();
            }

            @Override
            public void close() {
                recorded.close();
            }
        };
    }

    @Override
    public ViewHandle createView(Transaction txn, ViewDefinition definition) {
        return delegate.createView(txn, definition);
    }

    @Override
    public Optional<ViewHandle> findView(Transaction txn, String schema, String name) {
        return delegate.findView(txn, schema, name);
    }

    @Override
    public List<ViewHandle> listViews(Transaction txn) {
        return delegate.listViews(txn);
    }

    @Override
    public void dropView(Transaction txn, ViewHandle view) {
        delegate.dropView(txn, view);
    }

    @Override
    public Optional<java.nio.file.Path> temporaryDirectory() {
        return delegate.temporaryDirectory();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Whether {@link #catalogVersion} answers as an engine that does not keep one. */
    public volatile boolean catalogVersionUnknown;
    /** How many times a table was looked up by name. */
    public final java.util.concurrent.atomic.AtomicInteger tableLookups = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public long catalogVersion() {
        return catalogVersionUnknown ? UNKNOWN_CATALOG_VERSION : delegate.catalogVersion();
    }

    @Override
    public boolean lockRow(Transaction txn, TableHandle table, RowId row, Object[] expected,
                           org.rustydb.spi.storage.RowLockStrength strength, org.rustydb.spi.txn.WaitPolicy policy) {
        return delegate.lockRow(txn, table, row, expected, strength, policy);
    }

    @Override
    public java.util.Optional<org.rustydb.spi.storage.RowVersion> latestVersion(Transaction txn, TableHandle table,
                                                                                RowId row) {
        return delegate.latestVersion(txn, table, row);
    }

    @Override
    public TableHandle createTable(Transaction txn, TableDefinition definition) {
        return delegate.createTable(txn, definition);
    }

    @Override
    public Optional<TableHandle> findTable(Transaction txn, String schema, String name) {
        tableLookups.incrementAndGet();
        return delegate.findTable(txn, schema, name);
    }

    @Override
    public List<TableHandle> listTables(Transaction txn) {
        return delegate.listTables(txn);
    }

    @Override
    public void dropTable(Transaction txn, TableHandle table) {
        delegate.dropTable(txn, table);
    }

    @Override
    public void alterConstraints(Transaction txn, TableHandle table, List<CheckConstraint> checks,
                                 List<ForeignKey> foreignKeys) {
        delegate.alterConstraints(txn, table, checks, foreignKeys);
    }

    @Override
    public void alterTable(Transaction txn, TableHandle table, TableDefinition definition,
                           List<Integer> columnSources) {
        delegate.alterTable(txn, table, definition, columnSources);
    }

    @Override
    public void convertColumns(Transaction txn, TableHandle table, TableDefinition definition,
                               java.util.Set<Integer> converted, java.util.function.UnaryOperator<Object[]> conversion) {
        delegate.convertColumns(txn, table, definition, converted, conversion);
    }

    @Override
    public org.rustydb.spi.storage.SequenceHandle createSequence(Transaction txn,
            org.rustydb.spi.storage.SequenceDefinition definition) {
        return delegate.createSequence(txn, definition);
    }

    @Override
    public Optional<org.rustydb.spi.storage.SequenceHandle> findSequence(Transaction txn, String schema, String name) {
        return delegate.findSequence(txn, schema, name);
    }

    @Override
    public List<org.rustydb.spi.storage.SequenceHandle> listSequences(Transaction txn) {
        return delegate.listSequences(txn);
    }

    @Override
    public void dropSequence(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence) {
        delegate.dropSequence(txn, sequence);
    }

    @Override
    public void alterSequence(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence,
                              org.rustydb.spi.storage.SequenceDefinition definition, Long restart,
                              boolean newGenerator) {
        delegate.alterSequence(txn, sequence, definition, restart, newGenerator);
    }

    @Override
    public void createSchema(Transaction txn, String name) {
        delegate.createSchema(txn, name);
    }

    @Override
    public void dropSchema(Transaction txn, String name) {
        delegate.dropSchema(txn, name);
    }

    @Override
    public void renameSchema(Transaction txn, String from, String to) {
        delegate.renameSchema(txn, from, to);
    }

    @Override
    public boolean schemaExists(Transaction txn, String name) {
        return delegate.schemaExists(txn, name);
    }

    @Override
    public List<String> listSchemas(Transaction txn) {
        return delegate.listSchemas(txn);
    }

    @Override
    public long nextValue(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence) {
        return delegate.nextValue(txn, sequence);
    }

    @Override
    public void setValue(Transaction txn, org.rustydb.spi.storage.SequenceHandle sequence, long value,
                         boolean called) {
        delegate.setValue(txn, sequence, value, called);
    }

    @Override
    public RowId insert(Transaction txn, TableHandle table, Object[] values) {
        return delegate.insert(txn, table, values);
    }

    @Override
    public List<RowId> insertAll(Transaction txn, TableHandle table, List<Object[]> rows,
                                 java.util.function.IntConsumer failedRow) {
        return delegate.insertAll(txn, table, rows, failedRow);
    }

    @Override
    public void update(Transaction txn, TableHandle table, RowId row, Object[] values) {
        delegate.update(txn, table, row, values);
    }

    @Override
    public void delete(Transaction txn, TableHandle table, RowId row) {
        delegate.delete(txn, table, row);
    }

    @Override
    public void update(Transaction txn, TableHandle table, RowId row, Object[] expected, Object[] values) {
        delegate.update(txn, table, row, expected, values);
    }

    @Override
    public void delete(Transaction txn, TableHandle table, RowId row, Object[] expected) {
        delegate.delete(txn, table, row, expected);
    }

    @Override
    public IndexHandle createIndex(Transaction txn, TableHandle table, IndexDefinition definition) {
        return delegate.createIndex(txn, table, definition);
    }

    @Override
    public void dropIndex(Transaction txn, IndexHandle index) {
        delegate.dropIndex(txn, index);
    }

    @Override
    public Optional<IndexHandle> findIndex(Transaction txn, String schema, String name) {
        return delegate.findIndex(txn, schema, name);
    }

    @Override
    public List<IndexHandle> indexes(Transaction txn, TableHandle table) {
        return delegate.indexes(txn, table);
    }

    @Override
    public VacuumResult vacuum(TableHandle table) {
        return delegate.vacuum(table);
    }

    @Override
    public void saveStatistics(Transaction txn, TableHandle table, org.rustydb.spi.storage.TableStatistics statistics) {
        delegate.saveStatistics(txn, table, statistics);
    }

    @Override
    public Optional<org.rustydb.spi.storage.TableStatistics> statistics(TableHandle table) {
        return delegate.statistics(table);
    }
}
