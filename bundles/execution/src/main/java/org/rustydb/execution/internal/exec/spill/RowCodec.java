package org.rustydb.execution.internal.exec.spill;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;

/**
 * The binary form of rows in temporary files: a column count, then each value behind a one-byte
 * tag naming its Java class, integers as zig-zag varints. A row reads back as exactly the objects
 * written (a numeric keeps its scale, a double its bits, so -0.0 and NaN survive). Only the process
 * that wrote a file reads it, so the format has no version.
 */
public final class RowCodec {
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
    private static final int UUID_TAG = 16;
    private static final int LIST = 17;

    private RowCodec() {
    }

    /** Appends a row to a buffered stream. */
    public static void write(Output out, Object[] row) throws IOException {
        out.varint(row.length);
        for (Object v : row) {
            writeValue(out, v);
        }
    }

    /** The next row, or null at the end of the stream. */
    public static Object[] read(Input in) throws IOException {
        int first = in.in.read();
        if (first < 0) {
            return null;
        }
        int n = (int) in.varintAfter(first);
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
            row[i] = readValue(in);
        }
        return row;
    }

    private static void writeValue(Output out, Object v) throws IOException {
        if (v == null) {
            out.tag(NULL);
        } else if (v instanceof Boolean b) {
            out.tag(b ? TRUE : FALSE);
        } else if (v instanceof Integer i) {
            out.tag(INTEGER);
            out.zigzag(i);
        } else if (v instanceof Long l) {
            out.tag(LONG);
            out.zigzag(l);
        } else if (v instanceof String s) {
            out.tag(STRING);
            out.bytes(s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Short s) {
            out.tag(SHORT);
            out.zigzag(s);
        } else if (v instanceof BigDecimal d) {
            out.tag(DECIMAL);
            out.zigzag(d.scale());
            out.bytes(d.unscaledValue().toByteArray());
        } else if (v instanceof Double d) {
            out.tag(DOUBLE);
            out.fixed64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.tag(FLOAT);
            out.fixed64(Float.floatToRawIntBits(f));
        } else if (v instanceof LocalDate d) {
            out.tag(DATE);
            out.zigzag(d.toEpochDay());
        } else if (v instanceof LocalTime t) {
            out.tag(TIME);
            out.varint(t.toNanoOfDay());
        } else if (v instanceof LocalDateTime t) {
            out.tag(TIMESTAMP);
            out.zigzag(t.toEpochSecond(ZoneOffset.UTC));
            out.varint(t.getNano());
        } else if (v instanceof Instant t) {
            out.tag(INSTANT);
            out.zigzag(t.getEpochSecond());
            out.varint(t.getNano());
        } else if (v instanceof Interval i) {
            out.tag(INTERVAL);
            out.zigzag(i.months());
            out.zigzag(i.days());
            out.zigzag(i.micros());
        } else if (v instanceof byte[] b) {
            out.tag(BYTES);
            out.bytes(b);
        } else if (v instanceof UUID u) {
            out.tag(UUID_TAG);
            out.fixed64(u.getMostSignificantBits());
            out.fixed64(u.getLeastSignificantBits());
        } else if (v instanceof List<?> list) {
            out.tag(LIST);
            out.varint(list.size());
            for (Object e : list) {
                writeValue(out, e);
            }
        } else {
            // every SQL type's class is above; an operator's private value would be a bug here
            throw DbException.of(SqlState.INTERNAL_ERROR, "cannot write a value of class %s to a temporary file",
                    v.getClass().getName());
        }
    }

    private static Object readValue(Input in) throws IOException {
        int tag = in.tag();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case SHORT -> (short) in.zigzag();
            case INTEGER -> (int) in.zigzag();
            case LONG -> in.zigzag();
            case STRING -> new String(in.bytes(), StandardCharsets.UTF_8);
            case DECIMAL -> {
                int scale = (int) in.zigzag();
                yield new BigDecimal(new BigInteger(in.bytes()), scale);
            }
            case FLOAT -> Float.intBitsToFloat((int) in.fixed64());
            case DOUBLE -> Double.longBitsToDouble(in.fixed64());
            case DATE -> LocalDate.ofEpochDay(in.zigzag());
            case TIME -> LocalTime.ofNanoOfDay(in.varint());
            case TIMESTAMP -> {
                long seconds = in.zigzag();
                yield LocalDateTime.ofEpochSecond(seconds, (int) in.varint(), ZoneOffset.UTC);
            }
            case INSTANT -> {
                long seconds = in.zigzag();
                yield Instant.ofEpochSecond(seconds, in.varint());
            }
            case INTERVAL -> {
                int months = (int) in.zigzag();
                int days = (int) in.zigzag();
                yield new Interval(months, days, in.zigzag());
            }
            case BYTES -> in.bytes();
            case UUID_TAG -> {
                long high = in.fixed64();
                yield new UUID(high, in.fixed64());
            }
            case LIST -> {
                int n = (int) in.varint();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in));
                }
                yield Collections.unmodifiableList(list);
            }
            default -> throw new IOException("bad value tag " + tag + " in a temporary file");
        };
    }

    /** Primitive writes over a buffered stream; counts the bytes. */
    public static final class Output {
        private final OutputStream out;
        private long written;

        public Output(OutputStream out) {
            this.out = out;
        }

        public long written() {
            return written;
        }

        void tag(int tag) throws IOException {
            out.write(tag);
            written++;
        }

        void varint(long v) throws IOException {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                written++;
                v >>>= 7;
            }
            out.write((int) v);
            written++;
        }

        void zigzag(long v) throws IOException {
            varint((v << 1) ^ (v >> 63));
        }

        void fixed64(long v) throws IOException {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
            written += 8;
        }

        void bytes(byte[] b) throws IOException {
            varint(b.length);
            out.write(b);
            written += b.length;
        }
    }

    /** Primitive reads over a buffered stream. */
    public static final class Input {
        private final InputStream in;

        public Input(InputStream in) {
            this.in = in;
        }

        int tag() throws IOException {
            return next();
        }

        private int next() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("temporary file ends inside a row");
            }
            return b;
        }

        long varint() throws IOException {
            return varintAfter(next());
        }

        long varintAfter(int first) throws IOException {
            long v = first & 0x7F;
            int shift = 7;
            int b = first;
            while ((b & 0x80) != 0) {
                b = next();
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            }
            return v;
        }

        long zigzag() throws IOException {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        long fixed64() throws IOException {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | next();
            }
            return v;
        }

        byte[] bytes() throws IOException {
            int n = (int) varint();
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new EOFException("temporary file ends inside a value");
            }
            return b;
        }
    }
}
