package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;

/**
 * The objects a GRANT or REVOKE names, found as the query engine finds them: a qualified name in
 * its schema, an unqualified one in the session's temporary schema and then the schemas of
 * search_path ({@code $user} is the current user). Errors are PostgreSQL's (42P01, 3F000, 42809).
 */
final class GrantTargets {
    /** One object: its reference, the word messages name it by, its name as messages show it, its columns. */
    record Target(ObjectRef ref, String word, String name, List<String> columns) {
    }

    private final SessionContext session;
    private final Transaction txn;
    private final StorageEngine storage;

    GrantTargets(SessionContext session, Transaction txn) {
        this.session = session;
        this.txn = txn;
        this.storage = session.storage();
    }

    List<Target> resolve(GrantStatement.Target target) {
        List<Target> list = new ArrayList<>();
        for (GrantStatement.Name name : target.names()) {
            switch (target.kind()) {
                case TABLE -> list.add(relation(name));
                case SEQUENCE -> {
                    Target t = relation(name);
                    if (!t.word().equals("sequence")) {
                        throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", name.shown());
                    }
                    list.add(t);
                }
                case SCHEMA -> list.add(new Target(ObjectRef.schema(requireSchema(name.name())), "schema", name.name(),
                        List.of()));
                case DATABASE -> {
                    if (!name.name().equals(session.database())) {
                        throw DbException.of("3D000", "database \"%s\" does not exist", name.name());
                    }
                    list.add(new Target(ObjectRef.database(name.name()), "database", name.name(), List.of()));
                }
                case FUNCTION -> {
                    // every function lives in pg_catalog, where its one list is kept
                    if (session.functions(name.name()).isEmpty()
                            || name.schema() != null && !name.schema().equals("pg_catalog")) {
                        throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s does not exist", name.shown());
                    }
                    list.add(new Target(ObjectRef.function("pg_catalog", name.name()), "function", name.name(),
                            List.of()));
                }
                case ALL_TABLES -> {
                    String schema = requireSchema(name.name());
                    storage.listTables(txn).stream().map(h -> h.definition()).filter(d -> d.schema().equals(schema))
                            .forEach(d -> list.add(new Target(ObjectRef.relation(schema, d.name()), "table", d.name(),
                                    d.columns().stream().map(ColumnDefinition::name).toList())));
                    storage.listViews(txn).stream().map(h -> h.definition()).filter(d -> d.schema().equals(schema))
                            .forEach(d -> list.add(new Target(ObjectRef.relation(schema, d.name()), "view", d.name(),
                                    d.columns().stream().map(ColumnDefinition::name).toList())));
                }
                case ALL_SEQUENCES -> {
                    String schema = requireSchema(name.name());
                    storage.listSequences(txn).stream().map(h -> h.definition()).filter(d -> d.schema().equals(schema))
                            .forEach(d -> list.add(new Target(ObjectRef.sequence(schema, d.name()), "sequence",
                                    d.name(), List.of())));
                }
                case ALL_FUNCTIONS -> requireSchema(name.name()); // no function lives in a user schema
            }
        }
        return list;
    }

    private String requireSchema(String schema) {
        if (!storage.schemaExists(txn, schema)) {
            throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
        }
        return schema;
    }

    private Target relation(GrantStatement.Name name) {
        List<String> schemas;
        if (name.schema() != null) {
            String schema = name.schema().equals("pg_temp") ? session.temporarySchema() : name.schema();
            if (!schema.equals(session.temporarySchema())) {
                requireSchema(schema);
            }
            schemas = List.of(schema);
        } else {
            schemas = searchPath();
        }
        for (String schema : schemas) {
            var table = storage.findTable(txn, schema, name.name());
            if (table.isPresent()) {
                return new Target(ObjectRef.relation(schema, name.name()), "table", name.name(),
                        table.get().definition().columns().stream().map(ColumnDefinition::name).toList());
            }
            var view = storage.findView(txn, schema, name.name());
            if (view.isPresent()) {
                return new Target(ObjectRef.relation(schema, name.name()), "view", name.name(),
                        view.get().definition().columns().stream().map(ColumnDefinition::name).toList());
            }
            if (storage.findSequence(txn, schema, name.name()).isPresent()) {
                return new Target(ObjectRef.sequence(schema, name.name()), "sequence", name.name(), List.of());
            }
        }
        throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name.shown());
    }

    /** The schemas an unqualified name is looked up in: the temporary one, then search_path's that exist. */
    private List<String> searchPath() {
        List<String> schemas = new ArrayList<>();
        schemas.add(session.temporarySchema());
        String path = session.setting("search_path");
        for (String entry : (path == null ? "\"$user\", public" : path).split(",")) {
            String s = entry.trim();
            String name = s.startsWith("\"") && s.endsWith("\"") && s.length() > 1
                    ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s.toLowerCase(Locale.ROOT);
            if (name.equals("$user")) {
                name = session.user();
            }
            if (!name.isEmpty() && !schemas.contains(name) && storage.schemaExists(txn, name)) {
                schemas.add(name);
            }
        }
        return schemas;
    }
}
