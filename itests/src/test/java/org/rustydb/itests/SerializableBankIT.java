package org.rustydb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/**
 * A randomized bank at SERIALIZABLE: clients move money between accounts and withdraw it, each
 * only while the source customer's pair of accounts covers the amount (a rule over two rows,
 * which snapshot isolation lets write skew break), and audit the pairs, retrying on 40001 and
 * 40P01. Checked: no audit ever saw a pair below zero, and the final balances are exactly the
 * initial ones plus the committed operations (the history), each applied once, so the total
 * changed by the withdrawals alone.
 */
class SerializableBankIT extends AgainstDistributionOrReference {
    private static final int CUSTOMERS = 4;
    private static final int ACCOUNTS = CUSTOMERS * 2;
    private static final int INITIAL = 100;
    private static final int CLIENTS = 6;
    private static final int OPERATIONS_PER_CLIENT = 40;

    @Test
    void serializableTransactionsKeepEveryInvariant() throws Exception {
        try (Connection setup = connect()) {
            Sql.execute(setup, "drop table if exists bank");
            Sql.execute(setup, "create table bank (id int primary key, balance int not null)");
            for (int i = 0; i < ACCOUNTS; i++) {
                Sql.execute(setup, "insert into bank values (" + i + ", " + INITIAL + ")");
            }
        }
        // the history: what committed operations did to each account
        AtomicLongArray applied = new AtomicLongArray(ACCOUNTS);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            long seed = 1000L + c;
            clients.add(pool.submit(() -> {
                Random random = new Random(seed);
                try (Connection connection = connect()) {
                    for (int op = 0; op < OPERATIONS_PER_CLIENT; op++) {
                        int kind = random.nextInt(10);
                        while (!attempt(connection, kind, random, applied, problems)) {
                            retries.incrementAndGet();
                        }
                        committed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> client : clients) {
            client.get(5, TimeUnit.MINUTES);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        try (Connection check = connect()) {
            List<List<String>> rows = Sql.query(check, "select id, balance from bank order by id");
            long total = 0;
            for (List<String> row : rows) {
                int id = Integer.parseInt(row.get(0));
                long balance = Long.parseLong(row.get(1));
                assertEquals(INITIAL + applied.get(id), balance, "account " + id + " against the history");
                total += balance;
            }
            assertEquals((long) INITIAL * ACCOUNTS - withdrawn(applied), total);
        }
        assertEquals(CLIENTS * OPERATIONS_PER_CLIENT, committed.get());
        System.out.printf("SerializableBankIT: %d transactions committed, %d retried after 40001/40P01%n",
                committed.get(), retries.get());
    }

    /** Money that left the bank: the sum of all changes, negated (transfers add up to zero). */
    private static long withdrawn(AtomicLongArray applied) {
        long sum = 0;
        for (int i = 0; i < applied.length(); i++) {
            sum += applied.get(i);
        }
        return -sum;
    }

    /**
     * One transaction: 0-5 a transfer, 6-7 a withdrawal, both checked over the source customer's
     * two accounts, 8-9 an audit. False if it failed with 40001 or 40P01 and must be retried.
     */
    private boolean attempt(Connection connection, int kind, Random random, AtomicLongArray applied,
                            List<String> problems) throws SQLException {
        int[] delta = new int[ACCOUNTS];
        try {
            Sql.execute(connection, "begin isolation level serializable");
            if (kind < 8) {
                // a transfer (or, for 6-7, a withdrawal) only while the source customer's pair covers it
                int from = random.nextInt(ACCOUNTS);
                int pairStart = from - from % 2;
                List<List<String>> pair = Sql.query(connection,
                        "select balance from bank where id = " + pairStart + " or id = " + (pairStart + 1));
                long sum = Long.parseLong(pair.get(0).get(0)) + Long.parseLong(pair.get(1).get(0));
                int amount = 1 + random.nextInt(kind < 6 ? 30 : 60);
                if (sum >= amount) {
                    Sql.execute(connection, "update bank set balance = balance - " + amount + " where id = " + from);
                    delta[from] -= amount;
                    if (kind < 6) {
                        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        Sql.execute(connection, "update bank set balance = balance + " + amount + " where id = " + to);
                        delta[to] += amount;
                    }
                }
            } else {
                checkPairs(connection, problems);
                delta = null;
            }
            Sql.execute(connection, "commit");
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (!"40001".equals(state) && !"40P01".equals(state)) {
                throw e;
            }
            Sql.execute(connection, "rollback");
            return false;
        }
        if (delta != null) {
            for (int i = 0; i < ACCOUNTS; i++) {
                applied.addAndGet(i, delta[i]);
            }
        }
        return true;
    }

    /** No customer's two accounts may add up to less than zero, in any serializable snapshot. */
    private static void checkPairs(Connection connection, List<String> problems) throws SQLException {
        List<List<String>> rows = Sql.query(connection, "select id, balance from bank order by id");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            long sum = Long.parseLong(rows.get(i).get(1)) + Long.parseLong(rows.get(i + 1).get(1));
            if (sum < 0) {
                problems.add("customer " + i / 2 + " is overdrawn: " + sum);
            }
        }
    }
}
