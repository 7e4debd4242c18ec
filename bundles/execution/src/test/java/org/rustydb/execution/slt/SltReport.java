package org.rustydb.execution.slt;

import java.nio.file.Path;

/**
 * Prints how many records of the given sqllogictest files pass, for measuring progress against
 * corpora this engine does not fully support yet (such as the SQLite sqllogictest suite). Not a test.
 */
public final class SltReport {
    private SltReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean verbose = Boolean.getBoolean("verbose");
        for (String arg : args) {
            SltRunner.Report r = SltRunner.run(Path.of(arg));
            System.out.printf("%s: %d records, %d ran, %d failed%n", arg, r.records(), r.ran(), r.failures().size());
            if (verbose) {
                r.failures().forEach(f -> System.out.println("  " + f.replace('\n', ' ')));
            }
        }
    }
}
