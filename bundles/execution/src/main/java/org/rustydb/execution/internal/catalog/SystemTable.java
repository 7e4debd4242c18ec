package org.rustydb.execution.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.rustydb.execution.internal.types.DataType;

/**
 * A read-only system relation (pg_catalog or information_schema): PostgreSQL's column names and
 * types, and rows computed from the storage catalog when a scan opens, so they agree with the
 * DDL the scanning transaction sees.
 */
public record SystemTable(String schema, String name, List<String> columnNames, List<DataType> types,
                          Function<CatalogReader, List<Object[]>> rows) {
    public SystemTable {
        columnNames = List.copyOf(columnNames);
        types = List.copyOf(types);
        if (columnNames.size() != types.size()) {
            throw new IllegalArgumentException("a name per column type");
        }
    }

    public int oid() {
        return Oids.systemRelation(schema, name);
    }

    /** Collects columns as name/type pairs, in order. */
    static final class Builder {
        private final String schema;
        private final String name;
        private final List<String> names = new ArrayList<>();
        private final List<DataType> types = new ArrayList<>();

        Builder(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        Builder col(String column, DataType type) {
            names.add(column);
            types.add(type);
            return this;
        }

        /** Several columns of one type. */
        Builder cols(DataType type, String... columns) {
            for (String c : columns) {
                col(c, type);
            }
            return this;
        }

        SystemTable rows(Function<CatalogReader, List<Object[]>> producer) {
            return new SystemTable(schema, name, names, types, producer);
        }

        SystemTable empty() {
            return rows(r -> List.of());
        }
    }
}
