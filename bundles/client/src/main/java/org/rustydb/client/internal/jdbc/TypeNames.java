package org.rustydb.client.internal.jdbc;

import java.sql.Types;
import java.util.Locale;

import org.rustydb.api.SqlType;

/** JDBC's view of the engine's types: java.sql.Types codes, class names and PostgreSQL's short type names. */
final class TypeNames {
    private TypeNames() {
    }

    /** The java.sql.Types code pgjdbc reports for a type. */
    static int jdbcType(SqlType type) {
        if (type.isArray()) {
            return Types.ARRAY;
        }
        return switch (type) {
            case BOOLEAN -> Types.BIT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case NUMERIC -> Types.NUMERIC;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case TEXT, VARCHAR, UNKNOWN -> Types.VARCHAR;
            case CHAR -> Types.CHAR;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BYTEA -> Types.BINARY;
            default -> Types.OTHER; // interval, uuid, json, jsonb
        };
    }

    /** PostgreSQL's internal type name (pg_type.typname), as pgjdbc's getColumnTypeName. */
    static String name(SqlType type) {
        return switch (type) {
            case BOOLEAN -> "bool";
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case NUMERIC -> "numeric";
            case REAL -> "float4";
            case DOUBLE -> "float8";
            case TEXT -> "text";
            case VARCHAR -> "varchar";
            case UNKNOWN -> "unknown";
            case CHAR -> "bpchar";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case INTERVAL -> "interval";
            case BYTEA -> "bytea";
            case UUID -> "uuid";
            case JSON -> "json";
            case JSONB -> "jsonb";
            default -> "_" + name(type.elementType());
        };
    }

    /** The class getObject returns for a type. */
    static String className(SqlType type) {
        if (type.isArray()) {
            return java.sql.Array.class.getName();
        }
        return switch (type) {
            case SMALLINT, INTEGER -> Integer.class.getName();
            case DATE -> java.sql.Date.class.getName();
            case TIME -> java.sql.Time.class.getName();
            case TIMESTAMP, TIMESTAMPTZ -> java.sql.Timestamp.class.getName();
            default -> type.javaClass().getName();
        };
    }

    /** A type by PostgreSQL's SQL or internal name (int4, integer, varchar, ...), or null. */
    static SqlType byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        for (SqlType t : SqlType.values()) {
            if (!t.isArray() && (t.sqlName().equals(n) || name(t).equals(n))) {
                return t;
            }
        }
        return switch (n) {
            case "int", "int4" -> SqlType.INTEGER;
            case "float", "float8", "double" -> SqlType.DOUBLE;
            case "decimal" -> SqlType.NUMERIC;
            case "bool" -> SqlType.BOOLEAN;
            case "timestamptz" -> SqlType.TIMESTAMPTZ;
            case "time" -> SqlType.TIME;
            case "timestamp" -> SqlType.TIMESTAMP;
            case "char", "bpchar" -> SqlType.CHAR;
            default -> null;
        };
    }
}
