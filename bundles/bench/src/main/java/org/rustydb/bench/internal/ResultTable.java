package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as an aligned text table, for the console and the shell. */
public final class ResultTable {
    private static final String[] HEADER = {"target", "workload", "phase", "ops", "failed", "retried", "seconds",
        "per second", "p50 ms", "p95 ms", "p99 ms", "max ms", "check"};

    private ResultTable() {
    }

    public static void print(List<PhaseResult> results, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PhaseResult r : results) {
            rows.add(new String[] {r.target(), r.workload(), r.phase(), Long.toString(r.operations()),
                Long.toString(r.failed()), Long.toString(r.retried()), format(r.seconds(), 1),
                format(r.throughput(), 1) + " " + r.unit(), format(r.p50(), 2), format(r.p95(), 2),
                format(r.p99(), 2), format(r.max(), 2), r.check()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean left = i < 3 || i == row.length - 1;
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(left ? cell + (i == row.length - 1 ? "" : pad) : pad + cell);
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
