package org.rustydb.bench.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** The results as CSV (RFC 4180): one row per target, workload and phase or query. */
public final class CsvWriter {
    static final String HEADER = "target,workload,phase,unit,operations,failed,retried,seconds,per_second,"
            + "p50_ms,p95_ms,p99_ms,max_ms,mean_ms,check";

    private CsvWriter() {
    }

    public static void write(List<PhaseResult> results, Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
        for (PhaseResult r : results) {
            out.write(String.join(",", field(r.target()), field(r.workload()), field(r.phase()), field(r.unit()),
                    Long.toString(r.operations()), Long.toString(r.failed()), Long.toString(r.retried()),
                    number(r.seconds()), number(r.throughput()), number(r.p50()), number(r.p95()), number(r.p99()),
                    number(r.max()), number(r.mean()), field(r.check())));
            out.write("\r\n");
        }
        out.flush();
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
