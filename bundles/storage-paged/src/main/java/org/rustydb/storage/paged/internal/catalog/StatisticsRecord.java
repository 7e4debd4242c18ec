package org.rustydb.storage.paged.internal.catalog;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.storage.log.internal.codec.ByteReader;
import org.rustydb.storage.log.internal.codec.ByteWriter;
import org.rustydb.storage.log.internal.codec.ValueCodec;

/**
 * A table's planner statistics as a catalog tuple (PostgreSQL's pg_statistic), versioned like the
 * table's own tuple so ANALYZE commits, rolls back and recovers as other catalog changes do. Column
 * statistics are keyed by the columns' slots (see {@link RelationRecord}), which ALTER TABLE never
 * reuses: added columns have none, dropped ones are no longer asked for, and nothing is rewritten.
 * Values are encoded with their class tag, as rows are, so every stored type round-trips.
 *
 * @param tableFileId the heap file of the table, which identifies it
 * @param rows        the table's row count
 * @param bySlot      the statistics of each analyzed slot
 */
public record StatisticsRecord(int tableFileId, long rows, Map<Integer, TableStatistics.ColumnStatistics> bySlot) {
    public StatisticsRecord {
        bySlot = Map.copyOf(bySlot);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(256);
        out.writeVarLong(CatalogRecords.KIND_STATISTICS);
        out.writeVarLong(tableFileId);
        out.writeVarLong(rows);
        Map<Integer, TableStatistics.ColumnStatistics> ordered = new TreeMap<>(bySlot);
        out.writeVarLong(ordered.size());
        for (Map.Entry<Integer, TableStatistics.ColumnStatistics> e : ordered.entrySet()) {
            TableStatistics.ColumnStatistics c = e.getValue();
            out.writeVarLong(e.getKey());
            out.writeLong(Double.doubleToRawLongBits(c.nullFraction()));
            out.writeLong(Double.doubleToRawLongBits(c.distinct()));
            double[] frequencies = c.frequencies();
            out.writeVarLong(frequencies.length);
            for (int i = 0; i < frequencies.length; i++) {
                ValueCodec.writeValue(out, c.mostCommon().get(i));
                out.writeLong(Double.doubleToRawLongBits(frequencies[i]));
            }
            out.writeVarLong(c.histogram().size());
            for (Object bound : c.histogram()) {
                ValueCodec.writeValue(out, bound);
            }
        }
        return out.toByteArray();
    }

    static StatisticsRecord decode(ByteReader in) {
        int tableFileId = (int) in.readVarLong();
        long rows = in.readVarLong();
        int columns = (int) in.readVarLong();
        Map<Integer, TableStatistics.ColumnStatistics> bySlot = new TreeMap<>();
        for (int k = 0; k < columns; k++) {
            int slot = (int) in.readVarLong();
            double nullFraction = Double.longBitsToDouble(in.readLong());
            double distinct = Double.longBitsToDouble(in.readLong());
            int common = (int) in.readVarLong();
            var mostCommon = new ArrayList<Object>(common);
            double[] frequencies = new double[common];
            for (int i = 0; i < common; i++) {
                mostCommon.add(ValueCodec.readValue(in));
                frequencies[i] = Double.longBitsToDouble(in.readLong());
            }
            int bounds = (int) in.readVarLong();
            var histogram = new ArrayList<Object>(bounds);
            for (int i = 0; i < bounds; i++) {
                histogram.add(ValueCodec.readValue(in));
            }
            bySlot.put(slot, new TableStatistics.ColumnStatistics(nullFraction, distinct, mostCommon, frequencies,
                    histogram));
        }
        return new StatisticsRecord(tableFileId, rows, bySlot);
    }
}
