package org.rustydb.network.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;

/**
 * Text-format encoding of column values, as PostgreSQL's output functions print them. The Java
 * class decides (values follow {@link SqlType#javaClass()}); a class without a known text form is
 * an internal error rather than a guess, so a new type cannot reach clients in a wrong format.
 */
final class TextEncoder {
    private static final byte[] TRUE = {'t'};
    private static final byte[] FALSE = {'f'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private TextEncoder() {
    }

    /** The UTF-8 text form of a non-null value of a column of the given type. */
    static byte[] encode(Object value, SqlType type) {
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? TRUE : FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof BigDecimal) {
            // numeric prints plain digits, never exponent notation
            return ((BigDecimal) value).toPlainString().getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof byte[]) {
            return bytea((byte[]) value);
        }
        throw DbException.of(SqlState.INTERNAL_ERROR, "cannot send a value of Java class %s for a column of type %s",
                value.getClass().getName(), type.sqlName());
    }

    /** bytea's hex output format: {@code \x} then two lower-case hex digits per byte. */
    private static byte[] bytea(byte[] bytes) {
        byte[] out = new byte[2 + bytes.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[bytes[i] & 0xf];
        }
        return out;
    }
}
