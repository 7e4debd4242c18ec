package org.rustydb.storage.memory.internal.durable;

import java.util.List;

import org.rustydb.spi.storage.CheckConstraint;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;

/**
 * One change of a committed transaction, as written to the log and replayed on recovery. Row
 * values are the engine's stored arrays, which are never modified after they are stored.
 */
public sealed interface RedoOp {
    TableName table();

    record CreateTable(TableDefinition definition) implements RedoOp {
        @Override
        public TableName table() {
            return TableName.of(definition);
        }
    }

    record DropTable(TableName table) implements RedoOp {
    }

    record Insert(TableName table, long rowId, Object[] values) implements RedoOp {
    }

    record Update(TableName table, long rowId, Object[] values) implements RedoOp {
    }

    record Delete(TableName table, long rowId) implements RedoOp {
    }

    /** CREATE INDEX on {@code table}; the index is in the table's schema. */
    record CreateIndex(TableName table, IndexDefinition definition) implements RedoOp {
    }

    record DropIndex(TableName table, String index) implements RedoOp {
    }

    /** CREATE SEQUENCE; {@code table} is the sequence's name. */
    record CreateSequence(org.rustydb.spi.storage.SequenceDefinition definition) implements RedoOp {
        @Override
        public TableName table() {
            return new TableName(definition.schema(), definition.name());
        }
    }

    record DropSequence(TableName table) implements RedoOp {
    }

    /**
     * A sequence's state, logged outside any transaction: after recovery it goes on from
     * {@code value} (handed out already when {@code called}).
     */
    record SequenceValue(TableName table, long value, boolean called) implements RedoOp {
    }

    /** New CHECK and FOREIGN KEY constraints of {@code table}. */
    record AlterConstraints(TableName table, List<CheckConstraint> checks, List<ForeignKey> foreignKeys)
            implements RedoOp {
        public AlterConstraints {
            checks = List.copyOf(checks);
            foreignKeys = List.copyOf(foreignKeys);
        }
    }

    /** CREATE VIEW; {@code table} is the view's name. */
    record CreateView(org.rustydb.spi.storage.ViewDefinition definition) implements RedoOp {
        @Override
        public TableName table() {
            return new TableName(definition.schema(), definition.name());
        }
    }

    record DropView(TableName table) implements RedoOp {
    }

    /** CREATE SCHEMA (ALTER SCHEMA RENAME is logged as a drop and a create). */
    record CreateSchema(String schema) implements RedoOp {
        @Override
        public TableName table() {
            return new TableName(schema, "");
        }
    }

    record DropSchema(String schema) implements RedoOp {
        @Override
        public TableName table() {
            return new TableName(schema, "");
        }
    }
}
