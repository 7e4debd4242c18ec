package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;

/**
 * {@code rustydb:bench <workload> [options]}: runs a workload against the running server through
 * its local data source (connections that are sessions of this server), printing progress and
 * the result table to the shell.
 */
public final class BenchCommand {
    /** The target name in the results. */
    static final String TARGET = "rustydb-local";

    private final Supplier<DataSource> dataSource;

    public BenchCommand(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public String name() {
        return "bench";
    }

    public String description() {
        return "run a benchmark (tpcb, ycsb-a, ycsb-b, ycsb-c, analytic) against this server";
    }

    public void execute(List<String> arguments, PrintStream out) {
        if (arguments.isEmpty() || arguments.contains("--help")) {
            out.println(Options.usage("rustydb:bench", false).replace(" --workload ", " "));
            if (arguments.isEmpty()) {
                throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "rustydb:bench needs a workload");
            }
            return;
        }
        Options options;
        try {
            options = Options.parse(arguments, false);
        } catch (IllegalArgumentException e) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "rustydb:bench: %s", e.getMessage());
        }
        DataSource source = dataSource.get();
        if (source == null) {
            throw DbException.of(SqlState.CANNOT_CONNECT_NOW,
                    "rustydb:bench: no local data source is available (no javax.sql.DataSource service with"
                            + " rustydb.datasource=local)")
                    .withHint("Start the client bundle, or run scripts/bench.sh against the server over the wire.");
        }
        Bench.Report report;
        try {
            report = Bench.run(List.of(Target.dataSource(TARGET, source)), options, out);
        } catch (SQLException e) {
            throw DbException.of(e.getSQLState() == null ? SqlState.CONNECTION_FAILURE : e.getSQLState(),
                    "rustydb:bench: the local data source gave no connection: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DbException.of(SqlState.QUERY_CANCELED, "rustydb:bench was interrupted");
        }
        if (!report.ok()) {
            throw DbException.of(SqlState.INTERNAL_ERROR, "rustydb:bench: the run failed: %s",
                    report.errors().isEmpty() ? "a check did not hold" : String.join("; ", report.errors()));
        }
    }
}
