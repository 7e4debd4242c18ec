package org.rustydb.bench.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

import javax.sql.DataSource;

/** A database the workloads run against: a name for the results, its dialect and its connections. */
public final class Target {
    /** Opens a new connection to the target. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final String name;
    private final Dialect dialect;
    private final ConnectionFactory connections;
    private final boolean holdOpen;

    public Target(String name, Dialect dialect, ConnectionFactory connections) {
        this(name, dialect, connections, false);
    }

    private Target(String name, Dialect dialect, ConnectionFactory connections, boolean holdOpen) {
        this.name = Objects.requireNonNull(name, "name");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.holdOpen = holdOpen;
    }

    /**
     * A JDBC URL reached through DriverManager, optionally written {@code name=jdbc:...}; without
     * a name, the URL without {@code jdbc:} and its parameters names the target.
     */
    public static Target jdbc(String spec, String user, String password) {
        String name;
        String url;
        int jdbc = spec.indexOf("=jdbc:");
        if (!spec.startsWith("jdbc:") && jdbc > 0) {
            name = spec.substring(0, jdbc);
            url = spec.substring(jdbc + 1);
        } else {
            url = spec;
            name = defaultName(spec);
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + spec);
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // an in-memory H2 database vanishes with its last connection, between the load and the run
        boolean vanishes = url.regionMatches(true, 0, "jdbc:h2:mem:", 0, 12)
                && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_DELAY");
        return new Target(name, Dialect.of(url), () -> DriverManager.getConnection(url, properties), vanishes);
    }

    /** A data source; its dialect is that of the URL its connections report (PostgreSQL's without one). */
    public static Target dataSource(String name, DataSource dataSource) throws SQLException {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        return new Target(name, url == null ? Dialect.POSTGRESQL : Dialect.of(url), dataSource::getConnection);
    }

    static String defaultName(String url) {
        String name = url.substring("jdbc:".length());
        int cut = name.length();
        for (char c : new char[] {'?', ';'}) {
            int at = name.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return name.substring(0, cut);
    }

    public String name() {
        return name;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether a connection must stay open while the target's workloads run, to keep its data. */
    public boolean holdOpen() {
        return holdOpen;
    }

    public Connection connect() throws SQLException {
        return connections.open();
    }
}
