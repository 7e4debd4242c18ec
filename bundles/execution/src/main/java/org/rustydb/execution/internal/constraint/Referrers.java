package org.rustydb.execution.internal.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.ForeignKey;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * The foreign keys that reference each table, per session, kept while the engine's catalog version
 * stays. Finding them lists every table, and every UPDATE or DELETE of a table asked for them.
 *
 * <p>Per session, because a table another transaction is creating is visible to that transaction
 * alone while the version is the same for all. Within one session an unchanged version means no
 * catalog change started or ended anywhere since the list was made (the version moves at both),
 * so the session's transactions see the same tables it did.
 */
final class Referrers {
    /** A foreign key of {@code child} that references the table asked about. */
    record Referrer(TableHandle child, ForeignKey foreignKey) {
    }

    private record Known(StorageEngine storage, long catalogVersion, Map<List<String>, List<Referrer>> byTable) {
    }

    private final Map<Long, Known> bySession = new ConcurrentHashMap<>();

    /** The foreign keys referencing {@code table}, as {@code txn} sees the catalog. */
    List<Referrer> of(SessionContext session, Transaction txn, TableHandle table) {
        StorageEngine storage = session.storage();
        // read before listing: a change that starts meanwhile moves it, so this list is not kept past it
        long version = storage.catalogVersion();
        Known known = bySession.get(session.sessionId());
        if (known == null || known.storage() != storage || known.catalogVersion() != version) {
            known = new Known(storage, version, new ConcurrentHashMap<>());
            bySession.put(session.sessionId(), known);
        }
        TableDefinition definition = table.definition();
        return known.byTable().computeIfAbsent(List.of(definition.schema(), definition.name()),
                name -> find(storage, txn, definition));
    }

    void sessionClosed(long sessionId) {
        bySession.remove(sessionId);
    }

    private static List<Referrer> find(StorageEngine storage, Transaction txn, TableDefinition definition) {
        List<Referrer> found = new ArrayList<>();
        for (TableHandle other : storage.listTables(txn)) {
            for (ForeignKey fk : other.definition().foreignKeys()) {
                if (fk.references(definition.schema(), definition.name())) {
                    found.add(new Referrer(other, fk));
                }
            }
        }
        return List.copyOf(found);
    }
}
