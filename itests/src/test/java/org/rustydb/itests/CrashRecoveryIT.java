package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Kills bin/rustydb with SIGKILL while clients write, restarts it on the same data directory and
 * checks that recovery kept exactly what was acknowledged (see {@link CrashLedger}), over many
 * cycles on one directory, so that each recovery starts from a recovered state.
 *
 * <p>System properties: {@code crash.cycles} (default 20; scripts/crash-test.sh runs 500),
 * {@code crash.seed} (default: the clock; printed, to replay a run's choices), and
 * {@code crash.minLoadMillis}/{@code crash.maxLoadMillis}, the range of the load's duration before
 * each kill (default 200-1000 ms), {@code crash.checkpointBytes}, the storage engine's
 * checkpointBytes (default 32 KiB, to checkpoint every cycle or so), and
 * {@code crash.startupKillPercent}, how often the restart itself is killed at a random moment
 * before the server is ready (default 20).
 */
class CrashRecoveryIT {
    private static final int ACCOUNTS = 20;
    private static final long INITIAL_BALANCE = 1000;
    private static final int TRANSFER_CLIENTS = 2;
    private static final int INSERT_CLIENTS = 2;
    /** The least work a cycle must acknowledge, so that a kill never hits an idle server only. */
    private static final int MIN_COMMITS_PER_CYCLE = 10;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int cycles = Integer.getInteger("crash.cycles", 20);
    private final long seed = Long.getLong("crash.seed", System.currentTimeMillis());
    private final long minLoad = Long.getLong("crash.minLoadMillis", 200);
    private final long maxLoad = Long.getLong("crash.maxLoadMillis", 1000);
    private final long checkpointBytes = Long.getLong("crash.checkpointBytes", 32 * 1024);
    private final int startupKillPercent = Integer.getInteger("crash.startupKillPercent", 20);
    private final Random random = new Random(seed);
    private final AtomicLong nextId = new AtomicLong(1);
    private CrashLedger ledger;
    private Path workDir;
    private Path home;
    private Path data;
    private ServerProcess server;
    private long lastRestartMillis = 2000;
    /** What the test is doing, for failure messages. */
    private String phase = "setting up";

    @RegisterExtension
    final TestWatcher printServerOutput = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (server != null) {
                System.err.println("bin/rustydb output (" + workDir + "):\n" + server.output());
            }
        }
    };

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedServerKeepsExactlyTheAcknowledgedCommits() throws Exception {
        workDir = Distribution.workDir("crash");
        data = workDir.resolve("data");
        System.out.printf("CrashRecoveryIT: %d cycles, seed %d (-Dcrash.seed=%d replays the choices),"
                + " checkpointBytes=%d, in %s%n", cycles, seed, seed, checkpointBytes, workDir);
        long began = System.nanoTime();

        // an installation of its own whose storage engine checkpoints often, so that kills also
        // hit checkpoints and recoveries start from checkpoints as well as from long logs, and
        // vacuums every second whatever has a few dead rows, so that kills hit vacuums too
        home = Distribution.copyInstallation(workDir.resolve("home"));
        Files.writeString(home.resolve("etc/org.rustydb.storage.paged.cfg"),
                "dataDirectory=${rustydb.data.dir}/db\nfsync=true\nbufferPoolMegabytes=16\ncheckpointBytes="
                        + checkpointBytes + "\nautovacuumNaptimeSeconds=1\nautovacuumVacuumThreshold=5\n"
                        + "autovacuumVacuumScaleFactor=0\n");
        server = ServerProcess.start(home, workDir.resolve("cycle-000"), data);
        server.awaitReady(START_TIMEOUT);
        long[] initial = new long[ACCOUNTS];
        Arrays.fill(initial, INITIAL_BALANCE);
        ledger = new CrashLedger(initial);
        createTables();

        try (CrashClients clients = new CrashClients(ledger, ACCOUNTS, nextId, TRANSFER_CLIENTS, INSERT_CLIENTS)) {
            loadWithoutKill(clients);
            for (int cycle = 1; cycle <= cycles; cycle++) {
                try {
                    crashCycle(clients, cycle);
                } catch (Exception | AssertionError e) {
                    Path trace = workDir.resolve("client-trace.txt");
                    clients.writeTrace(trace);
                    System.err.println("CrashRecoveryIT: what the clients sent in cycle " + cycle + ": " + trace);
                    throw e;
                }
            }
        }
        System.out.printf("CrashRecoveryIT: %d cycles in %.1f s%n", cycles, (System.nanoTime() - began) / 1e9);
    }

    /**
     * The load without a kill, checked on the live server: a mismatch here is no recovery
     * problem, and a pass shows that the ledger's bookkeeping is right.
     */
    private void loadWithoutKill(CrashClients clients) throws Exception {
        phase = "cycle 0 (no kill)";
        clients.start(server.port(), random.nextLong());
        Thread.sleep(maxLoad);
        clients.stop();
        CrashLedger.Counts counts = ledger.takeCounts();
        List<String> problems = new ArrayList<>();
        CrashLedger.InFlight inFlight;
        try (Connection connection = Sql.connect(server.port())) {
            inFlight = ledger.check(readAcks(connection), readAccounts(connection), problems);
        }
        System.out.printf("cycle 0: %d ms of load without a kill: acked %s%n", maxLoad, describe(counts));
        assertTrue(problems.isEmpty(), "the live server (no kill yet) does not hold what it acknowledged:\n  "
                + String.join("\n  ", problems));
        assertEquals(0, inFlight.writes(), "writes in flight after the clients stopped");
    }

    /** Load, SIGKILL, restart (sometimes killed while starting, too), then compare with the ledger. */
    private void crashCycle(CrashClients clients, int cycle) throws Exception {
        phase = "cycle " + cycle + " (crash image in " + workDir.resolve("crash-image") + ", seed " + seed + ")";
        clients.start(server.port(), random.nextLong());
        long load = minLoad + (long) (random.nextDouble() * (maxLoad - minLoad));
        Thread.sleep(load);
        // on a slow or loaded machine the random time may not be enough: kill only once the cycle
        // has real work acknowledged, so that every kill lands in the middle of a busy server
        Poll.until(Duration.ofSeconds(60), "enough acknowledged work before the kill", () -> {
            CrashLedger.Counts sofar = ledger.peekCounts();
            return sofar.commits() >= MIN_COMMITS_PER_CYCLE && sofar.transfers() > 0 && sofar.insertedRows() > 0;
        });
        clients.killIssued();
        int exit = server.sigkill(Duration.ofSeconds(30));
        long checkpoints = checkpointLines(server.output());
        assertEquals(137, exit, "bin/rustydb's exit code after SIGKILL (128 + 9)");
        clients.awaitStopped();
        CrashLedger.Counts counts = ledger.takeCounts();
        copyCrashImage();

        String startupKill = "";
        if (random.nextInt(100) < startupKillPercent) {
            // a kill at any moment of the start: framework boot, recovery, or just after
            long after = (long) (random.nextDouble() * lastRestartMillis);
            server = ServerProcess.start(home, workDir.resolve(String.format("cycle-%03d-killed", cycle)), data);
            Thread.sleep(after);
            server.kill(); // bin/rustydb may not have exec'd java yet
            startupKill = String.format("; the restart killed after %d ms", after);
        }
        long restart = System.nanoTime();
        server = ServerProcess.start(home, workDir.resolve(String.format("cycle-%03d", cycle)), data);
        server.awaitReady(START_TIMEOUT);
        lastRestartMillis = (System.nanoTime() - restart) / 1_000_000;

        List<String> problems = new ArrayList<>();
        Map<Long, List<Integer>> acks;
        CrashLedger.InFlight inFlight;
        try (Connection connection = Sql.connect(server.port())) {
            acks = readAcks(connection);
            inFlight = ledger.check(acks, readAccounts(connection), problems);
            // every index agrees with its table (rustydb:check, callable from SQL too)
            try {
                Sql.query(connection, "select rustydb_check()");
            } catch (SQLException e) {
                problems.add("rustydb_check(): " + e.getSQLState() + " " + e.getMessage());
            }
        }
        String summary = String.format("cycle %d/%d: %d ms of load, acked %s; %d writes in flight at the kill, %d of"
                + " them committed; %d checkpoint log lines%s; %d acks rows recovered; restart to ready %.2f s (%s)",
                cycle, cycles, load, describe(counts), inFlight.writes(), inFlight.committed(), checkpoints,
                startupKill, acks.size(), lastRestartMillis / 1000.0,
                recoveryLine(server.output()).replace(data.toString(), "<data>"));
        System.out.println(summary);
        assertTrue(problems.isEmpty(), "recovery is wrong in " + phase + ":\n  " + String.join("\n  ", problems)
                + "\n" + summary);
        assertTrue(counts.commits() >= MIN_COMMITS_PER_CYCLE && counts.transfers() > 0 && counts.insertedRows() > 0,
                "too little work before the kill: " + summary);
        acceptsNewWrites();
        ledger.takeCounts(); // the next cycle counts its load only
    }

    private static String describe(CrashLedger.Counts counts) {
        return String.format("%d commits (%d rows inserted, %d transfers, %d deletes; %d rollbacks, %d conflicts"
                + " retried)", counts.commits(), counts.insertedRows(), counts.transfers(), counts.deletes(),
                counts.rollbacks(), counts.conflicts());
    }

    private void createTables() throws Exception {
        try (Connection connection = Sql.connect(server.port())) {
            Sql.execute(connection, "create table accounts(id int primary key, balance bigint not null)");
            StringBuilder insert = new StringBuilder("insert into accounts values ");
            for (int id = 1; id <= ACCOUNTS; id++) {
                insert.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(INITIAL_BALANCE)
                        .append(')');
            }
            Sql.execute(connection, insert.toString());
            Sql.execute(connection, "create table acks(id bigint primary key, writer int)");
        }
    }

    /** What the storage engine logged about its recovery, for the summary line (not checked). */
    private static String recoveryLine(String output) {
        return output.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).contains("recover"))
                .map(line -> line.contains(" - ") ? line.substring(line.indexOf(" - ") + 3) : line)
                .findFirst()
                .orElse("no recovery line in the server output");
    }

    /** How many lines of the output mention a checkpoint, for the summary line (not checked). */
    private static long checkpointLines(String output) {
        return output.lines().filter(line -> line.toLowerCase(Locale.ROOT).contains("checkpoint")).count();
    }

    /** After a recovery the server takes writes: one insert and one transfer, both read back. */
    private void acceptsNewWrites() throws Exception {
        try (Connection connection = Sql.connect(server.port())) {
            long id = nextId.getAndIncrement();
            ledger.insertSent(id, -1);
            Sql.execute(connection, "insert into acks values (" + id + ", -1)");
            ledger.insertAcknowledged(id);
            assertEquals(List.of(List.of("-1")), Sql.query(connection, "select writer from acks where id = " + id));

            CrashLedger.Transfer transfer = new CrashLedger.Transfer(1, 2, 1);
            List<List<String>> before = Sql.query(connection, "select balance from accounts where id = 2");
            ledger.transferSent(transfer);
            Sql.execute(connection, "begin");
            Sql.execute(connection, "update accounts set balance = balance - 1 where id = 1");
            Sql.execute(connection, "update accounts set balance = balance + 1 where id = 2");
            Sql.execute(connection, "commit");
            ledger.transferAcknowledged(transfer);
            long expected = Long.parseLong(before.get(0).get(0)) + 1;
            assertEquals(List.of(List.of(Long.toString(expected))),
                    Sql.query(connection, "select balance from accounts where id = 2"));
        }
    }

    /** acks id to the writers of the rows with that id (no aggregates in the SQL engine yet). */
    private Map<Long, List<Integer>> readAcks(Connection connection) throws Exception {
        Map<Long, List<Integer>> acks = new HashMap<>();
        for (List<String> row : committedTable(connection, "select id, writer from acks")) {
            acks.computeIfAbsent(Long.parseLong(row.get(0)), id -> new ArrayList<>()).add(Integer.parseInt(row.get(1)));
        }
        return acks;
    }

    private Map<Integer, Long> readAccounts(Connection connection) throws Exception {
        Map<Integer, Long> accounts = new HashMap<>();
        List<List<String>> rows = committedTable(connection, "select id, balance from accounts");
        for (List<String> row : rows) {
            if (accounts.put(Integer.parseInt(row.get(0)), Long.parseLong(row.get(1))) != null) {
                throw new AssertionError("account " + row.get(0) + " appears twice in " + phase + ": " + rows);
            }
        }
        return accounts;
    }

    private List<List<String>> committedTable(Connection connection, String select) throws SQLException {
        try {
            return Sql.query(connection, select);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new AssertionError("a committed table is gone in " + phase + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Keeps a copy of the data directory as the kill left it (without the bundle cache), so that a
     * failed recovery can be replayed: the restarted server may change the directory.
     */
    private void copyCrashImage() throws IOException {
        Path image = workDir.resolve("crash-image");
        if (Files.exists(image)) {
            try (Stream<Path> old = Files.walk(image)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path source : files.toList()) {
                Path relative = data.relativize(source);
                if (relative.startsWith("felix-cache")) {
                    continue;
                }
                Path target = image.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
