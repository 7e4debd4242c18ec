package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The bench tool against the server: its command line (the bench bundle's jar with pgjdbc, as
 * scripts/bench.sh runs it) over the wire, a short TPC-B whose balances must hold and a YCSB-A
 * mix, with no failed transaction; and rustydb:bench in the shell of the distribution, which
 * runs against the data source registered as the server's local one.
 */
class BenchIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LOCAL = "(rustydb.datasource=local)";

    @TempDir
    static Path root;

    @Test
    void tpcbAndYcsbOverTheWireWithoutFailures() throws Exception {
        Path work = Distribution.workDir("bench");
        try (ServerProcess server = ServerProcess.start(work)) {
            server.awaitReady(TIMEOUT);
            Path csv = work.resolve("bench.csv");
            Path svg = work.resolve("bench.svg");
            Path output = work.resolve("bench.out");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
                    "org.rustydb.bench.internal.Main",
                    "--url", "rustydb=jdbc:postgresql://127.0.0.1:" + server.port() + "/rustydb?sslmode=disable",
                    "--user", "rustydb", "--password", Distribution.password(),
                    "--workload", "tpcb,ycsb-a", "--scale", "1", "--records", "5000", "--clients", "4",
                    "--duration", "4", "--warmup", "1", "--progress", "2",
                    "--csv", csv.toString(), "--svg", svg.toString()));
            Process bench = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!bench.waitFor(3, TimeUnit.MINUTES)) {
                bench.destroyForcibly();
                throw new AssertionError("the bench did not end in 3 minutes:\n" + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, bench.exitValue(), printed);
            assertTrue(printed.contains("rustydb tpcb: ") && printed.contains("/s p99"), "progress lines:\n" + printed);

            Map<String, Map<String, String>> rows = csv(csv);
            assertEquals(List.of("rustydb/tpcb/init", "rustydb/tpcb/transaction", "rustydb/ycsb-a/load",
                    "rustydb/ycsb-a/read", "rustydb/ycsb-a/update", "rustydb/ycsb-a/all"), List.copyOf(rows.keySet()));
            assertEquals("100011", rows.get("rustydb/tpcb/init").get("operations"));
            Map<String, String> tx = rows.get("rustydb/tpcb/transaction");
            assertTrue(Long.parseLong(tx.get("operations")) > 0, tx.toString());
            assertEquals("0", tx.get("failed"), printed);
            assertTrue(tx.get("check").startsWith("balances hold"), tx.toString());
            for (String phase : List.of("read", "update")) {
                Map<String, String> row = rows.get("rustydb/ycsb-a/" + phase);
                assertTrue(Long.parseLong(row.get("operations")) > 0, row.toString());
                assertEquals("0", row.get("failed"), printed);
            }
            assertTrue(Files.readString(svg).startsWith("<svg "));
        }
    }

    @Test
    void theShellCommandNeedsTheLocalDataSourceAndRunsAgainstIt() throws Exception {
        try (EmbeddedRustyDb db = EmbeddedRustyDb.start(root)) {
            db.awaitPort(TIMEOUT);
            Sql.awaitReady(db.port(), TIMEOUT);
            String command = "rustydb:bench ycsb-c --records 200 --duration 1 --warmup 0 --clients 2";
            // the server's own local data source (the client bundle) serves the command
            String text = String.join("\n", Poll.until(TIMEOUT, "rustydb:bench against the local data source",
                    () -> finished(gogo(db, command))));
            assertTrue(text.contains("rustydb-local  ycsb-c    read"), text);
            // with the client bundle stopped there is none, and the command says so; started again, it runs
            Bundle client = java.util.Arrays.stream(db.context().getBundles())
                    .filter(b -> "org.rustydb.client".equals(b.getSymbolicName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no client bundle in the distribution"));
            client.stop();
            try {
                assertEquals(null, db.context().getServiceReferences(DataSource.class.getName(), LOCAL));
                text = String.join("\n", gogo(db, command));
                assertTrue(text.contains("57P03") && text.contains("no local data source is available"), text);
            } finally {
                client.start();
            }
            text = String.join("\n", Poll.until(TIMEOUT, "rustydb:bench after the client bundle restarted",
                    () -> finished(gogo(db, command))));
            assertTrue(text.contains("bench: done"), text);
        }
    }

    /** The command's lines once it ran to the end, else null (to poll again). */
    private static List<String> finished(List<String> lines) {
        return lines != null && String.join("\n", lines).contains("bench: done") ? lines : null;
    }

    /** The command's lines, or null while Gogo does not know the command yet. */
    private static List<String> gogo(EmbeddedRustyDb db, String command) {
        try {
            return Gogo.run(db.context(), command).lines();
        } catch (Exception notYetPublished) {
            return null;
        }
    }

    /** The bench jar of the distribution and pgjdbc, the class path scripts/bench.sh builds. */
    private static String classPath() throws Exception {
        Path bench = Distribution.bundleJars().stream()
                .filter(p -> p.getFileName().toString().startsWith("org.rustydb.bench-"))
                .findFirst().orElseThrow(() -> new AssertionError("no bench bundle in the distribution"));
        Path pgjdbc = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return bench + java.io.File.pathSeparator + pgjdbc;
    }

    /** The CSV's rows by target/workload/phase, each as a map of column to value (no quoted commas here). */
    private static Map<String, Map<String, String>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i].replace("\"", ""));
            }
            rows.put(row.get("target") + "/" + row.get("workload") + "/" + row.get("phase"), row);
        }
        return rows;
    }
}
