package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

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
        return load(connection, insertSql, count, batch, row, null, null, null);
    }

    /** As {@link #load(Connection, String, long, int, Row)}, printing "label: n of count rows" every so often. */
    static Histogram load(Connection connection, String insertSql, long count, int batch, Row row, String label,
            Duration every, PrintStream out) throws SQLException {
        long lastProgress = System.nanoTime();
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
                    if (out != null && now - lastProgress >= every.toNanos() && n < count) {
                        out.printf("%s: %d of %d rows%n", label, n, count);
                        out.flush();
                        lastProgress = now;
                    }
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
