package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code java -cp <bench jar>:<JDBC drivers> org.rustydb.bench.internal.Main
 * --url jdbc:... --workload tpcb ...}. Exits 0 when every workload ran and every check held, 1
 * when something failed, 2 on bad options.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(Options.usage("bench", true));
            return 0;
        }
        Options options;
        List<Target> targets = new ArrayList<>();
        try {
            options = Options.parse(args, true);
            for (String url : options.urls()) {
                Target target = Target.jdbc(url, options.user, options.password);
                if (targets.stream().anyMatch(t -> t.name().equals(target.name()))) {
                    throw new IllegalArgumentException("two targets are named " + target.name()
                            + ": name them apart with --url NAME=jdbc:...");
                }
                targets.add(target);
            }
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println(Options.usage("bench", true));
            return 2;
        }
        return Bench.run(targets, options, out).ok() ? 0 : 1;
    }
}
