package org.rustydb.execution.internal.plan;

import java.util.List;

/**
 * What ANALYZE found in a table: its row count and, per column, the fraction of NULLs, the
 * number of distinct values, the most common values with their frequencies and the bounds of a
 * histogram of the other values (each bucket holding about as many rows), as PostgreSQL's
 * pg_statistic keeps them.
 */
public record TableStats(long rows, List<ColumnStats> columns) {
    /** {@code columns} has a null entry for a column added since the table was analyzed. */
    public TableStats {
        columns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
    }

    /** One column's statistics; {@code distinct} is a count of values, not a fraction. */
    public record ColumnStats(double nullFraction, double distinct, List<Object> mostCommon, double[] frequencies,
                              List<Object> histogram) {
        public ColumnStats {
            mostCommon = List.copyOf(mostCommon);
            histogram = List.copyOf(histogram);
        }
    }
}
