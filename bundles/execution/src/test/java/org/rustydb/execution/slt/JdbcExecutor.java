package org.rustydb.execution.slt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.postgresql.util.PSQLException;

/**
 * Runs sqllogictest SQL over JDBC with simple statements (autocommit, BEGIN/COMMIT as SQL): against
 * a reference PostgreSQL ({@link PgCheck}) or against a RustyDB server over the wire.
 */
public final class JdbcExecutor implements SltRunner.Executor {
    private final Connection connection;
    private final Set<String> names;

    /** @param names what skipif/onlyif match: {@code postgresql} for the reference, both names for RustyDB */
    public JdbcExecutor(Connection connection, Set<String> names) {
        this.connection = connection;
        this.names = Set.copyOf(names);
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public SltRunner.Outcome execute(String sql) throws SltRunner.SqlError {
    try (Statement s = connection.createStatement()) {
            boolean isQuery = s.execute(sql);
            SltRunner.Outcome last = new SltRunner.Outcome("", 0, List.of());
            while (true) {
                if (isQuery) {
                    try (ResultSet rs = s.getResultSet()) {
                        int n = rs.getMetaData().getColumnCount();
                        List<List<String>> rows = new ArrayList<>();
                        while (rs.next()) {
                            List<String> row = new ArrayList<>();
                            for (int i = 1; i <= n; i++) {
                                String v = rs.getString(i);
                                row.add(v == null ? "NULL" : v.isEmpty() ? "(empty)" : v);
                            }
                            rows.add(row);
                        }
                        last = new SltRunner.Outcome("SELECT " + rows.size(), n, rows);
                    }
                } else if (s.getUpdateCount() == -1) {
                    break;
                } else {
                    last = new SltRunner.Outcome("OK", 0, List.of());
                }
                isQuery = s.getMoreResults();
            }
            return last;
        } catch (PSQLException e) {
            String message = e.getServerErrorMessage() == null ? e.getMessage()
                    : e.getServerErrorMessage().getMessage();
            throw new SltRunner.SqlError(e.getSQLState(), message);
        } catch (SQLException e) {
            throw new SltRunner.SqlError(e.getSQLState(), e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }
}
