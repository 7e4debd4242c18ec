package org.rustydb.network.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.rustydb.api.DbException;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;

/**
 * PostgreSQL's binary format (the types' send and receive functions): results are encoded from
 * column values, and binary parameters are decoded into the text form the engine parses. Dates
 * and times count from 2000-01-01 in days or microseconds, numeric is base-10000 digits.
 */
final class BinaryCodec {
    /** Type OIDs a client may declare that have no SqlType of their own. */
    static final int OID_NAME = 19;
    static final int OID_OID = 26;

    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;

    private BinaryCodec() {
    }

    /** The binary form of a non-null value of a column of the given type. */
    static byte[] encode(Object value, SqlType type, ZoneId zone) {
        if (type.isArray()) {
            return encodeArray((List<?>) value, type.elementType(), zone);
        }
        switch (type) {
            case BOOLEAN:
                return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case SMALLINT:
                return ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case INTEGER:
                return ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case BIGINT:
                return ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case REAL:
                return ByteBuffer.allocate(4).putFloat((Float) value).array();
            case DOUBLE:
                return ByteBuffer.allocate(8).putDouble((Double) value).array();
            case NUMERIC:
                return encodeNumeric((BigDecimal) value);
            case DATE:
                return ByteBuffer.allocate(4).putInt((int) (((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAY)).array();
            case TIME:
                return ByteBuffer.allocate(8).putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
            case TIMESTAMP:
                return ByteBuffer.allocate(8).putLong(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC))).array();
            case TIMESTAMPTZ:
                return ByteBuffer.allocate(8).putLong(micros((Instant) value)).array();
            case INTERVAL: {
                Interval i = (Interval) value;
                return ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
            }
            case UUID: {
                UUID u = (UUID) value;
                return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                        .array();
            }
            case BYTEA:
                return (byte[]) value;
            case JSONB: {
                byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[text.length + 1];
                out[0] = 1; // jsonb's binary format version
                System.arraycopy(text, 0, out, 1, text.length);
                return out;
            }
            default:
                // text, varchar, bpchar, json, unknown: the binary form is the text itself
                return TextEncoder.encode(value, type, zone);
        }
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                i.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** numeric_send: digit count, weight of the first base-10000 digit, sign, display scale, digits. */
    static byte[] encodeNumeric(BigDecimal value) {
        int dscale = Math.max(0, value.scale());
        String plain = value.abs().setScale(dscale).toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        whole = "0".repeat((4 - whole.length() % 4) % 4) + whole;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String all = whole + fraction;
        int groups = all.length() / 4;
        int[] digits = new int[groups];
        for (int g = 0; g < groups; g++) {
            digits[g] = Integer.parseInt(all.substring(4 * g, 4 * g + 4));
        }
        int first = 0;
        int last = groups;
        while (first < last && digits[first] == 0) {
            first++;
        }
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        int weight = first == last ? 0 : whole.length() / 4 - 1 - first;
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * (last - first));
        out.putShort((short) (last - first)).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? NUMERIC_NEGATIVE : 0)).putShort((short) dscale);
        for (int g = first; g < last; g++) {
            out.putShort((short) digits[g]);
        }
        return out.array();
    }

    /** array_send for one dimension: dimensions, null flag, element type, (size, lower bound), elements. */
    private static byte[] encodeArray(List<?> values, SqlType elementType, ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hasNull = false;
        for (Object v : values) {
            hasNull |= v == null; // not contains(null): immutable lists refuse to look for null
        }
        ByteBuffer header = ByteBuffer.allocate(values.isEmpty() ? 12 : 20);
        header.putInt(values.isEmpty() ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(elementType.oid());
        if (!values.isEmpty()) {
            header.putInt(values.size()).putInt(1);
        }
        out.writeBytes(header.array());
        for (Object v : values) {
            if (v == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] element = encode(v, elementType, zone);
                out.writeBytes(ByteBuffer.allocate(4).putInt(element.length).array());
                out.writeBytes(element);
            }
        }
        return out.toByteArray();
    }

    /**
     * The text form of a binary parameter of the type with this OID, as the engine parses it.
     *
     * @param index the parameter's number from 1, for the error message
     * @throws DbException 22P03 when the bytes do not fit the type, 0A000 for a type without a
     *                     binary decoder here
     */
    static String decode(byte[] data, int oid, int index) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            String text = decode(in, oid);
            if (in.hasRemaining()) {
                throw badFormat(index);
            }
            return text;
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException
                | ArithmeticException e) {
            throw badFormat(index);
        } catch (DbException e) {
            if (SqlState.INVALID_BINARY_REPRESENTATION.equals(e.sqlState())) {
                throw badFormat(index);
            }
            throw e;
        }
    }

    private static DbException badFormat(int index) {
        return DbException.of(SqlState.INVALID_BINARY_REPRESENTATION,
                "incorrect binary data format in bind parameter %d", index);
    }

    private static String decode(ByteBuffer in, int oid) {
        if (oid == OID_OID) {
            return Integer.toUnsignedString(in.getInt());
        }
        if (oid == OID_NAME) {
            return utf8(in);
        }
        SqlType type = typeOf(oid);
        if (type == null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "binary format is not supported for parameters of type OID %d", oid);
        }
        if (type.isArray()) {
            return decodeArray(in, type.elementType());
        }
        switch (type) {
            case BOOLEAN: {
                byte b = in.get();
                return b != 0 ? "t" : "f";
            }
            case SMALLINT:
                return Short.toString(in.getShort());
            case INTEGER:
                return Integer.toString(in.getInt());
            case BIGINT:
                return Long.toString(in.getLong());
            case REAL:
                return ValueText.formatFloat(in.getFloat());
            case DOUBLE:
                return ValueText.formatDouble(in.getDouble());
            case NUMERIC:
                return decodeNumeric(in);
            case DATE: {
                int days = in.getInt();
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    return days > 0 ? "infinity" : "-infinity";
                }
                return ValueText.date(LocalDate.ofEpochDay(POSTGRES_EPOCH_DAY + days));
            }
            case TIME:
                return ValueText.time(LocalTime.ofNanoOfDay(Math.multiplyExact(in.getLong(), 1000L)));
            case TIMESTAMP:
            case TIMESTAMPTZ: {
                long micros = in.getLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    return micros > 0 ? "infinity" : "-infinity";
                }
                Instant at = instant(micros);
                return type == SqlType.TIMESTAMP ? ValueText.timestamp(LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                        : ValueText.timestamptz(at, ZoneOffset.UTC);
            }
            case INTERVAL: {
                long micros = in.getLong();
                int days = in.getInt();
                int months = in.getInt();
                return new Interval(months, days, micros).toString();
            }
            case UUID:
                return new UUID(in.getLong(), in.getLong()).toString();
            case BYTEA: {
                byte[] bytes = new byte[in.remaining()];
                in.get(bytes);
                return ValueText.bytea(bytes);
            }
            case JSONB:
                if (in.get() != 1) {
                    throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number");
                }
                return utf8(in);
            default:
                return utf8(in); // text, varchar, bpchar, json, unknown
        }
    }

    private static String utf8(ByteBuffer in) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        return Payload.decodeUtf8(bytes, 0, bytes.length);
    }

    private static String decodeNumeric(ByteBuffer in) {
        int count = in.getShort();
        int weight = in.getShort();
        int sign = in.getShort() & 0xffff;
        int dscale = in.getShort();
        if (sign == NUMERIC_NAN) {
            return "NaN";
        }
        if (sign == NUMERIC_PINF || sign == NUMERIC_NINF) {
            return sign == NUMERIC_PINF ? "Infinity" : "-Infinity";
        }
        if (count < 0 || dscale < 0 || (sign != 0 && sign != NUMERIC_NEGATIVE)) {
            throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, "invalid numeric");
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < count; i++) {
            int digit = in.getShort();
            if (digit < 0 || digit > 9999) {
                throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, "invalid digit in external \"numeric\" value");
            }
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(digit));
        }
        // the last digit read has weight (weight - count + 1), i.e. scale 4 * (count - 1 - weight)
        BigDecimal value = new BigDecimal(unscaled, 4 * (count - 1 - weight));
        value = value.setScale(dscale, java.math.RoundingMode.HALF_UP);
        return (sign == NUMERIC_NEGATIVE ? value.negate() : value).toPlainString();
    }

    /** array_recv for one dimension, rendered as an array literal with every element quoted. */
    private static String decodeArray(ByteBuffer in, SqlType elementType) {
        int dimensions = in.getInt();
        in.getInt(); // has-null flag: the lengths say it again
        int elementOid = in.getInt();
        if (dimensions == 0) {
            return "{}";
        }
        if (dimensions != 1) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
        }
        int size = in.getInt();
        in.getInt(); // lower bound
        if (size < 0) {
            throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, "invalid array size");
        }
        int oid = elementOid == 0 ? elementType.oid() : elementOid;
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int length = in.getInt();
            if (length == -1) {
                sb.append("NULL");
                continue;
            }
            if (length < 0 || length > in.remaining()) {
                throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
            }
            ByteBuffer element = in.slice(in.position(), length);
            in.position(in.position() + length);
            String text = decode(element, oid);
            if (element.hasRemaining()) {
                throw DbException.of(SqlState.INVALID_BINARY_REPRESENTATION, "improper binary format in array element");
            }
            sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    /** The SqlType with this OID, or null. */
    static SqlType typeOf(int oid) {
        for (SqlType t : SqlType.values()) {
            if (t.oid() == oid) {
                return t;
            }
        }
        return null;
    }
}
