package org.rustydb.storage.log.internal.codec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.UniqueKey;

/**
 * The binary form of stored values, rows and table definitions. Each value carries a one-byte tag
 * naming its Java class, so a row decodes to exactly the objects that were encoded. A value of a
 * class without a tag is refused: a new SQL type must get a tag here before its values can be
 * stored durably.
 */
public final class ValueCodec {
    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int SHORT = 3;
    private static final int INTEGER = 4;
    private static final int LONG = 5;
    private static final int STRING = 6;

    private ValueCodec() {
    }

    /** True when values of this class can be encoded. */
    public static boolean supports(Class<?> valueClass) {
        return valueClass == Boolean.class || valueClass == Short.class || valueClass == Integer.class
                || valueClass == Long.class || valueClass == String.class;
    }

    public static void writeValue(ByteWriter out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeZigZag(s);
        } else if (value instanceof Integer i) {
            out.writeByte(INTEGER);
            out.writeZigZag(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeZigZag(l);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            out.writeString(s);
        } else {
            throw new IllegalArgumentException("no binary encoding for values of " + value.getClass().getName());
        }
    }

    public static Object readValue(ByteReader in) {
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case SHORT: {
                long v = in.readZigZag();
                if (v != (short) v) {
                    throw new CorruptDataException("smallint value out of range: " + v);
                }
                return (short) v;
            }
            case INTEGER: {
                long v = in.readZigZag();
                if (v != (int) v) {
                    throw new CorruptDataException("integer value out of range: " + v);
                }
                return (int) v;
            }
            case LONG:
                return in.readZigZag();
            case STRING:
                return in.readString();
            default:
                throw new CorruptDataException("unknown value tag " + tag);
        }
    }

    public static void writeRow(ByteWriter out, Object[] row) {
        out.writeVarLong(row.length);
        for (Object value : row) {
            writeValue(out, value);
        }
    }

    public static Object[] readRow(ByteReader in) {
        Object[] row = new Object[in.readLength()];
        for (int i = 0; i < row.length; i++) {
            row[i] = readValue(in);
        }
        return row;
    }

    public static void writeDefinition(ByteWriter out, TableDefinition definition) {
        out.writeString(definition.schema());
        out.writeString(definition.name());
        out.writeVarLong(definition.columns().size());
        for (ColumnDefinition column : definition.columns()) {
            out.writeString(column.name());
            // by name: enum constants keep their meaning, their order may change
            out.writeString(column.type().name());
            out.writeZigZag(column.typeModifier());
            out.writeByte(column.notNull() ? 1 : 0);
        }
        out.writeVarLong(definition.uniqueKeys().size());
        for (UniqueKey key : definition.uniqueKeys()) {
            out.writeString(key.name());
            out.writeVarLong(key.columns().size());
            for (int column : key.columns()) {
                out.writeVarLong(column);
            }
            out.writeByte(key.primary() ? 1 : 0);
        }
    }

    public static TableDefinition readDefinition(ByteReader in) {
        String schema = in.readString();
        String name = in.readString();
        int columnCount = in.readLength();
        List<ColumnDefinition> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            String columnName = in.readString();
            String typeName = in.readString();
            SqlType type;
            try {
                type = SqlType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException("unknown SQL type " + typeName + " of column " + columnName);
            }
            long modifier = in.readZigZag();
            if (modifier != (int) modifier) {
                throw new CorruptDataException("type modifier out of range: " + modifier);
            }
            columns.add(new ColumnDefinition(columnName, type, (int) modifier, readFlag(in)));
        }
        int keyCount = in.readLength();
        List<UniqueKey> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            String keyName = in.readString();
            int size = in.readLength();
            if (size == 0) {
                throw new CorruptDataException("unique key " + keyName + " without columns");
            }
            List<Integer> keyColumns = new ArrayList<>(size);
            for (int c = 0; c < size; c++) {
                long column = in.readVarLong();
                if (column < 0 || column >= columnCount) {
                    throw new CorruptDataException("unique key " + keyName + " names column " + column);
                }
                keyColumns.add((int) column);
            }
            keys.add(new UniqueKey(keyName, keyColumns, readFlag(in)));
        }
        return new TableDefinition(schema, name, columns, keys);
    }

    private static boolean readFlag(ByteReader in) {
        int b = in.readByte();
        if (b > 1) {
            throw new CorruptDataException("bad flag byte " + b);
        }
        return b == 1;
    }
}
