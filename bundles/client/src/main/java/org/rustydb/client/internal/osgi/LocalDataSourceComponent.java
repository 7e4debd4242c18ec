package org.rustydb.client.internal.osgi;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.rustydb.api.Database;
import org.rustydb.client.internal.jdbc.LocalDataSource;

/**
 * Registers a {@link DataSource} (service property {@code rustydb.datasource=local}) whose
 * connections are sessions of the server's own {@link Database}, for bundles that want JDBC
 * in-process. Registered while the database service is.
 */
@Component(service = DataSource.class, property = "rustydb.datasource=local")
public final class LocalDataSourceComponent implements DataSource {
    private final LocalDataSource dataSource;

    @Activate
    public LocalDataSourceComponent(@Reference Database database) {
        this.dataSource = new LocalDataSource(database);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return dataSource.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return dataSource.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        dataSource.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        dataSource.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return dataSource.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return dataSource.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : dataSource.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || dataSource.isWrapperFor(iface);
    }
}
