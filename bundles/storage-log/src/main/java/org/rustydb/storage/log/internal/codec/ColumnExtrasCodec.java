package org.rustydb.storage.log.internal.codec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.TableDefinition;

/**
 * The binary form of what columns have beyond {@link ValueCodec#writeDefinition}: DEFAULT
 * expressions and identity. Like {@link ConstraintCodec} it is written apart, after whatever else
 * a record holds, so that records written before defaults existed still read. Also the form of a
 * {@link SequenceDefinition}, which the engines keep next to their tables.
 *
 * <p>Layout: column count, then per column a flag byte (1: a default follows; identity in bits
 * 2-3: 0 none, 1 ALWAYS, 2 BY DEFAULT) and the default's SQL text if any.
 */
public final class ColumnExtrasCodec {
    private static final int HAS_DEFAULT = 1;

    private ColumnExtrasCodec() {
    }

    /** True if some column has a default or is an identity column: only then is this written. */
    public static boolean needed(TableDefinition definition) {
        for (ColumnDefinition column : definition.columns()) {
            if (column.defaultExpression() != null || column.identity() != ColumnDefinition.Identity.NONE) {
                return true;
            }
        }
        return false;
    }

    public static void write(ByteWriter out, TableDefinition definition) {
        out.writeVarLong(definition.columns().size());
        for (ColumnDefinition column : definition.columns()) {
            int flags = (column.defaultExpression() != null ? HAS_DEFAULT : 0) | (column.identity().ordinal() << 1);
            out.writeByte(flags);
            if (column.defaultExpression() != null) {
                out.writeString(column.defaultExpression());
            }
        }
    }

    /** Reads what {@link #write} wrote, returning {@code definition} with those extras. */
    public static TableDefinition read(ByteReader in, TableDefinition definition) {
        int count = in.readLength();
        if (count != definition.columns().size()) {
            throw new CorruptDataException("column extras for " + count + " columns of table " + definition.name()
                    + " which has " + definition.columns().size());
        }
        List<ColumnDefinition> columns = new ArrayList<>(count);
        ColumnDefinition.Identity[] kinds = ColumnDefinition.Identity.values();
        for (ColumnDefinition column : definition.columns()) {
            int flags = in.readByte();
            int identity = flags >> 1;
            if ((flags & ~7) != 0 || identity >= kinds.length) {
                throw new CorruptDataException("bad column flags " + flags + " of column " + column.name());
            }
            String expression = (flags & HAS_DEFAULT) != 0 ? in.readString() : null;
            columns.add(column.withDefault(expression).withIdentity(kinds[identity]));
        }
        return new TableDefinition(definition.schema(), definition.name(), columns, definition.uniqueKeys(),
                definition.checks(), definition.foreignKeys());
    }

    public static void writeSequence(ByteWriter out, SequenceDefinition s) {
        out.writeString(s.schema());
        out.writeString(s.name());
        out.writeZigZag(s.increment());
        out.writeZigZag(s.minValue());
        out.writeZigZag(s.maxValue());
        out.writeZigZag(s.start());
        // bits 2-3: the type, 0 for bigint so that records written before types were kept read as bigint
        int typeBits = s.type() == SqlType.INTEGER ? 4 : s.type() == SqlType.SMALLINT ? 8 : 0;
        out.writeByte((s.cycle() ? 1 : 0) | (s.ownerTable() != null ? 2 : 0) | typeBits);
        if (s.ownerTable() != null) {
            out.writeString(s.ownerTable());
            out.writeString(s.ownerColumn());
        }
    }

    public static SequenceDefinition readSequence(ByteReader in) {
        String schema = in.readString();
        String name = in.readString();
        long increment = in.readZigZag();
        long min = in.readZigZag();
        long max = in.readZigZag();
        long start = in.readZigZag();
        int flags = in.readByte();
        if ((flags & ~15) != 0 || (flags & 12) == 12) {
            throw new CorruptDataException("bad flags " + flags + " of sequence " + name);
        }
        SqlType type = (flags & 4) != 0 ? SqlType.INTEGER : (flags & 8) != 0 ? SqlType.SMALLINT : SqlType.BIGINT;
        String table = (flags & 2) != 0 ? in.readString() : null;
        String column = table != null ? in.readString() : null;
        try {
            return new SequenceDefinition(schema, name, increment, min, max, start, (flags & 1) != 0, table, column,
                    type);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("sequence " + name + ": " + e.getMessage());
        }
    }
}
