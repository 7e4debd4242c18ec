package org.rustydb.storage.log.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rustydb.api.Interval;
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
    private static final int DECIMAL = 7;
    private static final int FLOAT = 8;
    private static final int DOUBLE = 9;
    private static final int DATE = 10;
    private static final int TIME = 11;
    private static final int TIMESTAMP = 12;
    private static final int INSTANT = 13;
    private static final int INTERVAL = 14;
    private static final int BYTES = 15;
    private static final int UUID = 16;
    private static final int LIST = 17;

    private ValueCodec() {
    }

    /** True when values of this class can be encoded. */
    public static boolean supports(Class<?> valueClass) {
        return valueClass == Boolean.class || valueClass == Short.class || valueClass == Integer.class
                || valueClass == Long.class || valueClass == String.class || valueClass == BigDecimal.class
                || valueClass == Float.class || valueClass == Double.class || valueClass == LocalDate.class
                || valueClass == LocalTime.class || valueClass == LocalDateTime.class || valueClass == Instant.class
                || valueClass == Interval.class || valueClass == byte[].class || valueClass == java.util.UUID.class
                || valueClass == List.class;
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
            writeOther(out, value);
        }
    }

    /** The types after the first ones; each tag's layout is fixed once rows with it may exist. */
    private static void writeOther(ByteWriter out, Object value) {
        if (value instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            out.writeZigZag(d.scale());
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeVarLong(unscaled.length);
            out.writeBytes(unscaled, 0, unscaled.length);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeZigZag(d.toEpochDay());
        } else if (value instanceof LocalTime t) {
            out.writeByte(TIME);
            out.writeVarLong(t.toNanoOfDay());
        } else if (value instanceof LocalDateTime t) {
            out.writeByte(TIMESTAMP);
            out.writeZigZag(t.toEpochSecond(ZoneOffset.UTC));
            out.writeVarLong(t.getNano());
        } else if (value instanceof Instant i) {
            out.writeByte(INSTANT);
            out.writeZigZag(i.getEpochSecond());
            out.writeVarLong(i.getNano());
        } else if (value instanceof Interval i) {
            out.writeByte(INTERVAL);
            out.writeZigZag(i.months());
            out.writeZigZag(i.days());
            out.writeZigZag(i.micros());
        } else if (value instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeVarLong(b.length);
            out.writeBytes(b, 0, b.length);
        } else if (value instanceof java.util.UUID u) {
            out.writeByte(UUID);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeVarLong(list.size());
            for (Object element : list) {
                writeValue(out, element);
            }
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
                return readOther(in, tag);
        }
    }

    private static Object readOther(ByteReader in, int tag) {
        switch (tag) {
            case DECIMAL: {
                int scale = toInt(in.readZigZag(), "decimal scale");
                byte[] unscaled = new byte[in.readLength()];
                if (unscaled.length == 0) {
                    throw new CorruptDataException("decimal without digits");
                }
                in.readBytes(unscaled, 0, unscaled.length);
                return new BigDecimal(new BigInteger(unscaled), scale);
            }
            case FLOAT:
                return Float.intBitsToFloat(in.readInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case DATE:
                return LocalDate.ofEpochDay(in.readZigZag());
            case TIME:
                return LocalTime.ofNanoOfDay(in.readVarLong());
            case TIMESTAMP:
                return LocalDateTime.ofEpochSecond(in.readZigZag(), toInt(in.readVarLong(), "nanosecond"),
                        ZoneOffset.UTC);
            case INSTANT:
                return Instant.ofEpochSecond(in.readZigZag(), in.readVarLong());
            case INTERVAL:
                return new Interval(toInt(in.readZigZag(), "interval months"), toInt(in.readZigZag(), "interval days"),
                        in.readZigZag());
            case BYTES: {
                byte[] b = new byte[in.readLength()];
                in.readBytes(b, 0, b.length);
                return b;
            }
            case UUID:
                return new java.util.UUID(in.readLong(), in.readLong());
            case LIST: {
                int size = in.readLength();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return Collections.unmodifiableList(list);
            }
            default:
                throw new CorruptDataException("unknown value tag " + tag);
        }
    }

    private static int toInt(long v, String what) {
        if (v != (int) v) {
            throw new CorruptDataException(what + " out of range: " + v);
        }
        return (int) v;
    }

    /** Moves past one value without building it. */
    public static void skipValue(ByteReader in) {
        int tag = in.readByte();
        switch (tag) {
            case NULL, FALSE, TRUE -> { }
            case SHORT, INTEGER, LONG, DATE, TIME -> in.readVarLong();
            case STRING, BYTES -> in.skip(in.readLength());
            case DECIMAL -> {
                in.readVarLong();
                in.skip(in.readLength());
            }
            case FLOAT -> in.skip(4);
            case DOUBLE -> in.skip(8);
            case TIMESTAMP, INSTANT -> {
                in.readVarLong();
                in.readVarLong();
            }
            case INTERVAL -> {
                in.readVarLong();
                in.readVarLong();
                in.readVarLong();
            }
            case UUID -> in.skip(16);
            case LIST -> {
                int size = in.readLength();
                for (int i = 0; i < size; i++) {
                    skipValue(in);
                }
            }
            default -> throw new CorruptDataException("unknown value tag " + tag);
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

    /**
     * A row with only the values of the slots {@code wanted} says (the others null): the rest are
     * skipped, and reading stops after the last wanted one.
     */
    public static Object[] readRow(ByteReader in, boolean[] wanted) {
        Object[] row = new Object[in.readLength()];
        int end = Math.min(row.length, wanted.length);
        while (end > 0 && !wanted[end - 1]) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (wanted[i]) {
                row[i] = readValue(in);
            } else {
                skipValue(in);
            }
        }
        return row;
    }

    public static void writeDefinition(ByteWriter out, TableDefinition definition) {
        out.writeString(definition.schema());
        out.writeString(definition.name());
        out.writeVarLong(definition.columns().size());
        for (ColumnDefinition column : definition.columns()) {
            writeColumnType(out, column);
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
            ColumnDefinition column = readColumnType(in);
            columns.add(new ColumnDefinition(column.name(), column.type(), column.typeModifier(), readFlag(in)));
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

    /** A column's name, type (by name: enum constants keep their meaning, their order may change) and modifier. */
    static void writeColumnType(ByteWriter out, ColumnDefinition column) {
        out.writeString(column.name());
        out.writeString(column.type().name());
        out.writeZigZag(column.typeModifier());
    }

    /** What {@link #writeColumnType} wrote, as a nullable column. */
    static ColumnDefinition readColumnType(ByteReader in) {
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
        return new ColumnDefinition(columnName, type, (int) modifier, false);
    }

    private static boolean readFlag(ByteReader in) {
        int b = in.readByte();
        if (b > 1) {
            throw new CorruptDataException("bad flag byte " + b);
        }
        return b == 1;
    }
}
