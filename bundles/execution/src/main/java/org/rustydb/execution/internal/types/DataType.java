package org.rustydb.execution.internal.types;

import java.util.List;
import java.util.Objects;

import org.rustydb.api.SqlType;

/**
 * A SQL type with its type modifier, as an expression or column has it.
 *
 * @param type   the type
 * @param typmod the n of {@code varchar(n)} and {@code character(n)}, {@code (precision << 16) | scale}
 *               of {@code numeric(p,s)}, the fractional-second precision of time, timestamp and
 *               interval, the element's modifier for an array; or -1
 */
public record DataType(SqlType type, int typmod, List<Field> fields) {
    public static final DataType BOOLEAN = new DataType(SqlType.BOOLEAN, -1);
    public static final DataType SMALLINT = new DataType(SqlType.SMALLINT, -1);
    public static final DataType INTEGER = new DataType(SqlType.INTEGER, -1);
    public static final DataType BIGINT = new DataType(SqlType.BIGINT, -1);
    public static final DataType TEXT = new DataType(SqlType.TEXT, -1);
    public static final DataType VARCHAR = new DataType(SqlType.VARCHAR, -1);
    public static final DataType UNKNOWN = new DataType(SqlType.UNKNOWN, -1);
    public static final DataType NUMERIC = new DataType(SqlType.NUMERIC, -1);
    public static final DataType REAL = new DataType(SqlType.REAL, -1);
    public static final DataType DOUBLE = new DataType(SqlType.DOUBLE, -1);
    public static final DataType DATE = new DataType(SqlType.DATE, -1);
    public static final DataType TIMESTAMP = new DataType(SqlType.TIMESTAMP, -1);
    public static final DataType TIMESTAMPTZ = new DataType(SqlType.TIMESTAMPTZ, -1);
    public static final DataType INTERVAL = new DataType(SqlType.INTERVAL, -1);

    public DataType {
        Objects.requireNonNull(type, "type");
        fields = fields == null ? null : List.copyOf(fields);
    }

    public DataType(SqlType type, int typmod) {
        this(type, typmod, null);
    }

    /** A field of a composite type: its name and type. */
    public record Field(String name, DataType type) {
    }

    /**
     * A composite (row) type, PostgreSQL's record, whose values are {@link CompositeValue}s. It lives
     * only inside the engine: a query's result column of this type reaches the client as its text.
     */
    public static DataType composite(List<Field> fields) {
        return new DataType(SqlType.TEXT, -1, fields);
    }

    /** True for a composite type (see {@link #composite}). */
    public boolean isComposite() {
        return fields != null;
    }

    public static DataType of(SqlType type) {
        return switch (type) {
            case BOOLEAN -> BOOLEAN;
            case SMALLINT -> SMALLINT;
            case INTEGER -> INTEGER;
            case BIGINT -> BIGINT;
            case TEXT -> TEXT;
            case VARCHAR -> VARCHAR;
            case UNKNOWN -> UNKNOWN;
            case NUMERIC -> NUMERIC;
            case DOUBLE -> DOUBLE;
            default -> new DataType(type, -1);
        };
    }

    /** numeric(precision, scale). */
    public static DataType numeric(int precision, int scale) {
        return new DataType(SqlType.NUMERIC, (precision << 16) | (scale & 0xFFFF));
    }

    /** The precision of numeric(p,s), or -1. */
    public int precision() {
        return typmod < 0 ? -1 : typmod >>> 16;
    }

    /** The scale of numeric(p,s) (may be negative, as PostgreSQL 15 allows), or -1 without a modifier. */
    public int scale() {
        return typmod < 0 ? -1 : (short) (typmod & 0xFFFF);
    }

    /** The array type of this element type, keeping the modifier; null when there is none. */
    public DataType arrayOf() {
        SqlType array = type.arrayType();
        return array == null ? null : new DataType(array, typmod);
    }

    /** The element type of an array type. */
    public DataType element() {
        return new DataType(type.elementType(), typmod);
    }

    /** The name PostgreSQL's format_type prints, e.g. {@code character varying(3)}. */
    public String displayName() {
        if (isComposite()) {
            return "record";
        }
        if (type.isArray()) {
            return element().displayName() + "[]";
        }
        if (typmod < 0) {
            return type == SqlType.CHAR ? "bpchar" : type.sqlName();
        }
        return switch (type) {
            case VARCHAR, CHAR, INTERVAL -> type.sqlName() + "(" + typmod + ")";
            case NUMERIC -> "numeric(" + precision() + "," + scale() + ")";
            case TIME -> "time(" + typmod + ") without time zone";
            case TIMESTAMP -> "timestamp(" + typmod + ") without time zone";
            case TIMESTAMPTZ -> "timestamp(" + typmod + ") with time zone";
            default -> type.sqlName();
        };
    }

    /** PostgreSQL's internal type name (pg_type.typname), used for the column name of a cast. */
    public String internalName() {
        return internalName(type);
    }

    public static String internalName(SqlType type) {
        if (type.isArray()) {
            return "_" + internalName(type.elementType());
        }
        return switch (type) {
            case BOOLEAN -> "bool";
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case REAL -> "float4";
            case DOUBLE -> "float8";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case CHAR -> "bpchar";
            case VARCHAR -> "varchar";
            default -> type.sqlName();
        };
    }

    @Override
    public String toString() {
        return displayName();
    }
}
