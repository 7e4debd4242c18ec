package org.rustydb.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crash test's load: pgjdbc clients, one connection each, writing as fast as they can and
 * recording in a {@link CrashLedger} what the server acknowledged. Transfer clients move money
 * between accounts in two-statement transactions; insert clients insert acks rows in autocommit
 * statements and in transaction blocks that commit (some after rolling back to a savepoint) or
 * roll back, and delete some of their rows.
 * Every error is a test failure, except write conflicts (40P01, 40001 and 55P03, retried) and
 * anything after {@link #killIssued()}.
 */
final class CrashClients implements AutoCloseable {
    /** A lock could not be had (an engine that does not wait for row locks gives this). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Two transfers waiting for each other's rows: one is chosen to fail. */
    private static final String DEADLOCK_DETECTED = "40P01";
    /** A row changed between the read and the write of an UPDATE: retried like a lock conflict. */
    private static final String SERIALIZATION_FAILURE = "40001";

    private final CrashLedger ledger;
    private final int accounts;
    private final AtomicLong nextId;
    private final ExecutorService threads;
    private final int transferClients;
    private final int insertClients;
    private final AtomicBoolean killIssued = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final List<Future<?>> running = new ArrayList<>();
    /** Per client, what it sent since {@link #start} and what came back, for post-mortems. */
    private final List<List<String>> traces = new ArrayList<>();
    private long cycleStart;

    CrashClients(CrashLedger ledger, int accounts, AtomicLong nextId, int transferClients, int insertClients) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.nextId = nextId;
        this.transferClients = transferClients;
        this.insertClients = insertClients;
        this.threads = Executors.newFixedThreadPool(transferClients + insertClients);
    }

    /** Connects every client to the server on {@code port} and starts the load; returns once all write. */
    void start(int port, long seed) throws InterruptedException {
        killIssued.set(false);
        stopRequested.set(false);
        running.clear();
        traces.clear();
        cycleStart = System.nanoTime();
        CountDownLatch connected = new CountDownLatch(transferClients + insertClients);
        for (int c = 0; c < transferClients + insertClients; c++) {
            boolean transfers = c < transferClients;
            int writer = c;
            Random random = new Random(seed + c);
            List<String> trace = new ArrayList<>();
            traces.add(trace);
            running.add(threads.submit(() -> {
                boolean counted = false;
                try (Connection connection = Sql.connect(port);
                        Traced statement = new Traced(connection.createStatement(), trace)) {
                    connected.countDown();
                    counted = true;
                    while (!stopRequested.get()) {
                        if (transfers) {
                            transfer(statement, random);
                        } else {
                            insertOrDelete(statement, writer, random);
                        }
                    }
                } catch (SQLException e) {
                    if (!killIssued.get()) {
                        throw new AssertionError("client " + writer + " failed before the kill: " + e.getSQLState()
                                + " " + e.getMessage(), e);
                    }
                } finally {
                    if (!counted) {
                        connected.countDown(); // a client that failed to connect must not block the caller
                    }
                }
                return null;
            }));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the clients did not connect within 60 s");
        }
    }

    /** Called just before the server is killed: from now on, errors are expected. */
    void killIssued() {
        killIssued.set(true);
    }

    /** Lets every client finish its current transaction and stop; rethrows a client's failure. */
    void stop() throws Exception {
        stopRequested.set(true);
        awaitStopped();
    }

    /** Waits for every client to see the kill; rethrows a client's failure. */
    void awaitStopped() throws Exception {
        for (Future<?> client : running) {
            try {
                client.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            } catch (TimeoutException e) {
                throw new AssertionError("a client still runs 60 s after the kill", e);
            }
        }
    }

    private void transfer(Traced statement, Random random) throws SQLException {
        int from = 1 + random.nextInt(accounts);
        int to = 1 + (from + random.nextInt(accounts - 1)) % accounts; // any account but from
        CrashLedger.Transfer transfer = new CrashLedger.Transfer(from, to, 1 + random.nextInt(50));
        while (true) {
            statement.run("begin");
            try {
                int updated = statement.run("update accounts set balance = balance - " + transfer.amount()
                        + " where id = " + from);
                updated += statement.run("update accounts set balance = balance + " + transfer.amount()
                        + " where id = " + to);
                if (updated != 2) {
                    throw new AssertionError("transfer " + transfer + " updated " + updated + " rows, not 2");
                }
                break;
            } catch (SQLException e) {
                // a deadlock with another transfer, or a conflict: roll back and retry
                retryAfterConflict(statement, e, true);
            }
        }
        ledger.transferSent(transfer);
        try {
            statement.run("commit");
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                ledger.transferNotCommitted(transfer);
            }
            throw e;
        }
        ledger.transferAcknowledged(transfer);
    }

    private void insertOrDelete(Traced statement, int writer, Random random) throws SQLException {
        int kind = random.nextInt(20);
        try {
            if (kind < 10) {
                long id = nextId.getAndIncrement();
                ledger.insertSent(id, writer);
                autocommit(statement, "insert into acks values (" + id + ", " + writer + ")", List.of(id));
            } else if (kind < 12) {
                long a = nextId.getAndIncrement();
                long b = nextId.getAndIncrement();
                ledger.insertSent(a, writer);
                ledger.insertSent(b, writer);
                autocommit(statement, "insert into acks values (" + a + ", " + writer + "), (" + b + ", " + writer
                        + ")", List.of(a, b));
            } else if (kind < 17) {
                block(statement, writer, 1 + random.nextInt(3), kind < 15);
            } else {
                delete(statement, writer, random);
            }
        } catch (SQLException e) {
            // the ledger already knows that the failed statement's rows did not commit
            retryAfterConflict(statement, e, kind >= 12 && kind < 17);
        }
    }

    /**
     * Rethrows anything but a write conflict (40P01: this transaction was chosen to break a
     * deadlock; 40001: the row changed after this UPDATE read it; 55P03: a lock was not to be had);
     * after one, rolls back the failed transaction block.
     */
    private void retryAfterConflict(Traced statement, SQLException e, boolean inBlock) throws SQLException {
        String state = e.getSQLState();
        boolean conflict = LOCK_NOT_AVAILABLE.equals(state) || SERIALIZATION_FAILURE.equals(state)
                || DEADLOCK_DETECTED.equals(state);
        if (!conflict || killIssued.get()) {
            throw e;
        }
        ledger.conflict();
        if (inBlock) {
            statement.run("rollback");
        }
        try {
            // a random pause, so that two clients conflicting on the same rows do not retry in step
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One autocommit statement inserting {@code ids}: it is its own commit. */
    private void autocommit(Traced statement, String sql, List<Long> ids) throws SQLException {
        try {
            statement.run(sql);
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                ids.forEach(ledger::insertNotCommitted);
            }
            throw e;
        }
        ids.forEach(ledger::insertAcknowledged);
    }

    /** BEGIN, some single-row inserts, then COMMIT or ROLLBACK. */
    private void block(Traced statement, int writer, int rows, boolean commit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        boolean commitSent = false;
        try {
            statement.run("begin");
            for (int i = 0; i < rows; i++) {
                long id = nextId.getAndIncrement();
                ledger.insertSent(id, writer);
                ids.add(id);
                statement.run("insert into acks values (" + id + ", " + writer + ")");
            }
            if (!commit) {
                statement.run("rollback");
                ids.forEach(ledger::insertNotCommitted);
                ledger.rolledBack();
                return;
            }
            if (ThreadLocalRandom.current().nextBoolean()) {
                // a row undone by ROLLBACK TO SAVEPOINT must never show, though its block commits
                long undone = nextId.getAndIncrement();
                statement.run("savepoint s");
                ledger.insertSent(undone, writer);
                statement.run("insert into acks values (" + undone + ", " + writer + ")");
                statement.run("rollback to savepoint s");
                ledger.insertNotCommitted(undone);
            }
            commitSent = true;
            statement.run("commit");
        } catch (SQLException e) {
            if (!commitSent || !connectionLost(e)) {
                ids.forEach(ledger::insertNotCommitted);
            }
            throw e;
        }
        ids.forEach(ledger::insertAcknowledged);
    }

    /** Deletes one of the acks rows this writer inserted in this cycle, if any. */
    private void delete(Traced statement, int writer, Random random) throws SQLException {
        Long id = ledger.committedIdOf(writer, random);
        if (id == null) {
            return;
        }
        ledger.deleteSent(id);
        int deleted;
        try {
            deleted = statement.run("delete from acks where id = " + id);
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                ledger.deleteNotCommitted(id);
            }
            throw e;
        }
        if (deleted != 1) {
            throw new AssertionError("delete of committed acks id " + id + " deleted " + deleted + " rows");
        }
        ledger.deleteAcknowledged(id);
    }

    /**
     * True if the error is the connection dying (the kill), after which the server's outcome is
     * unknown; false if the server answered with an error, after which nothing was committed.
     */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08");
    }

    /**
     * Writes what every client sent in the last cycle and what it got back, one line per
     * statement: start and end in ms since the cycle began, client, SQL, result.
     */
    void writeTrace(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < traces.size(); c++) {
            for (String line : traces.get(c)) {
                lines.add(line.substring(0, 20) + " c" + c + line.substring(20));
            }
        }
        lines.sort(null); // by start time: the lines begin with it, padded
        Files.write(file, lines);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A statement that records each SQL it runs, and its update count or SQLSTATE. */
    private final class Traced implements AutoCloseable {
        private final Statement statement;
        private final List<String> trace;

        Traced(Statement statement, List<String> trace) {
            this.statement = statement;
            this.trace = trace;
        }

        int run(String sql) throws SQLException {
            long start = System.nanoTime();
            try {
                statement.execute(sql);
                int count = statement.getUpdateCount();
                record(start, sql, Integer.toString(count));
                return count;
            } catch (SQLException e) {
                record(start, sql, e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""));
                throw e;
            }
        }

        private void record(long start, String sql, String result) {
            trace.add(String.format(Locale.ROOT, "%9.3f %9.3f", (start - cycleStart) / 1e6,
                    (System.nanoTime() - cycleStart) / 1e6) + " " + sql + " -> " + result);
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }
}
