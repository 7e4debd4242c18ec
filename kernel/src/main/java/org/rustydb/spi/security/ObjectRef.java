package org.rustydb.spi.security;

import java.util.Objects;

/**
 * An object privileges and an owner are kept for, by its current name: a relation or a function by
 * schema and name, a schema or a database by name alone (schema null). Renames are reported with
 * {@link PrivilegeCatalog#renamed}, so the name stays the object's identity.
 */
public record ObjectRef(ObjectKind kind, String schema, String name) {
    public ObjectRef {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
    }

    public static ObjectRef relation(String schema, String name) {
        return new ObjectRef(ObjectKind.RELATION, Objects.requireNonNull(schema), name);
    }

    public static ObjectRef sequence(String schema, String name) {
        return new ObjectRef(ObjectKind.SEQUENCE, Objects.requireNonNull(schema), name);
    }

    public static ObjectRef schema(String name) {
        return new ObjectRef(ObjectKind.SCHEMA, null, name);
    }

    public static ObjectRef database(String name) {
        return new ObjectRef(ObjectKind.DATABASE, null, name);
    }

    public static ObjectRef function(String schema, String name) {
        return new ObjectRef(ObjectKind.FUNCTION, Objects.requireNonNull(schema), name);
    }
}
