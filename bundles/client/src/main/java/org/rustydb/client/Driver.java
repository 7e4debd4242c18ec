package org.rustydb.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import org.rustydb.client.internal.embedded.DatabaseUrl;
import org.rustydb.client.internal.embedded.EmbeddedDatabases;

/**
 * The JDBC driver for embedded RustyDB databases, found by {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver}.
 *
 * <ul>
 * <li>{@code jdbc:rustydb:file:<directory>}: a database directory, the layout the server keeps in
 * {@code data/db}; one process at a time (55P03 when another holds it).</li>
 * <li>{@code jdbc:rustydb:mem:<name>}: a private database that lives while this JVM holds a
 * connection to it; {@code jdbc:rustydb:mem:} alone is private to its one connection.</li>
 * </ul>
 * Connections to the same URL in one JVM share one database, which closes with its last
 * connection (or at JVM exit). Properties (in the URL after {@code ?}, separated by {@code &},
 * or given as {@link Properties}): {@code user} (default {@code rustydb}), {@code password} (not
 * checked in-process; the superuser's password when the database is created), {@code fsync}
 * (file databases, default true), {@code bufferPoolMegabytes} and {@code port} (also serve the
 * database over the PostgreSQL protocol on 127.0.0.1).
 */
public final class Driver implements java.sql.Driver {
    /** Every URL of this driver starts with it. */
    public static final String URL_PREFIX = DatabaseUrl.PREFIX;

    static {
        try {
            DriverManager.registerDriver(new Driver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // DriverManager asks every driver; another one's URL is not an error
        }
        return EmbeddedDatabases.shared().connect(DatabaseUrl.parse(url, info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return DatabaseUrl.propertyInfo(info);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** Not a full JDBC-compliant driver: SQL-92 entry level is not wholly covered. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the driver logs through slf4j, not java.util.logging");
    }
}
