package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/** bin/rustydb started as users start it, used by real PostgreSQL clients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerProcessIT {
    private Path workDir;
    private ServerProcess server;

    @RegisterExtension
    final TestWatcher printServerOutput = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (server != null) {
                System.err.println("bin/rustydb output (" + workDir + "):\n" + server.output());
            }
        }
    };

    @BeforeAll
    void startServer() throws Exception {
        workDir = Distribution.workDir("server");
        server = ServerProcess.start(workDir);
        server.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pgjdbcCreatesInsertsAndSelects() throws Exception {
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create table jdbc_t(a int, b text)");
            Sql.execute(connection, "insert into jdbc_t values (1, 'x'), (2, null)");
            assertEquals(List.of(List.of("1", "x"), Arrays.asList("2", null)),
                    Sql.query(connection, "select a, b from jdbc_t order by a"));
        }
    }

    @Test
    void psqlPrintsWhatPostgreSqlPrints() throws Exception {
        Assumptions.assumeTrue(Psql.available(), "psql is not installed");
        Psql.Result result = Psql.run(server.port(),
                "create table t(a int, b text); insert into t values (1,'x'); select * from t", workDir);
        // psql 15 prints every result of a multi-statement -c, as PostgreSQL 15 itself makes it do
        assertEquals("CREATE TABLE\nINSERT 0 1\na|b\n1|x\n(1 row)\n", result.stdout(), "stderr: " + result.stderr());
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
    }

    @Test
    void psqlReportsASyntaxError() throws Exception {
        Assumptions.assumeTrue(Psql.available(), "psql is not installed");
        Psql.Result result = Psql.run(server.port(), "selec 1", workDir);
        assertTrue(result.stderr().startsWith("ERROR:  syntax error"), "stderr: " + result.stderr());
        assertEquals("", result.stdout());
        assertEquals(1, result.exitCode());
    }
}
