package org.rustydb.bench.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one unit of work as a transaction, again when it fails for concurrency alone (40001,
 * 40P01, ...) up to a number of tries, and records the outcome in a meter: the latency of a
 * success counts its retries, as pgbench's does. Any other error is a failed transaction; a lost
 * connection (class 08) ends the client.
 */
final class Transactions {
    /** The work; it throws {@link WrongResult} when the database answered something impossible. */
    @FunctionalInterface
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** A statement did not do what it must (a row missing, a count off): a failed transaction. */
    static final class WrongResult extends SQLException {
        private static final long serialVersionUID = 1L;

        WrongResult(String message) {
            super(message);
        }
    }

    private Transactions() {
    }

    /** True when the work committed. */
    static boolean run(Connection connection, Dialect dialect, Meter meter, int maxTries, Work work)
            throws SQLException {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                work.run(connection);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                meter.success(System.nanoTime() - start);
                return true;
            } catch (SQLException e) {
                rollback(connection);
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e;
                }
                if (dialect.retryable(e) && attempt < maxTries) {
                    meter.retry();
                    continue;
                }
                meter.failure(describe(e) + (dialect.retryable(e) ? " (after " + attempt + " tries)" : ""));
                return false;
            }
        }
    }

    static String describe(SQLException e) {
        return (e.getSQLState() == null || e instanceof WrongResult ? "" : e.getSQLState() + ": ") + e.getMessage();
    }

    private static void rollback(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e;
                }
            }
        }
    }
}
