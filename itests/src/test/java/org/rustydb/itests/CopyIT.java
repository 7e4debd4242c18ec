package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * COPY FROM STDIN and TO STDOUT over real connections: pgjdbc's CopyManager, psql's \copy and
 * pgbench's initialization. The CopyManager tests also run against PostgreSQL
 * ({@code -Ditest.reference.port}), which checks that what they expect is PostgreSQL's.
 */
class CopyIT extends AgainstDistributionOrReference {

    private static CopyManager copy(Connection c) throws Exception {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    @Test
    void aHundredThousandRowsGoInAndComeBackByteForByte() throws Exception {
        try (Connection c = connect()) {
            Sql.execute(c, "drop table if exists copy_big");
            Sql.execute(c, "create table copy_big (id serial primary key, n int not null, t text, "
                    + "price numeric(8,2), at timestamp, ok boolean)");
            StringBuilder in = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= 100_000; i++) {
                String t = i % 10 == 0 ? "\\N" : "row " + i + (i % 7 == 0 ? "\\ttab\\\\slash\\nline" : "");
                in.append(i).append('\t').append(t).append('\t').append(i % 1000).append(".5\t")
                        .append("2024-01-02 03:04:05\t").append(i % 2 == 0 ? "t" : "f").append('\n');
                expected.append(i).append('\t').append(i).append('\t').append(t).append('\t').append(i % 1000)
                        .append(".50\t2024-01-02 03:04:05\t").append(i % 2 == 0 ? "t" : "f").append('\n');
            }
            assertEquals(100_000, copy(c).copyIn("COPY copy_big (n, t, price, at, ok) FROM STDIN",
                    new StringReader(in.toString())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(100_000, copy(c).copyOut("COPY (SELECT * FROM copy_big ORDER BY id) TO STDOUT", out));
            assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
            assertEquals(List.of(List.of("10000", "100001")),
                    Sql.query(c, "select count(*) filter (where t is null), max(id) + 1 from copy_big"));
        }
    }

    @Test
    void csvWithHeaderQuotesAndNulls() throws Exception {
        try (Connection c = connect()) {
            Sql.execute(c, "drop table if exists copy_csv");
            Sql.execute(c, "create table copy_csv (a int, b text, c text)");
            String in = "a,b,c\n1,\"x,y\",\n2,\"say \"\"hi\"\"\",\"\"\n3,\"two\nlines\",plain\n";
            assertEquals(3, copy(c).copyIn("COPY copy_csv FROM STDIN WITH (FORMAT csv, HEADER true)",
                    new StringReader(in)));
            assertEquals(List.of(List.of("1", "x,y", "null"), List.of("2", "say \"hi\"", ""),
                            List.of("3", "two\nlines", "plain")),
                    Sql.query(c, "select a, b, coalesce(c, 'null') from copy_csv order by a"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(c).copyOut("COPY copy_csv TO STDOUT WITH CSV HEADER", out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("a,b,c\n"), text);
            assertTrue(text.contains("1,\"x,y\",\n") && text.contains("2,\"say \"\"hi\"\"\",\"\"\n")
                    && text.contains("3,\"two\nlines\",plain\n"), text);
        }
    }

    @Test
    void aBadValueFailsTheWholeCopyWithItsLineAndColumn() throws Exception {
        try (Connection c = connect()) {
            Sql.execute(c, "drop table if exists copy_bad");
            Sql.execute(c, "create table copy_bad (a int primary key, b int)");
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy(c).copyIn("COPY copy_bad FROM STDIN", new StringReader("1\t1\n2\t2\n3\tx\n4\t4\n")));
            assertEquals("22P02", e.getSQLState());
            assertEquals("COPY copy_bad, line 3, column b: \"x\"", e.getServerErrorMessage().getWhere());
            PSQLException duplicate = assertThrows(PSQLException.class,
                    () -> copy(c).copyIn("COPY copy_bad FROM STDIN", new StringReader("1\t1\n1\t2\n")));
            assertEquals("23505", duplicate.getSQLState());
            assertEquals("COPY copy_bad, line 2", duplicate.getServerErrorMessage().getWhere());
            // rows are stored a batch at a time; a duplicate far past the first batch still names its own line
            StringBuilder many = new StringBuilder();
            for (int i = 1; i <= 1500; i++) {
                many.append(i).append("\t").append(i).append('\n');
            }
            many.append("700\t0\n1501\t1\n");
            PSQLException late = assertThrows(PSQLException.class,
                    () -> copy(c).copyIn("COPY copy_bad FROM STDIN", new StringReader(many.toString())));
            assertEquals("23505", late.getSQLState());
            assertEquals("COPY copy_bad, line 1501", late.getServerErrorMessage().getWhere());
            PSQLException missing = assertThrows(PSQLException.class,
                    () -> copy(c).copyIn("COPY copy_bad FROM STDIN", new StringReader("1\n")));
            assertEquals("22P04", missing.getSQLState());
            assertEquals("missing data for column \"b\"", missing.getServerErrorMessage().getMessage());
            assertEquals(List.of(List.of("0")), Sql.query(c, "select count(*) from copy_bad"));
        }
    }

    @Test
    void copyInsideATransactionBlockRollsBackWithIt() throws Exception {
        try (Connection c = connect()) {
            Sql.execute(c, "drop table if exists copy_block");
            Sql.execute(c, "create table copy_block (a int)");
            c.setAutoCommit(false);
            assertEquals(2, copy(c).copyIn("COPY copy_block FROM STDIN", new StringReader("1\n2\n")));
            assertEquals(List.of(List.of("2")), Sql.query(c, "select count(*) from copy_block"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(List.of(List.of("0")), Sql.query(c, "select count(*) from copy_block"));
        }
    }

    @Test
    void psqlCopiesBothWays() throws Exception {
        assumeTrue(distribution() != null && Psql.available(), "psql against the distribution");
        Path dir = Files.createTempDirectory(root, "psql");
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "1\tone\n2\t\\N\n3\tthree\\twith tab\n");
        Psql.Result created = Psql.run(distribution().port(), "create table copy_psql (a int, b text)", dir);
        assertEquals(0, created.exitCode(), created.stderr());
        Psql.Result loaded = Psql.run(distribution().port(), "\\copy copy_psql from '" + in + "'", dir);
        assertEquals(0, loaded.exitCode(), loaded.stderr());
        assertEquals("COPY 3", loaded.stdout().strip());
        Path out = dir.resolve("out.csv");
        Psql.Result dumped = Psql.run(distribution().port(),
                "\\copy (select * from copy_psql order by a) to '" + out + "' with csv", dir);
        assertEquals(0, dumped.exitCode(), dumped.stderr());
        assertEquals("1,one\n2,\n3,three\twith tab\n", Files.readString(out));
    }

    @Test
    void pgbenchInitializesItsTables() throws Exception {
        assumeTrue(distribution() != null && onPath("pgbench"), "pgbench against the distribution");
        ProcessBuilder builder = new ProcessBuilder(List.of("pgbench", "-i", "-s", "1", "-h", "127.0.0.1", "-p",
                Integer.toString(distribution().port()), "-U", "rustydb", "rustydb"));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG"));
        env.put("PGPASSWORD", Distribution.password());
        Path log = Files.createTempFile(root, "pgbench", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pgbench -i finished within 120 s");
        assertEquals(0, process.exitValue(), Files.readString(log));
        try (Connection c = connect()) {
            assertEquals(List.of(List.of("100000", "1", "10", "0")), Sql.query(c,
                    "select (select count(*) from pgbench_accounts), (select count(*) from pgbench_branches), "
                            + "(select count(*) from pgbench_tellers), (select count(*) from pgbench_history)"));
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
