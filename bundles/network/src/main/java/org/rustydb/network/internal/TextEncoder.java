package org.rustydb.network.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.api.ValueText;

/**
 * Text-format encoding of column values, as PostgreSQL's output functions print them
 * ({@link ValueText}). A value whose Java class is not its column type's class (integers of any
 * width aside) is an internal error rather than a guess, so a new type cannot reach clients in a
 * wrong format.
 */
final class TextEncoder {
    private TextEncoder() {
    }

    /** The UTF-8 text form of a non-null value of a column of the given type (timestamps with time zone in UTC). */
    static byte[] encode(Object value, SqlType type) {
        return encode(value, type, ZoneOffset.UTC);
    }

    /** The UTF-8 text form of a non-null value of a column of the given type, shown in the session's zone. */
    static byte[] encode(Object value, SqlType type, ZoneId zone) {
        boolean integer = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
        if (!integer && !type.javaClass().isInstance(value) && !sameFamily(value, type)) {
            throw DbException.of(SqlState.INTERNAL_ERROR,
                    "cannot send a value of Java class %s for a column of type %s", value.getClass().getName(),
                    type.sqlName());
        }
        if (integer) {
            return value.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return ValueText.format(value, type, zone).getBytes(StandardCharsets.UTF_8);
    }

    /** Strings, numbers and bytes keep a readable form under a text column (as the engine's SHOW rows do). */
    private static boolean sameFamily(Object value, SqlType type) {
        return type.isString() && (value instanceof String || value instanceof Boolean
                || value instanceof java.math.BigDecimal || value instanceof byte[]);
    }
}
