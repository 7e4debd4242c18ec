package org.rustydb.execution.slt;

import java.nio.file.Path;
import java.util.Set;

/**
 * Prints how many records of the given sqllogictest files pass in this engine in-process, for
 * measuring progress against corpora it does not fully support yet. Values compare in
 * sqllogictest's canonical form, as SQLite's corpus expects (the itests' SqlLogicCorpusIT runs that
 * corpus over the wire with a baseline). Not a test.
 */
public final class SltReport {
    private SltReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean verbose = Boolean.getBoolean("verbose");
        for (String arg : args) {
            SltRunner.Report r = SltRunner.run(Path.of(arg), SltRunner.Options.sqlite(Set.of()));
            System.out.printf("%s: %d records, %d ran, %d failed%n", arg, r.records(), r.ran(), r.failures().size());
            if (verbose) {
                r.failures().forEach(f -> System.out.println("  " + f.replace('\n', ' ')));
            }
        }
    }
}
