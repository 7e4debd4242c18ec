package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * pgbench's TPC-B: {@code pgbench -i}'s tables and row counts at a scale factor (accounts loaded
 * in batches, primary keys added afterwards), then clients running pgbench's built-in transaction
 * at the target's default isolation. At the end the balances must agree: branches, tellers and
 * accounts each moved by the sum of the history's new deltas, which is also the sum of the deltas
 * the clients committed, in as many history rows as committed transactions.
 */
public final class TpcbWorkload implements Workload {
    static final int TELLERS_PER_BRANCH = 10;
    static final int ACCOUNTS_PER_BRANCH = 100_000;
    private static final List<String> TABLES =
            List.of("pgbench_branches", "pgbench_tellers", "pgbench_accounts", "pgbench_history");

    private final int accountsPerBranch;

    public TpcbWorkload() {
        this(ACCOUNTS_PER_BRANCH);
    }

    /** With fewer accounts per branch, for tests. */
    TpcbWorkload(int accountsPerBranch) {
        this.accountsPerBranch = accountsPerBranch;
    }

    @Override
    public String name() {
        return "tpcb";
    }

    @Override
    public List<PhaseResult> run(Target target, Options o, PrintStream out) throws SQLException, InterruptedException {
        List<PhaseResult> results = new ArrayList<>();
        results.add(init(target, o, out));
        Totals before;
        try (Connection c = target.connect()) {
            before = Totals.read(c);
        }
        Meter meter = new Meter("tx");
        AtomicLong committed = new AtomicLong();
        AtomicLong committedDelta = new AtomicLong();
        int branches = o.scale;
        TimedRun.Outcome outcome = TimedRun.run(target.name() + " tpcb", o.clients,
                i -> new TpcbClient(target, new SplittableRandom(o.seed + i), branches, accountsPerBranch,
                        o.maxTries, meter, committed, committedDelta),
                List.of(meter), o.warmup, o.duration, o.progress, out);
        Totals after;
        try (Connection c = target.connect()) {
            after = Totals.read(c);
        }
        String check = check(before, after, committed.get(), committedDelta.get());
        Histogram latencies = meter.total();
        results.add(PhaseResult.of(target.name(), name(), "transaction", "tx", latencies, latencies.getTotalCount(),
                meter.failed(), meter.retried(), outcome.seconds(), check));
        if (!meter.reasons().isEmpty()) {
            out.println(target.name() + " tpcb: failed transactions: " + String.join("; ", meter.reasons()));
        }
        return results;
    }

    private PhaseResult init(Target target, Options o, PrintStream out) throws SQLException {
        long accounts = (long) accountsPerBranch * o.scale;
        out.printf("%s tpcb: creating the tables at scale %d (%d accounts)%n", target.name(), o.scale, accounts);
        long start = System.nanoTime();
        Histogram batches;
        try (Connection c = target.connect()) {
            c.setAutoCommit(true);
            for (String table : TABLES) {
                Loader.execute(c, "DROP TABLE IF EXISTS " + table);
            }
            Loader.execute(c,
                    "CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp,"
                            + " filler char(22))",
                    "CREATE TABLE pgbench_tellers (tid int not null, bid int, tbalance int, filler char(84))",
                    "CREATE TABLE pgbench_accounts (aid int not null, bid int, abalance int, filler char(84))",
                    "CREATE TABLE pgbench_branches (bid int not null, bbalance int, filler char(88))");
            Loader.load(c, "INSERT INTO pgbench_branches (bid, bbalance) VALUES (?, 0)", o.scale, o.batch,
                    (insert, n) -> insert.setInt(1, (int) n));
            Loader.load(c, "INSERT INTO pgbench_tellers (tid, bid, tbalance) VALUES (?, ?, 0)",
                    (long) TELLERS_PER_BRANCH * o.scale, o.batch, (insert, n) -> {
                        insert.setInt(1, (int) n);
                        insert.setInt(2, (int) ((n - 1) / TELLERS_PER_BRANCH + 1));
                    });
            batches = Loader.load(c, "INSERT INTO pgbench_accounts (aid, bid, abalance, filler) VALUES (?, ?, 0, '')",
                    accounts, o.batch, (insert, n) -> {
                        insert.setInt(1, (int) n);
                        insert.setInt(2, (int) ((n - 1) / accountsPerBranch + 1));
                    }, target.name() + " tpcb: pgbench_accounts", o.progress, out);
            Loader.execute(c,
                    "ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)",
                    "ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)",
                    "ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
            for (String sql : target.dialect().afterLoad(TABLES)) {
                Loader.execute(c, sql);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = o.scale + (long) TELLERS_PER_BRANCH * o.scale + accounts;
        out.printf("%s tpcb: loaded %d rows in %.1f s%n", target.name(), rows, seconds);
        return PhaseResult.of(target.name(), name(), "init", "row", batches, rows, 0, 0, seconds, "");
    }

    static String check(Totals before, Totals after, long committed, long committedDelta) {
        long branches = after.branches - before.branches;
        long tellers = after.tellers - before.tellers;
        long accounts = after.accounts - before.accounts;
        long history = after.historyDelta - before.historyDelta;
        long historyRows = after.historyRows - before.historyRows;
        if (branches != tellers || tellers != accounts || accounts != history || history != committedDelta
                || historyRows != committed) {
            return String.format("%sbalances moved by branches %d, tellers %d, accounts %d, history %d (%d rows);"
                    + " the clients committed %d transactions moving %d", FAILED, branches, tellers, accounts, history,
                    historyRows, committed, committedDelta);
        }
        return "balances hold (" + committed + " tx)";
    }

    /** The sums the invariant compares. */
    record Totals(long branches, long tellers, long accounts, long historyDelta, long historyRows) {
        static Totals read(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches),"
                            + " (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers),"
                            + " (SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts),"
                            + " (SELECT coalesce(sum(delta), 0) FROM pgbench_history),"
                            + " (SELECT count(*) FROM pgbench_history)")) {
                r.next();
                return new Totals(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5));
            }
        }
    }

    /** One pgbench client: the five statements prepared once, one transaction per step. */
    private static final class TpcbClient implements TimedRun.Client {
        private final Connection connection;
        private final Dialect dialect;
        private final SplittableRandom random;
        private final int branches;
        private final int accountsPerBranch;
        private final int maxTries;
        private final Meter meter;
        private final AtomicLong committed;
        private final AtomicLong committedDelta;
        private final PreparedStatement updateAccount;
        private final PreparedStatement selectAccount;
        private final PreparedStatement updateTeller;
        private final PreparedStatement updateBranch;
        private final PreparedStatement insertHistory;

        TpcbClient(Target target, SplittableRandom random, int branches, int accountsPerBranch, int maxTries,
                Meter meter, AtomicLong committed, AtomicLong committedDelta) throws SQLException {
            this.connection = target.connect();
            this.dialect = target.dialect();
            this.random = random;
            this.branches = branches;
            this.accountsPerBranch = accountsPerBranch;
            this.maxTries = maxTries;
            this.meter = meter;
            this.committed = committed;
            this.committedDelta = committedDelta;
            try {
                connection.setAutoCommit(false);
                updateAccount = connection.prepareStatement(
                        "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
                selectAccount = connection.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
                updateTeller = connection.prepareStatement(
                        "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
                updateBranch = connection.prepareStatement(
                        "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
                insertHistory = connection.prepareStatement(
                        "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime)"
                                + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public void step() throws SQLException {
            // pgbench's choice: any account, teller and branch, each uniformly
            int aid = random.nextInt(accountsPerBranch * branches) + 1;
            int bid = random.nextInt(branches) + 1;
            int tid = random.nextInt(TELLERS_PER_BRANCH * branches) + 1;
            int delta = random.nextInt(-5000, 5001);
            boolean ok = Transactions.run(connection, dialect, meter, maxTries, c -> {
                update(updateAccount, delta, aid, "account");
                selectAccount.setInt(1, aid);
                try (ResultSet r = selectAccount.executeQuery()) {
                    if (!r.next()) {
                        throw new Transactions.WrongResult("account " + aid + " not found");
                    }
                }
                update(updateTeller, delta, tid, "teller");
                update(updateBranch, delta, bid, "branch");
                insertHistory.setInt(1, tid);
                insertHistory.setInt(2, bid);
                insertHistory.setInt(3, aid);
                insertHistory.setInt(4, delta);
                if (insertHistory.executeUpdate() != 1) {
                    throw new Transactions.WrongResult("the history insert did not insert one row");
                }
            });
            if (ok) {
                committed.incrementAndGet();
                committedDelta.addAndGet(delta);
            }
        }

        private static void update(PreparedStatement update, int delta, int id, String what) throws SQLException {
            update.setInt(1, delta);
            update.setInt(2, id);
            int count = update.executeUpdate();
            if (count != 1) {
                throw new Transactions.WrongResult("the " + what + " update of " + id + " changed " + count + " rows");
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
