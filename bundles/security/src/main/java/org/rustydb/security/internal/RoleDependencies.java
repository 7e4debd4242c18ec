package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rustydb.spi.security.ObjectRef;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.Transaction;

/**
 * What keeps a role from being dropped, described as PostgreSQL's DETAIL lists it: the objects it
 * owns and those it holds (or gave) privileges on, the database first. Rows of objects that no
 * longer exist are not counted.
 */
final class RoleDependencies {
    private RoleDependencies() {
    }

    static List<String> of(PrivilegeView view, StorageEngine storage, Transaction txn, long role) {
        List<String> database = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (PrivilegeStore.Row row : view.objectRows()) {
            ObjectRef o = row.object();
            String word = word(storage, txn, o);
            if (word == null) {
                continue;
            }
            String name = o.schema() == null || o.schema().equals("public") || o.schema().equals("pg_catalog")
                    ? o.name() : o.schema() + "." + o.name();
            List<String> target = word.equals("database") ? database : lines;
            if (row.acl() != null && row.acl().mentions(role) && row.owner() != role) {
                target.add("privileges for " + word + " " + name);
            }
            for (Map.Entry<String, Acl> col : view.columnAcls(o).entrySet()) {
                if (col.getValue().mentions(role)) {
                    target.add("privileges for column " + col.getKey() + " of " + word + " " + name);
                }
            }
            if (row.owner() == role) {
                target.add("owner of " + word + " " + name);
            }
        }
        for (DefaultAclStore.Row row : view.defaultRows()) {
            String what = "default privileges on new " + switch (row.kind()) {
                case RELATION -> "relations";
                case SEQUENCE -> "sequences";
                case FUNCTION -> "functions";
                default -> "schemas";
            } + " belonging to role " + view.roleName(row.role())
                    + (row.schema().isEmpty() ? "" : " in schema " + row.schema());
            if (row.role() == role) {
                database.add("owner of " + what);
            } else if (row.acl().mentions(role)) {
                database.add("privileges for " + what);
            }
        }
        database.addAll(lines);
        return database;
    }

    /** The word of an existing object, or null when it is gone. */
    private static String word(StorageEngine storage, Transaction txn, ObjectRef o) {
        return switch (o.kind()) {
            case RELATION -> storage.findTable(txn, o.schema(), o.name()).isPresent() ? "table"
                    : storage.findView(txn, o.schema(), o.name()).isPresent() ? "view" : null;
            case SEQUENCE -> storage.findSequence(txn, o.schema(), o.name()).isPresent() ? "sequence" : null;
            case SCHEMA -> storage.schemaExists(txn, o.name()) ? "schema" : null;
            case DATABASE -> "database";
            case FUNCTION -> "function";
        };
    }
}
