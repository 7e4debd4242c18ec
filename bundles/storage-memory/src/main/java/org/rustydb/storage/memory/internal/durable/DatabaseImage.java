package org.rustydb.storage.memory.internal.durable;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.CorruptDataException;

/**
 * The committed state as plain data: what a snapshot holds and what replaying the log builds.
 * Replay is strict: an op that does not fit the state (a row that already exists, a table that
 * does not) means the files are damaged, and is reported rather than skipped.
 */
public final class DatabaseImage {
    private final NavigableMap<TableName, TableImage> tables = new TreeMap<>();

    /** One table: its definition, rows by row id, and the next row id to hand out. */
    public static final class TableImage {
        private final TableDefinition definition;
        private final NavigableMap<Long, Object[]> rows = new TreeMap<>();
        private long nextRowId = 1;

        public TableImage(TableDefinition definition) {
            this.definition = definition;
        }

        public TableDefinition definition() {
            return definition;
        }

        public NavigableMap<Long, Object[]> rows() {
            return rows;
        }

        public long nextRowId() {
            return nextRowId;
        }

        public void setNextRowId(long value) {
            if (value < 1 || !rows.isEmpty() && value <= rows.lastKey()) {
                throw new CorruptDataException("next row id " + value + " of " + definition.name()
                        + " is not past its rows");
            }
            nextRowId = value;
        }

        /** Adds a row as stored; the row id must be new. */
        public void putRow(long rowId, Object[] values) {
            if (rowId < 1) {
                throw new CorruptDataException("bad row id " + rowId + " in " + definition.name());
            }
            checkRow(values);
            if (rows.putIfAbsent(rowId, values) != null) {
                throw new CorruptDataException("row " + rowId + " of " + definition.name() + " exists twice");
            }
            nextRowId = Math.max(nextRowId, rowId + 1);
        }

        private void checkRow(Object[] values) {
            List<ColumnDefinition> columns = definition.columns();
            if (values.length != columns.size()) {
                throw new CorruptDataException("row of " + values.length + " values for table " + definition.name()
                        + " of " + columns.size() + " columns");
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null && !columns.get(i).type().javaClass().isInstance(values[i])) {
                    throw new CorruptDataException("a " + values[i].getClass().getSimpleName() + " in column "
                            + columns.get(i).name() + " of " + definition.name());
                }
            }
        }
    }

    public NavigableMap<TableName, TableImage> tables() {
        return tables;
    }

    /** Adds a table read from a snapshot. */
    public void putTable(TableImage table) {
        if (tables.putIfAbsent(TableName.of(table.definition()), table) != null) {
            throw new CorruptDataException("table " + table.definition().name() + " exists twice");
        }
    }

    public long rowCount() {
        long n = 0;
        for (TableImage table : tables.values()) {
            n += table.rows().size();
        }
        return n;
    }

    /** Replays the ops of one committed transaction, in order. */
    public void apply(List<RedoOp> ops) {
        for (RedoOp op : ops) {
            if (op instanceof RedoOp.CreateTable create) {
                putTable(new TableImage(create.definition()));
            } else if (op instanceof RedoOp.DropTable drop) {
                if (tables.remove(drop.table()) == null) {
                    throw missingTable(drop);
                }
            } else if (op instanceof RedoOp.Insert insert) {
                table(insert).putRow(insert.rowId(), insert.values());
            } else if (op instanceof RedoOp.Update update) {
                TableImage table = table(update);
                table.checkRow(update.values());
                if (table.rows().replace(update.rowId(), update.values()) == null) {
                    throw missingRow(update, update.rowId());
                }
            } else if (op instanceof RedoOp.Delete delete) {
                if (table(delete).rows().remove(delete.rowId()) == null) {
                    throw missingRow(delete, delete.rowId());
                }
            }
        }
    }

    private TableImage table(RedoOp op) {
        TableImage table = tables.get(op.table());
        if (table == null) {
            throw missingTable(op);
        }
        return table;
    }

    private static CorruptDataException missingTable(RedoOp op) {
        return new CorruptDataException(op.getClass().getSimpleName() + " of table " + op.table()
                + ", which does not exist");
    }

    private static CorruptDataException missingRow(RedoOp op, long rowId) {
        return new CorruptDataException(op.getClass().getSimpleName() + " of row " + rowId + " of table "
                + op.table() + ", which does not exist");
    }
}
