package org.rustydb.storage.memory.internal.durable;

import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.storage.log.internal.codec.CorruptDataException;

/**
 * The committed state as plain data: what a snapshot holds and what replaying the log builds.
 * Replay is strict: an op that does not fit the state (a row that already exists, a table that
 * does not) means the files are damaged, and is reported rather than skipped.
 */
public final class DatabaseImage {
    private final NavigableMap<TableName, TableImage> tables = new TreeMap<>();
    private final NavigableMap<TableName, SequenceImage> sequences = new TreeMap<>();
    private final NavigableMap<TableName, org.rustydb.spi.storage.ViewDefinition> views = new TreeMap<>();
    /** The schemas created; a new database has {@code public}, and so has one written before schemas were kept. */
    private final NavigableSet<String> schemas = new TreeSet<>(Set.of("public"));

    /** A sequence: its definition and where it goes on from. */
    public static final class SequenceImage {
        private final org.rustydb.spi.storage.SequenceDefinition definition;
        private long value;
        private boolean called;

        public SequenceImage(org.rustydb.spi.storage.SequenceDefinition definition, long value, boolean called) {
            this.definition = definition;
            this.value = value;
            this.called = called;
        }

        public org.rustydb.spi.storage.SequenceDefinition definition() {
            return definition;
        }

        public long value() {
            return value;
        }

        public boolean called() {
            return called;
        }

        public void set(long newValue, boolean newCalled) {
            value = newValue;
            called = newCalled;
        }
    }

    public NavigableMap<TableName, SequenceImage> sequences() {
        return sequences;
    }

    public NavigableMap<TableName, org.rustydb.spi.storage.ViewDefinition> views() {
        return views;
    }

    public NavigableSet<String> schemas() {
        return schemas;
    }

    /** One table: its definition, created indexes, rows by row id, and the next row id to hand out. */
    public static final class TableImage {
        private TableDefinition definition;
        private final NavigableMap<String, IndexDefinition> indexes = new TreeMap<>();
        private final NavigableMap<Long, Object[]> rows = new TreeMap<>();
        private long nextRowId = 1;

        public TableImage(TableDefinition definition) {
            this.definition = definition;
        }

        public TableDefinition definition() {
            return definition;
        }

        /** The same columns with the defaults and identity read from a snapshot. */
        public void setDefinition(TableDefinition withExtras) {
            definition = withExtras;
        }

        /** Replaces the CHECK and FOREIGN KEY constraints; their columns must exist. */
        public void setConstraints(List<CheckConstraint> checks, List<ForeignKey> foreignKeys) {
            for (ForeignKey key : foreignKeys) {
                for (int column : key.columns()) {
                    if (column >= definition.columns().size()) {
                        throw new CorruptDataException("foreign key " + key.name() + " of " + definition.name()
                                + " names column " + column + " of " + definition.columns().size());
                    }
                }
            }
            definition = definition.withConstraints(checks, foreignKeys);
        }

        public NavigableMap<Long, Object[]> rows() {
            return rows;
        }

        /** The indexes made by CREATE INDEX (not those of unique keys), by name. */
        public Collection<IndexDefinition> indexes() {
            return indexes.values();
        }

        /** Adds an index; its columns must exist and its name must be new to the table. */
        public void addIndex(IndexDefinition index) {
            for (int column : index.columns()) {
                if (column >= definition.columns().size()) {
                    throw new CorruptDataException("index " + index.name() + " of " + definition.name()
                            + " names column " + column + " of " + definition.columns().size());
                }
            }
            if (hasRelation(index.name()) || indexes.putIfAbsent(index.name(), index) != null) {
                throw new CorruptDataException("index " + index.name() + " of " + definition.name() + " exists twice");
            }
        }

        /** True when the table, one of its unique keys or one of its indexes has this name. */
        private boolean hasRelation(String name) {
            if (definition.name().equals(name) || indexes.containsKey(name)) {
                return true;
            }
            for (UniqueKey key : definition.uniqueKeys()) {
                if (key.name().equals(name)) {
                    return true;
                }
            }
            return false;
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
            } else if (op instanceof RedoOp.CreateIndex create) {
                table(create);
                for (TableImage other : tables.values()) {
                    if (other.definition().schema().equals(create.table().schema())
                            && other.hasRelation(create.definition().name())) {
                        throw new CorruptDataException("index " + create.definition().name() + " of table "
                                + create.table() + ": the name is taken");
                    }
                }
                table(create).addIndex(create.definition());
            } else if (op instanceof RedoOp.CreateSequence create) {
                sequences.put(create.table(), new SequenceImage(create.definition(), create.definition().start(), false));
            } else if (op instanceof RedoOp.DropSequence drop) {
                if (sequences.remove(drop.table()) == null) {
                    throw missingTable(drop);
                }
            } else if (op instanceof RedoOp.CreateView create) {
                views.put(create.table(), create.definition());
            } else if (op instanceof RedoOp.DropView drop) {
                if (views.remove(drop.table()) == null) {
                    throw missingTable(drop);
                }
            } else if (op instanceof RedoOp.CreateSchema create) {
                if (!schemas.add(create.schema())) {
                    throw new CorruptDataException("CreateSchema of schema " + create.schema() + ", which exists");
                }
            } else if (op instanceof RedoOp.DropSchema drop) {
                if (!schemas.remove(drop.schema())) {
                    throw new CorruptDataException("DropSchema of schema " + drop.schema() + ", which does not exist");
                }
            } else if (op instanceof RedoOp.SequenceValue value) {
                // logged outside transactions: one dropped meanwhile has nothing left to set
                SequenceImage sequence = sequences.get(value.table());
                if (sequence != null) {
                    sequence.set(value.value(), value.called());
                }
            } else if (op instanceof RedoOp.AlterConstraints alter) {
                table(alter).setConstraints(alter.checks(), alter.foreignKeys());
            } else if (op instanceof RedoOp.DropIndex drop) {
                if (table(drop).indexes.remove(drop.index()) == null) {
                    throw new CorruptDataException("DropIndex of index " + drop.index() + " of table " + drop.table()
                            + ", which does not exist");
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
