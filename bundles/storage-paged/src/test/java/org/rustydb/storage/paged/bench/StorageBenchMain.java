package org.rustydb.storage.paged.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the storage benchmark (RustyDB's paged engine against H2's MVStore, same workload, one
 * JMH run) and prints and saves the comparison. Each benchmark runs in its own forked JVM, as JMH
 * advises, so one store's JIT profile cannot slow the other down.
 *
 * <pre>
 * StorageBenchMain [ROWS [LOOKUPS]] [--out=DIR] [--forks=N] [--warmup=N] [--iterations=N]
 *                  [--mvstore-cache-mb=N] [--only=insert|read]
 * </pre>
 * ROWS defaults to 1,000,000 and LOOKUPS to 200,000; warmup and iterations override the
 * per-benchmark defaults (insert 1 + 3, reads 3 + 5).
 */
public final class StorageBenchMain {
    private static final String INSERT = InsertBenchmark.class.getName() + ".insert";
    private static final String LOOKUPS = ReadBenchmark.class.getName() + ".pointLookups";
    private static final String SCAN = ReadBenchmark.class.getName() + ".fullScan";

    private StorageBenchMain() {
    }

    /**
     * One line of the comparison. Speeds use the median invocation time, which one disturbed
     * iteration (another process, a checkpoint) moves less than the mean; the CSV has both.
     */
    record Line(String operation, String unit, long units, Result<?> rustydb, Result<?> mvstore) {
        double rate(Result<?> r) {
            return units / (median(r) / 1000.0);
        }

        /** RustyDB's speed over MVStore's: 1.0 or more meets the goal. */
        double ratio() {
            return median(mvstore) / median(rustydb);
        }
    }

    static double median(Result<?> r) {
        return r.getStatistics().getPercentile(50);
    }

    public static void main(String[] args) throws RunnerException, IOException {
        int rows = 1_000_000;
        int lookups = 200_000;
        Path out = Paths.get("target", "bench");
        String only = "";
        int positional = 0;
        int mvstoreCacheMb = 0;
        ChainedOptionsBuilder options = new OptionsBuilder();
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                out = Paths.get(value(arg));
            } else if (arg.startsWith("--forks=")) {
                options.forks(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--warmup=")) {
                options.warmupIterations(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--iterations=")) {
                options.measurementIterations(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--mvstore-cache-mb=")) {
                mvstoreCacheMb = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--only=")) {
                only = value(arg);
            } else if (!arg.startsWith("--") && positional < 2) {
                int n = Integer.parseInt(arg.replace("_", "").replace(",", ""));
                if (positional++ == 0) {
                    rows = n;
                } else {
                    lookups = n;
                }
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (rows < 1 || lookups < 1) {
            throw new IllegalArgumentException("ROWS and LOOKUPS must be positive");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
        Files.createDirectories(out);
        Path work = out.resolve("work").toAbsolutePath();
        switch (only) {
            case "" -> options.include(InsertBenchmark.class.getName()).include(ReadBenchmark.class.getName());
            case "insert" -> options.include(InsertBenchmark.class.getName());
            case "read" -> options.include(ReadBenchmark.class.getName());
            default -> throw new IllegalArgumentException("--only takes insert or read: " + only);
        }
        options.param("rows", String.valueOf(rows))
                .param("lookups", String.valueOf(lookups))
                .param("mvstoreCacheMb", String.valueOf(mvstoreCacheMb))
                .jvmArgsAppend("-Xms2g", "-Xmx4g", "-D" + BenchedStore.WORK_DIR_PROPERTY + "=" + work)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh-" + stamp + ".json").toString());
        Collection<RunResult> results = new Runner(options.build()).run();

        List<Line> lines = new ArrayList<>();
        addLine(lines, results, INSERT, "insert", "rows", rows);
        addLine(lines, results, LOOKUPS, "point lookups", "lookups", lookups);
        addLine(lines, results, SCAN, "full scan", "rows", rows);
        String header = String.format(Locale.ROOT, "%d rows, %d lookups, %d cores, Java %s, MVStore cache %s",
                rows, lookups, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                mvstoreCacheMb == 0 ? "default" : mvstoreCacheMb + " MiB");
        System.out.println();
        System.out.println(table(header, lines));
        Path csv = out.resolve("storage-" + stamp + ".csv");
        Files.writeString(csv, csv(lines), StandardCharsets.UTF_8);
        System.out.println("written to " + csv.toAbsolutePath());
        if (lines.size() < expected(only)) {
            // JMH reports a failed benchmark and carries on; the run as a whole must still fail
            System.err.println("some benchmarks failed: see the output above");
            System.exit(1);
        }
    }

    private static int expected(String only) {
        return switch (only) {
            case "insert" -> 1;
            case "read" -> 2;
            default -> 3;
        };
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static void addLine(List<Line> lines, Collection<RunResult> results, String benchmark, String operation,
                                String unit, long units) {
        Result<?> rustydb = find(results, benchmark, "rustydb");
        Result<?> mvstore = find(results, benchmark, "mvstore");
        if (rustydb != null && mvstore != null) {
            lines.add(new Line(operation, unit, units, rustydb, mvstore));
        } else {
            System.err.println("no result for " + operation + " from " + (rustydb == null ? "rustydb " : "")
                    + (mvstore == null ? "mvstore" : "") + " (failed or not selected)");
        }
    }

    private static Result<?> find(Collection<RunResult> results, String benchmark, String engine) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().equals(benchmark) && engine.equals(r.getParams().getParam("engine"))) {
                return r.getPrimaryResult();
            }
        }
        return null;
    }

    static String table(String header, List<Line> lines) {
        StringBuilder sb = new StringBuilder("Storage benchmark: ").append(header).append('\n');
        String format = "%-14s | %30s | %30s | %6s%n";
        sb.append(String.format(Locale.ROOT, format, "operation", "RustyDB", "MVStore", "ratio"));
        sb.append("-".repeat(89)).append('\n');
        for (Line line : lines) {
            sb.append(String.format(Locale.ROOT, format, line.operation(), cell(line, line.rustydb()),
                    cell(line, line.mvstore()), String.format(Locale.ROOT, "%.2f", line.ratio())));
        }
        sb.append("cells: rows (insert, scan) or lookups per second at the median time, then the median and")
                .append(" range of the measured iterations; ratio = RustyDB speed / MVStore speed");
        return sb.toString();
    }

    private static String cell(Line line, Result<?> r) {
        return String.format(Locale.ROOT, "%,.0f/s  %.0f ms (%.0f..%.0f)", line.rate(r), median(r),
                r.getStatistics().getMin(), r.getStatistics().getMax());
    }

    private static double error(Result<?> r) {
        return Double.isNaN(r.getScoreError()) ? 0 : r.getScoreError();
    }

    static String csv(List<Line> lines) {
        StringBuilder sb = new StringBuilder("operation,units,unit,iterations,"
                + "rustydb_per_s,rustydb_median_ms,rustydb_mean_ms,rustydb_error_ms,rustydb_min_ms,rustydb_max_ms,"
                + "mvstore_per_s,mvstore_median_ms,mvstore_mean_ms,mvstore_error_ms,mvstore_min_ms,mvstore_max_ms,"
                + "ratio\n");
        for (Line l : lines) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%s,%.3f%n", l.operation(), l.units(), l.unit(),
                    l.rustydb().getStatistics().getN(), csvCells(l, l.rustydb()), csvCells(l, l.mvstore()), l.ratio()));
        }
        return sb.toString();
    }

    private static String csvCells(Line l, Result<?> r) {
        return String.format(Locale.ROOT, "%.1f,%.3f,%.3f,%.3f,%.3f,%.3f", l.rate(r), median(r), r.getScore(),
                error(r), r.getStatistics().getMin(), r.getStatistics().getMax());
    }
}
