package org.rustydb.kernel.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.rustydb.api.Database;
import org.rustydb.api.DatabaseStatus;
import org.rustydb.api.DbException;
import org.rustydb.api.Session;
import org.rustydb.api.SqlState;
import org.rustydb.spi.exec.QueryEngine;
import org.rustydb.spi.session.SessionInfo;
import org.rustydb.spi.session.SessionRegistry;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.txn.TransactionManager;

/**
 * The kernel's database: it holds the current provider of each required service, opens sessions,
 * and refuses statements with 57P03 while a required service is missing. It is also the registry
 * of its live sessions. Plain Java, so it can be wired without a framework; {@code KernelComponent}
 * wires it from the service registry.
 */
public final class KernelDatabase implements Database, SessionRegistry {
    private final String name;
    private final Instant startedAt = Instant.now();
    private final AtomicLong nextSessionId = new AtomicLong(1);
    private final Map<Long, KernelSession> sessions = new ConcurrentHashMap<>();
    private final ServiceSlot<StorageEngine> storage = new ServiceSlot<>("storage engine");
    private final ServiceSlot<TransactionManager> transactions = new ServiceSlot<>("transaction manager");
    private final ServiceSlot<QueryEngine> queryEngine = new ServiceSlot<>("query engine");
    private final Extensions extensions = new Extensions();

    public KernelDatabase(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    public Extensions extensions() {
        return extensions;
    }

    /** The roles' catalog of the security bundle, while one is registered; null otherwise. */
    private volatile org.rustydb.spi.security.RoleCatalog roleCatalog;

    public void bindRoleCatalog(org.rustydb.spi.security.RoleCatalog catalog) {
        roleCatalog = catalog;
    }

    public void unbindRoleCatalog(org.rustydb.spi.security.RoleCatalog catalog) {
        if (roleCatalog == catalog) {
            roleCatalog = null;
        }
    }

    org.rustydb.spi.security.RoleCatalog roleCatalog() {
        return roleCatalog;
    }

    public void bindStorage(StorageEngine engine) {
        storage.bind(engine);
    }

    public void unbindStorage(StorageEngine engine) {
        storage.unbind(engine);
    }

    public void bindTransactionManager(TransactionManager manager) {
        transactions.bind(manager);
    }

    public void unbindTransactionManager(TransactionManager manager) {
        transactions.unbind(manager);
    }

    public void bindQueryEngine(QueryEngine engine) {
        queryEngine.bind(engine);
    }

    public void unbindQueryEngine(QueryEngine engine) {
        queryEngine.unbind(engine);
    }

    @Override
    public Session openSession(String user, Map<String, String> parameters) {
        String requested = parameters.get("database");
        if (requested != null && !requested.isEmpty() && !requested.equals(name)) {
            throw DbException.of(SqlState.INVALID_CATALOG_NAME, "database \"%s\" does not exist", requested);
        }
        KernelSession session = new KernelSession(this, nextSessionId.getAndIncrement(), user, parameters);
        session.dropTemporaryTables();
        sessions.put(session.id(), session);
        return session;
    }

    void sessionClosed(KernelSession session) {
        sessions.remove(session.id(), session);
    }

    /** Closes every open session, rolling back their transactions; used when the kernel stops. */
    public void closeAllSessions() {
        for (KernelSession s : List.copyOf(sessions.values())) {
            s.close();
        }
    }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> list = new ArrayList<>();
        for (KernelSession s : sessions.values()) {
            list.add(s.info());
        }
        list.sort(Comparator.comparingLong(SessionInfo::id));
        return list;
    }

    @Override
    public Optional<SessionInfo> session(long id) {
        return Optional.ofNullable(sessions.get(id)).map(KernelSession::info);
    }

    @Override
    public boolean cancel(long id) {
        KernelSession s = sessions.get(id);
        if (s != null) {
            s.cancel();
        }
        return s != null;
    }

    @Override
    public boolean terminate(long id) {
        KernelSession s = sessions.get(id);
        if (s != null) {
            s.terminate();
        }
        return s != null;
    }

    @Override
    public boolean attachConnection(long id, String clientAddress, Runnable disconnect) {
        KernelSession s = sessions.get(id);
        if (s != null) {
            s.attachConnection(clientAddress, disconnect);
        }
        return s != null;
    }

    /** The query engine now, or null; for reading settings, which needs nothing else. */
    QueryEngine currentQueryEngine() {
        return queryEngine.get();
    }

    /** The services present now, any of them possibly null. */
    Services currentServices() {
        return new Services(storage.get(), transactions.get(), queryEngine.get());
    }

    /**
     * The services a statement runs with, captured once so that they stay fixed for the statement.
     *
     * @throws DbException 57P03 naming what is missing
     */
    Services requireServices() {
        StorageEngine s = storage.get();
        TransactionManager t = transactions.get();
        QueryEngine q = queryEngine.get();
        if (s == null || t == null || q == null) {
            // named from the values read above: a service that comes back meanwhile must not
            // leave the list empty
            List<String> missing = missing(s, t, q);
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW,
                            "the database system is not available: missing " + String.join(", ", missing))
                    .withHint("Start the bundle that provides the " + missing.get(0)
                            + "; statements resume on their own once it is back.");
        }
        return new Services(s, t, q);
    }

    private List<String> missingServices() {
        return missing(storage.get(), transactions.get(), queryEngine.get());
    }

    /** The descriptions of the services among these values (storage, transactions, query engine) that are null. */
    private List<String> missing(StorageEngine s, TransactionManager t, QueryEngine q) {
        List<String> missing = new ArrayList<>();
        if (s == null) {
            missing.add(storage.description());
        }
        if (t == null) {
            missing.add(transactions.description());
        }
        if (q == null) {
            missing.add(queryEngine.description());
        }
        return missing;
    }

    @Override
    public DatabaseStatus status() {
        List<String> missing = missingServices();
        return new DatabaseStatus(missing.isEmpty(), missing, startedAt, sessions.size(),
                extensions.describeFrontEnds());
    }

    /** The required services as one statement sees them. */
    record Services(StorageEngine storage, TransactionManager transactions, QueryEngine queryEngine) {
    }
}
