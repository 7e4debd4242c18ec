package org.rustydb.api;

/**
 * The SQL types RustyDB stores and computes with, each with its PostgreSQL type OID (sent to clients
 * in row descriptions), its fixed size in bytes (-1 for variable length) and the Java class that
 * carries its values. SQL NULL is Java {@code null} for every type.
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
    UNKNOWN("unknown", 705, -2, String.class);

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

    /** True for the character string types (text, varchar, and the unknown literal type). */
    public boolean isString() {
        return this == TEXT || this == VARCHAR || this == UNKNOWN;
    }
}
