package org.rustydb.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.rustydb.spi.storage.RowCursor;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/** Reading and deleting the rows of one of the bundle's catalog tables, decoded by the table's own row type. */
final class CatalogRows {
    private CatalogRows() {
    }

    /** Every row the transaction sees. */
    static <R> List<R> read(StorageEngine storage, Transaction txn, TableHandle table, Function<Object[], R> decode) {
        List<R> list = new ArrayList<>();
        RowCursor cursor = storage.scan(txn, table);
        try {
            while (cursor.next()) {
                list.add(decode.apply(cursor.row()));
            }
        } finally {
            cursor.close();
        }
        return list;
    }

    /** Deletes the rows that match, found first and deleted after the scan; returns them. */
    static <R> List<R> delete(StorageEngine storage, Transaction txn, TableHandle table, Function<Object[], R> decode,
                              Predicate<R> which) {
        List<RowId> ids = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        List<R> gone = new ArrayList<>();
        RowCursor cursor = storage.scan(txn, table);
        try {
            while (cursor.next()) {
                R r = decode.apply(cursor.row());
                if (which.test(r)) {
                    ids.add(cursor.rowId());
                    values.add(cursor.row().clone());
                    gone.add(r);
                }
            }
        } finally {
            cursor.close();
        }
        for (int i = 0; i < ids.size(); i++) {
            storage.delete(txn, table, ids.get(i), values.get(i));
        }
        return gone;
    }
}
