package org.rustydb.client.internal.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint of a connection: named by the application, or numbered by the driver. */
final class JdbcSavepoint implements Savepoint {
    private final int id;
    private final String name;

    JdbcSavepoint(int id, String name) {
        this.id = id;
        this.name = name;
    }

    static JdbcSavepoint of(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof JdbcSavepoint s) {
            return s;
        }
        throw new SQLException("not a savepoint of this driver: " + savepoint, "3B001");
    }

    String sqlName() {
        return SqlText.identifier(name != null ? name : "JDBC_SAVEPOINT_" + id);
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("Cannot retrieve the id of a named savepoint.", "3B001");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("Cannot retrieve the name of an unnamed savepoint.", "3B001");
        }
        return name;
    }
}
