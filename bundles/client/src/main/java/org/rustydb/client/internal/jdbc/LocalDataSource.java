package org.rustydb.client.internal.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.rustydb.api.Database;
import org.rustydb.api.DbException;

/**
 * A DataSource whose connections are sessions of a running {@link Database}, in the same process:
 * no network, no authentication (the caller is trusted as the front ends trust an authenticated
 * client). The user is the one given to {@link #getConnection(String, String)}, else {@code rustydb}.
 */
public final class LocalDataSource implements DataSource {
    public static final String URL = "jdbc:rustydb:local";
    private static final String DEFAULT_USER = "rustydb";

    private final Database database;
    private PrintWriter logWriter;
    private int loginTimeout;

    public LocalDataSource(Database database) {
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(DEFAULT_USER, null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        try {
            return new JdbcConnection(database.openSession(user == null ? DEFAULT_USER : user,
                    Map.of()), URL, null);
        } catch (DbException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the driver logs through slf4j, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
