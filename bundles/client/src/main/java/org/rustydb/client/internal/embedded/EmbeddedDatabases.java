package org.rustydb.client.internal.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.api.DbException;
import org.rustydb.api.Session;
import org.rustydb.client.internal.jdbc.Errors;
import org.rustydb.client.internal.jdbc.JdbcConnection;

/**
 * The embedded databases this JVM holds open, by {@link DatabaseUrl#key()}: connections to one URL
 * share one database, which is stopped when its last connection closes, or at JVM exit.
 */
public final class EmbeddedDatabases {
    private static final EmbeddedDatabases SHARED = new EmbeddedDatabases();

    private final Map<String, Entry> open = new HashMap<>();

    private static final class Entry {
        final EmbeddedDatabase database;
        int connections;

        Entry(EmbeddedDatabase database) {
            this.database = database;
        }
    }

    private EmbeddedDatabases() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "rustydb-embedded-shutdown"));
    }

    public static EmbeddedDatabases shared() {
        return SHARED;
    }

    /** A new connection to the URL's database, started if this JVM does not hold it yet. */
    public Connection connect(DatabaseUrl url) throws SQLException {
        Entry entry = acquire(url);
        Session session;
        try {
            session = entry.database.database().openSession(url.user(), Map.of());
        } catch (DbException e) {
            release(url.key(), entry);
            throw Errors.of(e);
        } catch (RuntimeException e) {
            release(url.key(), entry);
            throw new SQLException("could not open a session: " + e, "08006", e);
        }
        try {
            checkLogin(session);
        } catch (SQLException | RuntimeException e) {
            session.close();
            release(url.key(), entry);
            throw e;
        }
        return new JdbcConnection(session, url.url(), () -> release(url.key(), entry));
    }

    /**
     * The checks of a login that remain without a password, as the server makes them: the role
     * exists, may log in, and (unless a superuser) has CONNECT on the database.
     */
    private static void checkLogin(Session session) throws SQLException {
        Object[][] row = new Object[1][];
        try {
            session.execute("select r.rolcanlogin, r.rolsuper, has_database_privilege(current_database(), 'CONNECT')"
                    + " from pg_catalog.pg_roles r where r.rolname = current_user", result -> row[0] = result.next());
        } catch (DbException e) {
            throw Errors.of(e);
        }
        String user = session.user();
        if (row[0] == null) {
            throw new SQLException("role \"" + user + "\" does not exist", "28000");
        }
        if (!Boolean.TRUE.equals(row[0][0])) {
            throw new SQLException("role \"" + user + "\" is not permitted to log in", "28000");
        }
        if (!Boolean.TRUE.equals(row[0][1]) && !Boolean.TRUE.equals(row[0][2])) {
            throw new SQLException("permission denied for database \"" + session.database() + "\"", "42501");
        }
    }

    private synchronized Entry acquire(DatabaseUrl url) throws SQLException {
        Entry entry = open.get(url.key());
        if (entry == null) {
            entry = new Entry(EmbeddedDatabase.start(url));
            open.put(url.key(), entry);
        }
        entry.connections++;
        return entry;
    }

    /**
     * Stops the database with its last connection; under the lock, so that a connection opened
     * meanwhile waits for the files to be released instead of finding them still locked.
     */
    private synchronized void release(String key, Entry entry) {
        if (--entry.connections > 0 || open.get(key) != entry) {
            return;
        }
        open.remove(key);
        entry.database.stop();
    }

    /** How many databases this JVM holds open (for tests). */
    public synchronized int openDatabases() {
        return open.size();
    }

    private void closeAll() {
        List<Entry> entries;
        synchronized (this) {
            entries = new ArrayList<>(open.values());
            open.clear();
        }
        for (Entry entry : entries) {
            entry.database.stop();
        }
        EmbeddedDatabase.deleteExtracted();
    }
}
