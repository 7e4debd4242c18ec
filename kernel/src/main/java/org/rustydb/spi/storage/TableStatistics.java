package org.rustydb.spi.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table's planner statistics as ANALYZE computed them (PostgreSQL's reltuples and
 * pg_statistic): the row count and, per column, the fraction of NULLs, the number of distinct
 * values, the most common values with their frequencies and the bounds of a histogram of the other
 * values. Values are of the column's type (the Java classes the engine stores rows with).
 *
 * @param rows    the number of rows the table had
 * @param columns one entry per column of the table, in column order; null for a column without
 *                statistics (added since the table was analyzed)
 */
public record TableStatistics(long rows, List<ColumnStatistics> columns) {
    public TableStatistics {
        // List.copyOf refuses nulls: a column without statistics is a null entry
        columns = Collections.unmodifiableList(new ArrayList<>(columns));
    }

    /**
     * These statistics after ALTER TABLE: {@code columnSources} as in {@link StorageEngine#alterTable}
     * (per new column the old column it continues, or -1 for a new column, which has none).
     */
    public TableStatistics forColumns(List<Integer> columnSources) {
        List<ColumnStatistics> out = new ArrayList<>(columnSources.size());
        for (int source : columnSources) {
            out.add(source >= 0 && source < columns.size() ? columns.get(source) : null);
        }
        return new TableStatistics(rows, out);
    }

    /**
     * One column's statistics.
     *
     * @param nullFraction the fraction of rows holding NULL
     * @param distinct     the number of distinct non-NULL values (a count, not a fraction)
     * @param mostCommon   the most common values, most frequent first
     * @param frequencies  the fraction of rows holding each most common value
     * @param histogram    bounds of equally populated buckets of the other values, ascending
     */
    public record ColumnStatistics(double nullFraction, double distinct, List<Object> mostCommon,
                                   double[] frequencies, List<Object> histogram) {
        public ColumnStatistics {
            mostCommon = List.copyOf(mostCommon);
            frequencies = frequencies.clone();
            histogram = List.copyOf(histogram);
            if (frequencies.length != mostCommon.size()) {
                throw new IllegalArgumentException("one frequency per most common value");
            }
        }

        @Override
        public double[] frequencies() {
            return frequencies.clone();
        }
    }
}
