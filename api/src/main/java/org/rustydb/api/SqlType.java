package org.rustydb.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The SQL types RustyDB stores and computes with, each with its PostgreSQL type OID (sent to clients
 * in row descriptions), its fixed size in bytes (-1 for variable length) and the Java class that
 * carries its values. SQL NULL is Java {@code null} for every type. {@link ValueText} gives the text
 * form PostgreSQL's output function prints for a value.
 *
 * <p>New types are added as the engine grows; existing constants never change meaning.
 */
public enum SqlType {
    BOOLEAN("boolean", 16, 1, Boolean.class),
    SMALLINT("smallint", 21, 2, Short.class),
    INTEGER("integer", 23, 4, Integer.class),
    BIGINT("bigint", 20, 8, Long.class),
    TEXT("text", 25, -1, String.class),
    VARCHAR("character varying", 1043, -1, String.class),
    /** The type of a string literal or NULL whose type is not known yet (PostgreSQL's "unknown"). */
    UNKNOWN("unknown", 705, -2, String.class),
    /** Exact decimal numbers; values carry their display scale (never negative). */
    NUMERIC("numeric", 1700, -1, BigDecimal.class),
    REAL("real", 700, 4, Float.class),
    DOUBLE("double precision", 701, 8, Double.class),
    DATE("date", 1082, 4, LocalDate.class),
    TIME("time without time zone", 1083, 8, LocalTime.class),
    TIMESTAMP("timestamp without time zone", 1114, 8, LocalDateTime.class),
    /** An absolute point in time, shown in the session's TimeZone. */
    TIMESTAMPTZ("timestamp with time zone", 1184, 8, Instant.class),
    INTERVAL("interval", 1186, 16, Interval.class),
    BYTEA("bytea", 17, -1, byte[].class),
    UUID("uuid", 2950, 16, java.util.UUID.class),
    /** JSON text as written (validated). */
    JSON("json", 114, -1, String.class),
    /** JSON text in its normalized form. */
    JSONB("jsonb", 3802, -1, String.class),
    /** character(n), blank-padded to n (PostgreSQL's bpchar). */
    CHAR("character", 1042, -1, String.class),
    // One-dimensional arrays; values are immutable lists of the element type's values (null for NULL).
    BOOLEAN_ARRAY("boolean[]", 1000, -1, List.class),
    SMALLINT_ARRAY("smallint[]", 1005, -1, List.class),
    INTEGER_ARRAY("integer[]", 1007, -1, List.class),
    BIGINT_ARRAY("bigint[]", 1016, -1, List.class),
    TEXT_ARRAY("text[]", 1009, -1, List.class),
    VARCHAR_ARRAY("character varying[]", 1015, -1, List.class),
    NUMERIC_ARRAY("numeric[]", 1231, -1, List.class),
    REAL_ARRAY("real[]", 1021, -1, List.class),
    DOUBLE_ARRAY("double precision[]", 1022, -1, List.class),
    DATE_ARRAY("date[]", 1182, -1, List.class),
    TIMESTAMP_ARRAY("timestamp without time zone[]", 1115, -1, List.class),
    TIMESTAMPTZ_ARRAY("timestamp with time zone[]", 1185, -1, List.class),
    UUID_ARRAY("uuid[]", 2951, -1, List.class);

    private final String sqlName;
    private final int oid;
    private final int length;
    private final Class<?> javaClass;

    SqlType(String sqlName, int oid, int length, Class<?> javaClass) {
        this.sqlName = sqlName;
        this.oid = oid;
        this.length = length;
        this.javaClass = javaClass;
    }

    /** The name PostgreSQL prints for the type, e.g. {@code integer}. */
    public String sqlName() {
        return sqlName;
    }

    /** PostgreSQL's pg_type OID. */
    public int oid() {
        return oid;
    }

    /** Size in bytes, -1 for variable-length types, -2 for C-string-like unknown. */
    public int length() {
        return length;
    }

    /** The Java class of non-null values of this type. */
    public Class<?> javaClass() {
        return javaClass;
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /** True for the numeric category: integers, numeric, real and double precision. */
    public boolean isNumeric() {
        return isInteger() || this == NUMERIC || this == REAL || this == DOUBLE;
    }

    /** True for real and double precision. */
    public boolean isFloat() {
        return this == REAL || this == DOUBLE;
    }

    /** True for date, time, timestamp and timestamptz (PostgreSQL's date/time category, without interval). */
    public boolean isDateTime() {
        return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMPTZ;
    }

    /** True for the character string types (text, varchar, character, and the unknown literal type). */
    public boolean isString() {
        return this == TEXT || this == VARCHAR || this == UNKNOWN || this == CHAR;
    }

    /** True for the array types. */
    public boolean isArray() {
        return javaClass == List.class;
    }

    /** The element type of an array type, or null for other types. */
    public SqlType elementType() {
        return switch (this) {
            case BOOLEAN_ARRAY -> BOOLEAN;
            case SMALLINT_ARRAY -> SMALLINT;
            case INTEGER_ARRAY -> INTEGER;
            case BIGINT_ARRAY -> BIGINT;
            case TEXT_ARRAY -> TEXT;
            case VARCHAR_ARRAY -> VARCHAR;
            case NUMERIC_ARRAY -> NUMERIC;
            case REAL_ARRAY -> REAL;
            case DOUBLE_ARRAY -> DOUBLE;
            case DATE_ARRAY -> DATE;
            case TIMESTAMP_ARRAY -> TIMESTAMP;
            case TIMESTAMPTZ_ARRAY -> TIMESTAMPTZ;
            case UUID_ARRAY -> UUID;
            default -> null;
        };
    }

    /** The array type whose elements have this type, or null when there is none. */
    public SqlType arrayType() {
        for (SqlType t : values()) {
            if (t.elementType() == this) {
                return t;
            }
        }
        return null;
    }
}
