package org.rustydb.bench.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options shared by the command line and the shell command, parsed from
 * {@code --name value} pairs. Bad input is an {@link IllegalArgumentException} with a message for
 * the user.
 */
public final class Options {
    public static final List<String> WORKLOADS = List.of("tpcb", "ycsb-a", "ycsb-b", "ycsb-c", "analytic");

    final List<String> urls = new ArrayList<>();
    final List<String> workloads = new ArrayList<>();
    String user;
    String password;
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(5);
    Duration progress = Duration.ofSeconds(5);
    int clients = 4;
    int scale = 1;
    long records = 100_000;
    long rows = 1_000_000;
    long joinRows = AnalyticWorkload.JOIN_ROWS;
    int runs = 3;
    int warmupRuns = 2;
    int batch = 10_000;
    int maxTries = 10;
    long seed = System.nanoTime();
    String csv;
    String svg;

    /** The usage text, {@code prefix} being how the tool is started. */
    public static String usage(String prefix, boolean urls) {
        return "usage: " + prefix + (urls ? " --url [NAME=]jdbc:... [--url ...] [--user U] [--password P]" : "")
                + " --workload tpcb|ycsb-a|ycsb-b|ycsb-c|analytic[,...]\n"
                + "  [--duration S=30] [--warmup S=5] [--clients N=4] [--progress S=5] [--max-tries N=10]\n"
                + "  [--scale N=1 (tpcb)] [--records N=100000 (ycsb)] [--batch N=10000 (rows per load batch)]\n"
                + "  [--rows N=1000000] [--join-rows N=100000] [--runs N=3] [--warmup-runs N=2] (analytic)\n"
                + "  [--seed N] [--csv FILE] [--svg FILE]";
    }

    public static Options parse(List<String> args, boolean allowUrls) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && !arg.startsWith("--url")) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--")) {
                name = arg.substring(2);
                if (name.startsWith("url=")) {
                    value = name.substring(4);
                    name = "url";
                } else {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option " + arg + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else if (o.workloads.isEmpty() && !allowUrls) {
                // the shell command takes the workload first: rustydb:bench tpcb --duration 10
                name = "workload";
                value = arg;
            } else {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            o.set(name, value, allowUrls);
        }
        if (o.workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload given (--workload " + String.join("|", WORKLOADS) + ")");
        }
        if (allowUrls && o.urls.isEmpty()) {
            throw new IllegalArgumentException("no target given (--url jdbc:...)");
        }
        return o;
    }

    private void set(String name, String value, boolean allowUrls) {
        switch (name) {
            case "url" -> {
                if (!allowUrls) {
                    throw new IllegalArgumentException("--url is for the command line: this command runs against the"
                            + " server itself");
                }
                urls.add(value);
            }
            case "user" -> user = value;
            case "password" -> password = value;
            case "workload" -> {
                for (String w : value.split(",")) {
                    String workload = w.trim().toLowerCase(Locale.ROOT);
                    if (!WORKLOADS.contains(workload)) {
                        throw new IllegalArgumentException("unknown workload: " + w + " (one of "
                                + String.join(", ", WORKLOADS) + ")");
                    }
                    workloads.add(workload);
                }
            }
            case "duration" -> duration = seconds(name, value, 1);
            case "warmup" -> warmup = seconds(name, value, 0);
            case "progress" -> progress = seconds(name, value, 1);
            case "clients" -> clients = (int) number(name, value, 1, 1024);
            case "scale" -> scale = (int) number(name, value, 1, 10_000);
            case "records" -> records = number(name, value, 1, 1_000_000_000L);
            case "rows" -> rows = number(name, value, 100, 1_000_000_000L);
            case "join-rows" -> joinRows = number(name, value, 10, 1_000_000_000L);
            case "runs" -> runs = (int) number(name, value, 1, 1_000_000);
            case "warmup-runs" -> warmupRuns = (int) number(name, value, 0, 1_000_000);
            case "batch" -> batch = (int) number(name, value, 1, 1_000_000);
            case "max-tries" -> maxTries = (int) number(name, value, 1, 1_000_000);
            case "seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
            case "csv" -> csv = value;
            case "svg" -> svg = value;
            default -> throw new IllegalArgumentException("unknown option: --" + name);
        }
    }

    private static Duration seconds(String name, String value, long min) {
        return Duration.ofSeconds(number(name, value, min, 86_400));
    }

    private static long number(String name, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number: " + value);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ": " + value);
        }
        return n;
    }

    public List<String> urls() {
        return List.copyOf(urls);
    }

    public List<String> workloads() {
        return List.copyOf(workloads);
    }

    public String csv() {
        return csv;
    }

    public String svg() {
        return svg;
    }
}
