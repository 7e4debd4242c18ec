package org.rustydb.execution.internal.types;

import java.util.Objects;

import org.rustydb.api.SqlType;

/**
 * A SQL type with its type modifier, as an expression or column has it.
 *
 * @param type   the type
 * @param typmod the n of {@code varchar(n)}, or -1
 */
public record DataType(SqlType type, int typmod) {
    public static final DataType BOOLEAN = new DataType(SqlType.BOOLEAN, -1);
    public static final DataType SMALLINT = new DataType(SqlType.SMALLINT, -1);
    public static final DataType INTEGER = new DataType(SqlType.INTEGER, -1);
    public static final DataType BIGINT = new DataType(SqlType.BIGINT, -1);
    public static final DataType TEXT = new DataType(SqlType.TEXT, -1);
    public static final DataType VARCHAR = new DataType(SqlType.VARCHAR, -1);
    public static final DataType UNKNOWN = new DataType(SqlType.UNKNOWN, -1);

    public DataType {
        Objects.requireNonNull(type, "type");
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
        };
    }

    /** The name PostgreSQL's format_type prints, e.g. {@code character varying(3)}. */
    public String displayName() {
        return typmod >= 0 && type == SqlType.VARCHAR ? type.sqlName() + "(" + typmod + ")" : type.sqlName();
    }

    /** PostgreSQL's internal type name (pg_type.typname), used for the column name of a cast. */
    public String internalName() {
        return internalName(type);
    }

    public static String internalName(SqlType type) {
        return switch (type) {
            case BOOLEAN -> "bool";
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case TEXT -> "text";
            case VARCHAR -> "varchar";
            case UNKNOWN -> "unknown";
        };
    }

    @Override
    public String toString() {
        return displayName();
    }
}
