package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.rustydb.api.SqlType;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * The default privileges of ALTER DEFAULT PRIVILEGES as rows of {@code pg_security.pg_default_acl},
 * next to the object lists and kept the same way: one row per role, schema (empty for all) and kind.
 * A database made before default privileges were kept has no table; it reads as no rows.
 */
final class DefaultAclStore {
    static final String TABLE = "pg_default_acl";

    /** One entry: the role whose new objects it is for, the schema ("" for all), the kind and the list. */
    record Row(long role, String schema, ObjectKind kind, Acl acl) {
        Object[] values() {
            return new Object[] {role, schema, kind.name(), acl.encode()};
        }

        static Row of(Object[] v) {
            return new Row((Long) v[0], (String) v[1], ObjectKind.valueOf((String) v[2]), Acl.decode((String) v[3]));
        }

        boolean sameKey(Row other) {
            return role == other.role && schema.equals(other.schema) && kind == other.kind;
        }
    }

    private final StorageEngine storage;

    DefaultAclStore(StorageEngine storage) {
        this.storage = storage;
    }

    /** Creates the table when missing; true when it did. */
    boolean ensureTable(Transaction txn) {
        if (storage.findTable(txn, RoleStore.SCHEMA, TABLE).isPresent()) {
            return false;
        }
        storage.createTable(txn, new TableDefinition(RoleStore.SCHEMA, TABLE, List.of(
                new ColumnDefinition("defaclrole", SqlType.BIGINT, -1, true),
                new ColumnDefinition("nspname", SqlType.TEXT, -1, true),
                new ColumnDefinition("kind", SqlType.TEXT, -1, true),
                new ColumnDefinition("acl", SqlType.TEXT, -1, true)),
                List.of(new UniqueKey("pg_default_acl_index", List.of(0, 1, 2), true))));
        return true;
    }

    List<Row> rows(Transaction txn) {
        TableHandle table = storage.findTable(txn, RoleStore.SCHEMA, TABLE).orElse(null);
        return table == null ? new ArrayList<>() : CatalogRows.read(storage, txn, table, Row::of);
    }

    /** Writes a row, replacing the one of the same role, schema and kind. */
    void put(Transaction txn, Row row) {
        ensureTable(txn);
        delete(txn, r -> r.sameKey(row));
        storage.insert(txn, storage.findTable(txn, RoleStore.SCHEMA, TABLE).orElseThrow(), row.values());
    }

    /** Deletes the rows that match; returns them. */
    List<Row> delete(Transaction txn, Predicate<Row> which) {
        TableHandle table = storage.findTable(txn, RoleStore.SCHEMA, TABLE).orElse(null);
        return table == null ? new ArrayList<>() : CatalogRows.delete(storage, txn, table, Row::of, which);
    }
}
