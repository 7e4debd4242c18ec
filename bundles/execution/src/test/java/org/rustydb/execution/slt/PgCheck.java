package org.rustydb.execution.slt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

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
            SltRunner.Report r = SltRunner.run(Path.of(arg), new JdbcExecutor(c, java.util.Set.of("postgresql", "jdbc")));
            System.out.printf("%s: %d records, %d ran, %d differ from PostgreSQL%n", arg, r.records(), r.ran(),
                    r.failures().size());
            r.failures().forEach(f -> System.out.println("  " + f.replace("\n", "\n    ")));
            failed += r.failures().size();
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
