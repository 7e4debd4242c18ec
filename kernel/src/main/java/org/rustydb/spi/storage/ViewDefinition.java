package org.rustydb.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * A view (CREATE VIEW): a stored query the query engine binds wherever the view is named. The
 * engine only keeps the definition, transactionally like a table's; views share the schema's
 * namespace with tables, indexes and sequences.
 *
 * @param schema     the schema name
 * @param name       the view name, already case-folded
 * @param query      the SQL text of the query (a SELECT, VALUES or set operation)
 * @param columns    the output columns, in order: names and types (nothing else of them is used)
 * @param references the tables and views the query reads, so that dropping one of them can find
 *                   the views that depend on it
 */
public record ViewDefinition(String schema, String name, String query, List<ColumnDefinition> columns,
                             List<Reference> references) {

    /** A relation of a schema that a view reads. */
    public record Reference(String schema, String name) {
        public Reference {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(name, "name");
        }
    }

    public ViewDefinition {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        columns = List.copyOf(columns);
        references = List.copyOf(references);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a view has at least one column");
        }
    }

    /** True when the view reads that relation. */
    public boolean references(String refSchema, String refName) {
        return references.contains(new Reference(refSchema, refName));
    }
}
