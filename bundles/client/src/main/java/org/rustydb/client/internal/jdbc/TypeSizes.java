package org.rustydb.client.internal.jdbc;

import org.rustydb.api.Column;

/** Precision, scale and display size of a column, as pgjdbc derives them from the type and its modifier. */
final class TypeSizes {
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private TypeSizes() {
    }

    static int precision(Column c) {
        int mod = c.typeModifier();
        return switch (c.type()) {
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL -> 8;
            case DOUBLE -> 17;
            case BOOLEAN -> 1;
            case NUMERIC -> mod < 0 ? 0 : (mod >> 16) & 0xffff;
            case VARCHAR, CHAR -> mod < 0 ? UNLIMITED : mod;
            case DATE -> 13;
            case TIME -> 15;
            case TIMESTAMP -> 29;
            case TIMESTAMPTZ -> 35;
            case INTERVAL -> 49;
            case UUID -> 36;
            default -> UNLIMITED;
        };
    }

    static int scale(Column c) {
        int mod = c.typeModifier();
        return switch (c.type()) {
            case NUMERIC -> mod < 0 ? 0 : mod & 0xffff;
            case REAL -> 8;
            case DOUBLE -> 17;
            case TIME, TIMESTAMP, TIMESTAMPTZ -> mod < 0 ? 6 : mod;
            default -> 0;
        };
    }

    static int displaySize(Column c) {
        return switch (c.type()) {
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case REAL -> 15;
            case DOUBLE -> 25;
            case NUMERIC -> {
                int p = precision(c);
                yield p == 0 ? 131089 : p + (scale(c) > 0 ? 2 : 1);
            }
            default -> precision(c);
        };
    }
}
