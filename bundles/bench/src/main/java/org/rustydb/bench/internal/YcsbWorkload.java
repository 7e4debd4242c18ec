package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;

/**
 * YCSB's core workloads A (50% reads, 50% updates), B (95/5) and C (reads only) over JDBC, as
 * YCSB's JDBC binding runs them: a table of a varchar key and ten 100-character fields, keys
 * {@code "user" + hash(n)} for n in [0, records), a read fetches a whole record, an update sets
 * one random field, each in its own autocommitted statement; keys are chosen by a scrambled
 * zipfian distribution. The table is loaded once per target and reused by later mixes.
 */
public final class YcsbWorkload implements Workload {
    static final int FIELDS = 10;
    static final int FIELD_LENGTH = 100;

    private final char mix;
    private final double readShare;

    public YcsbWorkload(char mix) {
        this.mix = mix;
        this.readShare = switch (mix) {
            case 'a' -> 0.5;
            case 'b' -> 0.95;
            case 'c' -> 1.0;
            default -> throw new IllegalArgumentException("no YCSB workload " + mix);
        };
    }

    @Override
    public String name() {
        return "ycsb-" + mix;
    }

    static String key(long n) {
        return "user" + ScrambledZipfianGenerator.fnvHash64(n);
    }

    /** Whether the table holds exactly {@code records} rows, as a load of that size left it. */
    static boolean loaded(Target target, long records) throws SQLException {
        try (Connection c = target.connect();
                ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            boolean exists = false;
            while (r.next()) {
                exists |= r.getString("TABLE_NAME").equalsIgnoreCase("usertable");
            }
            if (!exists) {
                return false;
            }
            try (var s = c.createStatement(); ResultSet count = s.executeQuery("SELECT count(*) FROM usertable")) {
                count.next();
                return count.getLong(1) == records;
            }
        }
    }

    @Override
    public List<PhaseResult> run(Target target, Options o, PrintStream out) throws SQLException, InterruptedException {
        List<PhaseResult> results = new ArrayList<>();
        results.add(load(target, o, out));
        Meter reads = new Meter("read");
        Meter updates = new Meter("update");
        TimedRun.Outcome outcome = TimedRun.run(target.name() + " " + name(), o.clients,
                i -> new YcsbClient(target, new SplittableRandom(o.seed + 31L * i), o, readShare, reads, updates),
                readShare < 1 ? List.of(reads, updates) : List.of(reads), o.warmup, o.duration, o.progress, out);
        Histogram all = new Histogram(3);
        for (Meter meter : readShare < 1 ? List.of(reads, updates) : List.of(reads)) {
            Histogram h = meter.total();
            all.add(h);
            results.add(PhaseResult.of(target.name(), name(), meter.name(), "op", h, h.getTotalCount(),
                    meter.failed(), meter.retried(), outcome.seconds(), ""));
            if (!meter.reasons().isEmpty()) {
                out.println(target.name() + " " + name() + ": failed " + meter.name() + "s: "
                        + String.join("; ", meter.reasons()));
            }
        }
        results.add(PhaseResult.of(target.name(), name(), "all", "op", all, all.getTotalCount(),
                reads.failed() + updates.failed(), reads.retried() + updates.retried(), outcome.seconds(), ""));
        return results;
    }

    private PhaseResult load(Target target, Options o, PrintStream out) throws SQLException {
        if (loaded(target, o.records)) {
            out.printf("%s %s: usertable already holds %d records%n", target.name(), name(), o.records);
            return PhaseResult.of(target.name(), name(), "load", "row", new Histogram(3), 0, 0, 0, 0,
                    "reused the loaded table");
        }
        out.printf("%s %s: loading %d records%n", target.name(), name(), o.records);
        long start = System.nanoTime();
        Histogram batches;
        StringBuilder columns = new StringBuilder("ycsb_key varchar(64) primary key");
        StringBuilder insert = new StringBuilder("INSERT INTO usertable VALUES (?");
        for (int f = 0; f < FIELDS; f++) {
            columns.append(", field").append(f).append(" varchar(").append(FIELD_LENGTH).append(')');
            insert.append(", ?");
        }
        insert.append(')');
        SplittableRandom random = new SplittableRandom(o.seed);
        try (Connection c = target.connect()) {
            c.setAutoCommit(true);
            Loader.execute(c, "DROP TABLE IF EXISTS usertable", "CREATE TABLE usertable (" + columns + ")");
            batches = Loader.load(c, insert.toString(), o.records, o.batch, (ps, n) -> {
                ps.setString(1, key(n - 1));
                for (int f = 0; f < FIELDS; f++) {
                    ps.setString(f + 2, value(random));
                }
            }, target.name() + " " + name() + ": usertable", o.progress, out);
            for (String sql : target.dialect().afterLoad(List.of("usertable"))) {
                Loader.execute(c, sql);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%s %s: loaded %d records in %.1f s%n", target.name(), name(), o.records, seconds);
        return PhaseResult.of(target.name(), name(), "load", "row", batches, o.records, 0, 0, seconds, "");
    }

    static String value(SplittableRandom random) {
        char[] chars = new char[FIELD_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (' ' + 1 + random.nextInt(94));
        }
        return new String(chars);
    }

    /** One client: a read or an update per step, on a zipfian-chosen key. */
    private static final class YcsbClient implements TimedRun.Client {
        private final Connection connection;
        private final Dialect dialect;
        private final SplittableRandom random;
        private final ScrambledZipfianGenerator keys;
        private final double readShare;
        private final int maxTries;
        private final Meter reads;
        private final Meter updates;
        private final PreparedStatement read;
        private final PreparedStatement[] update = new PreparedStatement[FIELDS];

        YcsbClient(Target target, SplittableRandom random, Options o, double readShare, Meter reads, Meter updates)
                throws SQLException {
            this.connection = target.connect();
            this.dialect = target.dialect();
            this.random = random;
            this.keys = new ScrambledZipfianGenerator(0, o.records - 1);
            this.readShare = readShare;
            this.maxTries = o.maxTries;
            this.reads = reads;
            this.updates = updates;
            try {
                connection.setAutoCommit(true);
                read = connection.prepareStatement("SELECT * FROM usertable WHERE ycsb_key = ?");
                for (int f = 0; f < FIELDS; f++) {
                    update[f] = connection.prepareStatement(
                            "UPDATE usertable SET field" + f + " = ? WHERE ycsb_key = ?");
                }
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public void step() throws SQLException {
            String key = key(keys.next(random));
            if (random.nextDouble() < readShare) {
                Transactions.run(connection, dialect, reads, maxTries, c -> {
                    read.setString(1, key);
                    try (ResultSet r = read.executeQuery()) {
                        if (!r.next() || r.getString(FIELDS + 1) == null) {
                            throw new Transactions.WrongResult("record " + key + " not found");
                        }
                    }
                });
            } else {
                PreparedStatement statement = update[random.nextInt(FIELDS)];
                String value = value(random);
                Transactions.run(connection, dialect, updates, maxTries, c -> {
                    statement.setString(1, value);
                    statement.setString(2, key);
                    int count = statement.executeUpdate();
                    if (count != 1) {
                        throw new Transactions.WrongResult("the update of " + key + " changed " + count + " rows");
                    }
                });
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
