package org.rustydb.bench.internal;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;

/** A benchmark run against one target, returning one result per phase or query. */
public interface Workload {
    /** Marks a result whose check failed: the run as a whole fails. */
    String FAILED = "FAILED: ";

    String name();

    List<PhaseResult> run(Target target, Options options, PrintStream out) throws SQLException, InterruptedException;
}
