package org.rustydb.execution.internal.parser;

import java.util.ArrayList;
import java.util.List;

/** CREATE INDEX and DROP INDEX as the hand-written parser reads them. */
public sealed interface IndexCommand {

    /**
     * The first thing in the statement PostgreSQL accepts but this engine does not, as the subject
     * of {@code <subject> not supported yet} (e.g. {@code descending index columns are}), or null.
     * It is reported when the statement runs, after the checks PostgreSQL makes first.
     */
    String unsupported();

    /**
     * A possibly qualified relation name, each part already case-folded.
     *
     * @param database the catalog part of a three-part name, or null
     * @param schema   the schema, or null when unqualified
     * @param name     the relation name
     */
    record QualifiedName(String database, String schema, String name) {
        /** The name as written, dotted, as PostgreSQL quotes it in cross-database errors. */
        public String dotted() {
            List<String> parts = new ArrayList<>();
            if (database != null) {
                parts.add(database);
            }
            if (schema != null) {
                parts.add(schema);
            }
            parts.add(name);
            return String.join(".", parts);
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (column, ...)}.
     *
     * @param name    the index name, or null to generate one
     * @param method  the access method, lower case ({@code btree} when not given)
     * @param columns the key column names in order; null for an expression element
     */
    record CreateIndex(boolean unique, boolean ifNotExists, String name, QualifiedName table, String method,
                       List<String> columns, String unsupported) implements IndexCommand {
        public CreateIndex {
            columns = java.util.Collections.unmodifiableList(new ArrayList<>(columns));
        }
    }

    /** {@code DROP INDEX [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}. */
    record DropIndex(boolean ifExists, List<QualifiedName> names, boolean cascade, String unsupported)
            implements IndexCommand {
        public DropIndex {
            names = List.copyOf(names);
        }
    }
}
