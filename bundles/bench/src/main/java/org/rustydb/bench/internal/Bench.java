package org.rustydb.bench.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each workload on each target in turn, prints the result table and writes the CSV and SVG
 * files asked for. A target whose workload fails is reported and the others still run; the run
 * as a whole then fails, as it does when a check fails.
 */
public final class Bench {
    /** What a run produced: the results of the work that ran, and what failed. */
    public record Report(List<PhaseResult> results, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty() && results.stream().noneMatch(r -> r.check().startsWith(Workload.FAILED));
        }
    }

    private Bench() {
    }

    private static void error(List<String> errors, PrintStream out, String what, Exception e) {
        String error = what + " failed: "
                + (e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() + ": " : "") + e.getMessage();
        errors.add(error);
        out.println(error);
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it only kept an in-memory database alive
            }
        }
    }

    static Workload workload(String name) {
        return switch (name) {
            case "tpcb" -> new TpcbWorkload();
            case "ycsb-a", "ycsb-b", "ycsb-c" -> new YcsbWorkload(name.charAt(5));
            case "analytic" -> new AnalyticWorkload();
            default -> throw new IllegalArgumentException("unknown workload: " + name);
        };
    }

    public static Report run(List<Target> targets, Options options, PrintStream out) throws InterruptedException {
        List<Workload> workloads = options.workloads().stream().map(Bench::workload).toList();
        return run(targets, workloads, options, out);
    }

    static Report run(List<Target> targets, List<Workload> workloads, Options options, PrintStream out)
            throws InterruptedException {
        List<PhaseResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        out.println("bench: " + String.join(",", workloads.stream().map(Workload::name).toList()) + " on "
                + targets.size() + (targets.size() == 1 ? " target" : " targets") + ", seed " + options.seed);
        for (Target target : targets) {
            Connection keeper = null;
            try {
                keeper = target.holdOpen() ? target.connect() : null;
                for (Workload workload : workloads) {
                    try {
                        results.addAll(workload.run(target, options, out));
                    } catch (SQLException | RuntimeException e) {
                        error(errors, out, target.name() + " " + workload.name(), e);
                    }
                }
            } catch (SQLException e) {
                error(errors, out, target.name(), e);
            } finally {
                close(keeper);
            }
        }
        out.println();
        ResultTable.print(results, out);
        for (PhaseResult r : results) {
            if (r.check().startsWith(Workload.FAILED)) {
                out.println(r.target() + " " + r.workload() + " " + r.phase() + ": check " + r.check());
            }
        }
        try {
            if (options.csv() != null) {
                try (Writer w = Files.newBufferedWriter(Path.of(options.csv()), StandardCharsets.UTF_8)) {
                    CsvWriter.write(results, w);
                }
                out.println("results written to " + options.csv());
            }
            if (options.svg() != null) {
                Files.writeString(Path.of(options.svg()), SvgChart.render(results), StandardCharsets.UTF_8);
                out.println("chart written to " + options.svg());
            }
        } catch (IOException e) {
            errors.add("cannot write the results: " + e);
            out.println("cannot write the results: " + e);
        }
        Report report = new Report(List.copyOf(results), List.copyOf(errors));
        out.println(report.ok() ? "bench: done" : "bench: FAILED");
        out.flush();
        return report;
    }
}
