package org.rustydb.execution.internal.exec;

/** Counts the rows and time of one operator for EXPLAIN ANALYZE. */
final class Instrumented implements RowSource {
    /** What one plan node did over all its starts. */
    static final class Stats {
        long rows;
        long loops;
        long firstNanos;
        long totalNanos;
        /** Rows a scan read before its filter, to show how many the filter removed. */
        long read;
        /** The rows an index-only scan fetched from the table, over all its starts. */
        long heapFetches;
        /** The operator's own line, e.g. a sort's method and space, or null. */
        String detail;
    }

    /** An operator that says how it ran for EXPLAIN ANALYZE (sort method, batches, space used). */
    interface Detailed {
        /** The line, or null before it has run. */
        String detail();
    }

    /** The detail line of a hashing operator that may spill: PostgreSQL's HashAggregate wording. */
    static String hashDetail(long batches, long peakMemory, long diskBytes) {
        return "Batches: " + batches + "  Memory Usage: " + Sort.kilobytes(peakMemory) + "kB"
                + (diskBytes > 0 ? "  Disk Usage: " + Sort.kilobytes(diskBytes) + "kB" : "");
    }

    /** The rows of a spill file as an input, for the pass that reads a partition back. */
    static RowSource rowsOf(org.rustydb.execution.internal.exec.spill.SpillFile.Reader reader) {
        return new RowSource() {
            @Override
            public Object[] next() {
                return reader.next();
            }

            @Override
            public void close() {
            }
        };
    }


    /** Counts the rows of a scan's storage cursor into {@code stats.read}, and its heap fetches when it closes. */
    static RowSource counting(TableScan input, Stats stats) {
        return new RowSource() {
            @Override
            public Object[] next() {
                Object[] row = input.next();
                if (row != null) {
                    stats.read++;
                }
                return row;
            }

            @Override
            public void close() {
                stats.heapFetches += input.heapFetches();
                input.close();
            }
        };
    }

    private final RowSource input;
    private final Stats stats;
    private final long opened = System.nanoTime();
    private boolean first = true;

    Instrumented(RowSource input, Stats stats) {
        this.input = input;
        this.stats = stats;
        stats.loops++;
    }

    @Override
    public Object[] next() {
        Object[] row = input.next();
        long now = System.nanoTime();
        if (first) {
            first = false;
            stats.firstNanos += now - opened;
        }
        if (row != null) {
            stats.rows++;
        } else {
            stats.totalNanos += now - opened;
        }
        return row;
    }

    @Override
    public void close() {
        if (input instanceof Detailed d && d.detail() != null) {
            stats.detail = d.detail();
        }
        input.close();
    }
}
