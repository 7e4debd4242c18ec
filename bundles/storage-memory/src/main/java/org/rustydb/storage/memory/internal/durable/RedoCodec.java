package org.rustydb.storage.memory.internal.durable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ColumnExtrasCodec;
import org.rustydb.storage.log.internal.codec.ConstraintCodec;
import org.rustydb.storage.log.internal.codec.CorruptDataException;
import org.rustydb.storage.log.internal.codec.ValueCodec;
import org.rustydb.storage.log.internal.codec.ViewCodec;

/**
 * The payload of a log record: one committed transaction. Layout: format byte, transaction id,
 * op count, ops. An op refers to its table by an index into the record's own name list; a new
 * index is followed by the schema and name, so a bulk insert names its table once. CREATE and
 * DROP INDEX (ops 6 and 7), CREATE TABLE with CHECK or FOREIGN KEY constraints (op 8: the
 * definition, then its constraints) and the change of a table's constraints (op 9) came later
 * within the same format: older records read as before; so did CREATE and DROP SCHEMA (ops 16
 * and 17, the schema's name).
 */
public final class RedoCodec {
    private static final int FORMAT = 1;
    private static final int CREATE = 1;
    private static final int DROP = 2;
    private static final int INSERT = 3;
    private static final int UPDATE = 4;
    private static final int DELETE = 5;
    private static final int CREATE_INDEX = 6;
    private static final int DROP_INDEX = 7;
    private static final int CREATE_WITH_CONSTRAINTS = 8;
    private static final int ALTER_CONSTRAINTS = 9;
    /** A table with column defaults or identity columns: definition, constraints, column extras. */
    private static final int CREATE_WITH_EXTRAS = 10;
    private static final int CREATE_SEQUENCE = 11;
    private static final int DROP_SEQUENCE = 12;
    private static final int SEQUENCE_VALUE = 13;
    private static final int CREATE_VIEW = 14;
    private static final int DROP_VIEW = 15;
    private static final int CREATE_SCHEMA = 16;
    private static final int DROP_SCHEMA = 17;

    /** A decoded log record. */
    public record RedoRecord(long txnId, List<RedoOp> ops) {
    }

    private RedoCodec() {
    }

    public static byte[] encode(long txnId, List<RedoOp> ops) {
        ByteWriter out = new ByteWriter(64 + 32 * ops.size());
        out.writeByte(FORMAT);
        out.writeVarLong(txnId);
        out.writeVarLong(ops.size());
        Map<TableName, Integer> names = new HashMap<>();
        for (RedoOp op : ops) {
            if (op instanceof RedoOp.CreateTable create) {
                TableDefinition definition = create.definition();
                boolean extras = ColumnExtrasCodec.needed(definition);
                boolean constrained = !definition.checks().isEmpty() || !definition.foreignKeys().isEmpty();
                out.writeByte(extras ? CREATE_WITH_EXTRAS : constrained ? CREATE_WITH_CONSTRAINTS : CREATE);
                ValueCodec.writeDefinition(out, definition);
                if (constrained || extras) {
                    ConstraintCodec.write(out, definition);
                }
                if (extras) {
                    ColumnExtrasCodec.write(out, definition);
                }
            } else if (op instanceof RedoOp.CreateSequence create) {
                out.writeByte(CREATE_SEQUENCE);
                ColumnExtrasCodec.writeSequence(out, create.definition());
            } else if (op instanceof RedoOp.DropSequence drop) {
                out.writeByte(DROP_SEQUENCE);
                writeTable(out, names, drop.table());
            } else if (op instanceof RedoOp.CreateView create) {
                out.writeByte(CREATE_VIEW);
                ViewCodec.write(out, create.definition());
            } else if (op instanceof RedoOp.DropView drop) {
                out.writeByte(DROP_VIEW);
                writeTable(out, names, drop.table());
            } else if (op instanceof RedoOp.CreateSchema create) {
                out.writeByte(CREATE_SCHEMA);
                out.writeString(create.schema());
            } else if (op instanceof RedoOp.DropSchema drop) {
                out.writeByte(DROP_SCHEMA);
                out.writeString(drop.schema());
            } else if (op instanceof RedoOp.SequenceValue value) {
                out.writeByte(SEQUENCE_VALUE);
                writeTable(out, names, value.table());
                out.writeZigZag(value.value());
                out.writeByte(value.called() ? 1 : 0);
            } else if (op instanceof RedoOp.DropTable drop) {
                out.writeByte(DROP);
                writeTable(out, names, drop.table());
            } else if (op instanceof RedoOp.Insert insert) {
                out.writeByte(INSERT);
                writeTable(out, names, insert.table());
                out.writeVarLong(insert.rowId());
                ValueCodec.writeRow(out, insert.values());
            } else if (op instanceof RedoOp.Update update) {
                out.writeByte(UPDATE);
                writeTable(out, names, update.table());
                out.writeVarLong(update.rowId());
                ValueCodec.writeRow(out, update.values());
            } else if (op instanceof RedoOp.Delete delete) {
                out.writeByte(DELETE);
                writeTable(out, names, delete.table());
                out.writeVarLong(delete.rowId());
            } else if (op instanceof RedoOp.CreateIndex create) {
                out.writeByte(CREATE_INDEX);
                writeTable(out, names, create.table());
                IndexCodec.write(out, create.definition());
            } else if (op instanceof RedoOp.DropIndex drop) {
                out.writeByte(DROP_INDEX);
                writeTable(out, names, drop.table());
                out.writeString(drop.index());
            } else if (op instanceof RedoOp.AlterConstraints alter) {
                out.writeByte(ALTER_CONSTRAINTS);
                writeTable(out, names, alter.table());
                ConstraintCodec.write(out, alter.checks(), alter.foreignKeys());
            } else {
                throw new IllegalArgumentException("unknown redo op " + op);
            }
        }
        return out.toByteArray();
    }

    private static void writeTable(ByteWriter out, Map<TableName, Integer> names, TableName table) {
        Integer index = names.get(table);
        if (index != null) {
            out.writeVarLong(index);
            return;
        }
        out.writeVarLong(names.size());
        names.put(table, names.size());
        out.writeString(table.schema());
        out.writeString(table.name());
    }

    public static RedoRecord decode(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        int format = in.readByte();
        if (format != FORMAT) {
            throw new CorruptDataException("unknown log record format " + format);
        }
        long txnId = in.readVarLong();
        int count = in.readLength();
        List<RedoOp> ops = new ArrayList<>(count);
        List<TableName> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int tag = in.readByte();
            ops.add(switch (tag) {
                case CREATE -> new RedoOp.CreateTable(ValueCodec.readDefinition(in));
                case DROP -> new RedoOp.DropTable(readTable(in, names));
                case INSERT -> new RedoOp.Insert(readTable(in, names), readRowId(in), ValueCodec.readRow(in));
                case UPDATE -> new RedoOp.Update(readTable(in, names), readRowId(in), ValueCodec.readRow(in));
                case DELETE -> new RedoOp.Delete(readTable(in, names), readRowId(in));
                case CREATE_INDEX -> new RedoOp.CreateIndex(readTable(in, names), IndexCodec.read(in));
                case DROP_INDEX -> new RedoOp.DropIndex(readTable(in, names), in.readString());
                case CREATE_WITH_EXTRAS -> {
                    TableDefinition definition = ConstraintCodec.read(in, ValueCodec.readDefinition(in));
                    yield new RedoOp.CreateTable(ColumnExtrasCodec.read(in, definition));
                }
                case CREATE_SEQUENCE -> new RedoOp.CreateSequence(ColumnExtrasCodec.readSequence(in));
                case DROP_SEQUENCE -> new RedoOp.DropSequence(readTable(in, names));
                case CREATE_VIEW -> new RedoOp.CreateView(ViewCodec.read(in));
                case DROP_VIEW -> new RedoOp.DropView(readTable(in, names));
                case CREATE_SCHEMA -> new RedoOp.CreateSchema(in.readString());
                case DROP_SCHEMA -> new RedoOp.DropSchema(in.readString());
                case SEQUENCE_VALUE -> new RedoOp.SequenceValue(readTable(in, names), in.readZigZag(),
                        in.readByte() == 1);
                case CREATE_WITH_CONSTRAINTS -> {
                    TableDefinition definition = ValueCodec.readDefinition(in);
                    yield new RedoOp.CreateTable(ConstraintCodec.read(in, definition));
                }
                case ALTER_CONSTRAINTS -> {
                    TableName table = readTable(in, names);
                    // the columns are checked against the table when the op is applied
                    ConstraintCodec.Constraints constraints = ConstraintCodec.read(in, Integer.MAX_VALUE);
                    yield new RedoOp.AlterConstraints(table, constraints.checks(), constraints.foreignKeys());
                }
                default -> throw new CorruptDataException("unknown log op " + tag);
            });
        }
        if (in.remaining() != 0) {
            throw new CorruptDataException(in.remaining() + " unexpected bytes after the last op");
        }
        return new RedoRecord(txnId, ops);
    }

    private static long readRowId(ByteReader in) {
        long rowId = in.readVarLong();
        if (rowId <= 0) {
            throw new CorruptDataException("bad row id " + rowId);
        }
        return rowId;
    }

    private static TableName readTable(ByteReader in, List<TableName> names) {
        long index = in.readVarLong();
        if (index < names.size()) {
            return names.get((int) index);
        }
        if (index != names.size()) {
            throw new CorruptDataException("table reference " + index + " before its name");
        }
        TableName name = new TableName(in.readString(), in.readString());
        names.add(name);
        return name;
    }
}
