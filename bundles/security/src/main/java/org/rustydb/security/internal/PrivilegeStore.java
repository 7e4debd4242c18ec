package org.rustydb.security.internal;

import java.util.List;
import java.util.function.Predicate;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.spi.security.ObjectKind;
import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.UniqueKey;
import org.rustydb.spi.txn.Transaction;

/**
 * Owners and access control lists as rows of {@code pg_security.pg_acl}, one per object (column
 * empty) and one per column with privileges of its own, through the storage engine like the roles,
 * so they are transactional and durable with the objects. An object without a row belongs to the
 * bootstrap superuser with the default list.
 */
public final class PrivilegeStore {
    static final String TABLE = "pg_acl";

    /**
     * One row: the object, the column (empty for the object itself), the owner's oid (0 on a column's
     * row) and the list (null: the default one).
     */
    public record Row(ObjectRef object, String column, long owner, Acl acl) {
        Object[] values() {
            return new Object[] {object.kind().name(), object.schema() == null ? "" : object.schema(), object.name(),
                    column, owner, acl == null ? null : acl.encode()};
        }

        static Row of(Object[] v) {
            String schema = (String) v[1];
            return new Row(new ObjectRef(ObjectKind.valueOf((String) v[0]), schema.isEmpty() ? null : schema,
                    (String) v[2]), (String) v[3], (Long) v[4], v[5] == null ? null : Acl.decode((String) v[5]));
        }
    }

    private final StorageEngine storage;

    public PrivilegeStore(StorageEngine storage) {
        this.storage = storage;
    }

    /** Creates the table when missing (databases made before privileges were kept); true when it did. */
    public boolean ensureTable(Transaction txn) {
        if (storage.findTable(txn, RoleStore.SCHEMA, TABLE).isPresent()) {
            return false;
        }
        storage.createTable(txn, new TableDefinition(RoleStore.SCHEMA, TABLE, List.of(
                column("kind", SqlType.TEXT, true), column("nspname", SqlType.TEXT, true),
                column("objname", SqlType.TEXT, true), column("attname", SqlType.TEXT, true),
                column("owner", SqlType.BIGINT, true), column("acl", SqlType.TEXT, false)),
                List.of(new UniqueKey("pg_acl_object_index", List.of(0, 1, 2, 3), true))));
        return true;
    }

    private static ColumnDefinition column(String name, SqlType type, boolean notNull) {
        return new ColumnDefinition(name, type, -1, notNull);
    }

    private TableHandle table(Transaction txn) {
        return storage.findTable(txn, RoleStore.SCHEMA, TABLE).orElseThrow(() -> DbException.of(
                SqlState.INTERNAL_ERROR, "the privilege table is missing"));
    }

    public boolean exists(Transaction txn) {
        return storage.findTable(txn, RoleStore.SCHEMA, TABLE).isPresent();
    }

    /** Every row the transaction sees. */
    public List<Row> rows(Transaction txn) {
        return CatalogRows.read(storage, txn, table(txn), Row::of);
    }

    /** Writes a row, replacing the one of the same object and column. */
    public void put(Transaction txn, Row row) {
        delete(txn, r -> r.object().equals(row.object()) && r.column().equals(row.column()));
        storage.insert(txn, table(txn), row.values());
    }

    /** Deletes the rows that match; returns them. */
    public List<Row> delete(Transaction txn, Predicate<Row> which) {
        return CatalogRows.delete(storage, txn, table(txn), Row::of, which);
    }
}
