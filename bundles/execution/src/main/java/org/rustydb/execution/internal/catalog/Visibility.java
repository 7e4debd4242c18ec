package org.rustydb.execution.internal.catalog;

import java.util.Optional;

import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.txn.Transaction;

/**
 * pg_table_is_visible and friends: whether an unqualified name finds the object, i.e. no schema
 * searched before its own holds a relation of that name.
 */
final class Visibility {
    private Visibility() {
    }

    static boolean relationVisible(CatalogReader r, String schema, String name) {
        for (String s : r.searchedSchemas()) {
            if (s.equals(schema)) {
                return true;
            }
            if (exists(r, s, name)) {
                return false;
            }
        }
        return false;
    }

    private static boolean exists(CatalogReader r, String schema, String name) {
        if (SystemCatalog.find(schema, name) != null) {
            return true;
        }
        SessionContext session = r.session();
        Transaction txn = r.transaction();
        Optional<?> found = session.storage().findTable(txn, schema, name);
        return found.isPresent() || session.storage().findView(txn, schema, name).isPresent()
                || session.storage().findSequence(txn, schema, name).isPresent()
                || session.storage().findIndex(txn, schema, name).isPresent();
    }

    /** The name as regclass's output and ruleutils write it: qualified only when not visible. */
    static String qualifiedIfHidden(CatalogReader r, String schema, String name) {
        return relationVisible(r, schema, name) ? Identifiers.quote(name)
                : Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }
}
