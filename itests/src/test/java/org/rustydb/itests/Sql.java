package org.rustydb.itests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** pgjdbc helpers: connections as clients open them, results as lists of text values. */
final class Sql {
    private Sql() {
    }

    /**
     * A connection that sends each statement string as one simple Query message, for tests whose
     * expectations come from psql (several statements in one string share one implicit transaction).
     */
    static Connection connectSimple(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/rustydb?preferQueryMode=simple&connectTimeout=10&socketTimeout=30", "rustydb", Distribution.password());
    }

    static Connection connect(int port) throws SQLException {
        // socketTimeout turns a server that stops answering into a test failure, not a hang
        String url = "jdbc:postgresql://127.0.0.1:" + port
                + "/rustydb?connectTimeout=10&socketTimeout=30";
        return DriverManager.getConnection(url, "rustydb", Distribution.password());
    }

    /**
     * The PostgreSQL server to run a test's assertions against instead of the distribution, to
     * check that they hold there: {@code -Ditest.reference.port=N} (127.0.0.1, user and database
     * postgres); empty when unset.
     */
    static final String REFERENCE_PORT = System.getProperty("itest.reference.port", "");

    /** A connection to the reference PostgreSQL server (see {@link #REFERENCE_PORT}). */
    static Connection connectReference() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + REFERENCE_PORT
                + "/postgres?socketTimeout=30", "postgres", "");
    }

    /**
     * Waits until the server answers queries: its port opens as soon as the front end starts,
     * and statements get 57P03 until the storage engine, transaction manager and query engine
     * are bound too.
     */
    static void awaitReady(int port, Duration timeout) throws InterruptedException {
        Poll.until(timeout, "the server on port " + port + " to answer select 1", () -> selectOne(port));
    }

    /**
     * One readiness probe: true once {@code select 1} works. Connection failures (08xxx) and
     * 57P03 are worth retrying; any other error fails at once.
     */
    static boolean selectOne(int port) throws SQLException {
        try (Connection connection = connect(port)) {
            return List.of(List.of("1")).equals(query(connection, "select 1"));
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || state.startsWith("08") || state.equals("57P03")) {
                throw e;
            }
            throw new AssertionError("the server is up but select 1 failed with " + state + ": " + e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The rows of a query, each value as the text pgjdbc returns for it. */
    static List<List<String>> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
