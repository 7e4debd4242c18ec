package org.rustydb.execution.slt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.util.PSQLException;

/**
 * Runs .test files against a real PostgreSQL to check that their expectations are PostgreSQL's,
 * each file in a freshly created database. Not a test (it needs a running server):
 * {@code java -Dpg.url=jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres PgCheck files...}
 */
public final class PgCheck {
    private PgCheck() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("pg.url", "jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres");
        int failed = 0;
        for (String arg : args) {
            try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS slt_check");
                s.execute("CREATE DATABASE slt_check");
            }
            Connection c = DriverManager.getConnection(url.replace("/postgres?", "/slt_check?"));
            SltRunner.Report r = SltRunner.run(Path.of(arg), new JdbcExecutor(c));
            System.out.printf("%s: %d records, %d ran, %d differ from PostgreSQL%n", arg, r.records(), r.ran(),
                    r.failures().size());
            r.failures().forEach(f -> System.out.println("  " + f.replace("\n", "\n    ")));
            failed += r.failures().size();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs SQL over JDBC (simple statements, autocommit, BEGIN/COMMIT as SQL). */
    static final class JdbcExecutor implements SltRunner.Executor {
        private final Connection connection;

        JdbcExecutor(Connection connection) {
            this.connection = connection;
        }

        @Override
        public java.util.Set<String> names() {
            return java.util.Set.of("postgresql");
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
}
