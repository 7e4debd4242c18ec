package org.rustydb.bench.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.HdrHistogram.Histogram;

/** Bulk loads through batched prepared INSERTs, one transaction per batch; times each batch. */
final class Loader {
    /** Sets the parameters of row {@code n} (counting from 1). */
    @FunctionalInterface
    interface Row {
        void bind(PreparedStatement insert, long n) throws SQLException;
    }

    private Loader() {
    }

    /** Inserts rows 1..count; returns the latency of each batch in microseconds. */
    static Histogram load(Connection connection, String insertSql, long count, int batch, Row row)
            throws SQLException {
        Histogram batches = new Histogram(3);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            long started = System.nanoTime();
            int pending = 0;
            for (long n = 1; n <= count; n++) {
                row.bind(insert, n);
                insert.addBatch();
                if (++pending == batch || n == count) {
                    int[] counts = insert.executeBatch();
                    connection.commit();
                    long now = System.nanoTime();
                    batches.recordValue((now - started) / 1000);
                    started = now;
                    for (int c : counts) {
                        if (c != 1 && c != Statement.SUCCESS_NO_INFO) {
                            throw new Transactions.WrongResult("a batched insert reported " + c + " rows");
                        }
                    }
                    pending = 0;
                }
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return batches;
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
