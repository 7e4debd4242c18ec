package org.rustydb.storage.memory.internal.durable;

import java.util.Comparator;
import java.util.Objects;

import org.rustydb.spi.storage.TableDefinition;

/** A table's schema and name, kept apart: either may contain a dot. */
public record TableName(String schema, String name) implements Comparable<TableName> {
    private static final Comparator<TableName> ORDER =
            Comparator.comparing(TableName::schema).thenComparing(TableName::name);

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static TableName of(TableDefinition definition) {
        return new TableName(definition.schema(), definition.name());
    }

    @Override
    public int compareTo(TableName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
