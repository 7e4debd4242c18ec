package org.rustydb.client.internal.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;

import org.rustydb.api.DbException;
import org.rustydb.api.Notice;

/** The engine's errors and notices as JDBC sees them: the SQLSTATE and message unchanged. */
public final class Errors {
    private Errors() {
    }

    /**
     * A SQLException with the DbException's SQLSTATE and message; detail, hint and position stay on
     * the DbException, its cause.
     */
    public static SQLException of(DbException e) {
        return new RustyDbSqlException(e.getMessage(), e);
    }

    static SQLWarning warning(Notice notice) {
        return new SQLWarning(notice.message(), notice.sqlState());
    }

    /** Checks a 1-based column (or parameter) index against {@code count}, with pgjdbc's message; 22023 if outside. */
    static void checkColumnIndex(int index, int count) throws SQLException {
        if (index < 1 || index > count) {
            throw new SQLException("The column index is out of range: " + index + ", number of columns: "
                    + count + ".", "22023");
        }
    }

    /** A fetch size as setFetchSize takes it (pgjdbc's message); 22023 when negative. */
    static int fetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("Fetch size must be a value greater to or equal to 0.", "22023");
        }
        return rows;
    }

    static SQLException closed(String what) {
        return new SQLException("this " + what + " has been closed", "08003");
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported", "0A000");
    }

    /** The SQLException of an engine error, keeping the DbException (detail, hint, position) as its cause. */
    public static final class RustyDbSqlException extends SQLException {
        private static final long serialVersionUID = 1L;

        RustyDbSqlException(String message, DbException cause) {
            super(message, cause.sqlState(), cause);
        }

        /** The engine's error with all its fields. */
        public DbException dbException() {
            return (DbException) getCause();
        }
    }
}
