package org.rustydb.kernel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rustydb.api.Interval;
import org.rustydb.api.SqlType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.storage.TableStatistics;
import org.rustydb.spi.storage.TableStatistics.ColumnStatistics;
import org.rustydb.spi.txn.Transaction;

/**
 * {@link StorageEngine#saveStatistics} and {@link StorageEngine#statistics}: transactional,
 * dropped with the table, following ALTER TABLE, every type's values kept exactly; a durable
 * engine also keeps them across a crash ({@link #restart}).
 */
public abstract class StorageStatisticsContract extends StorageContractBase {
    /** One value of each stored Java class, two of each so histograms have bounds. */
    private static final List<Object[]> SAMPLES = List.of(
            new Object[] {true, false},
            new Object[] {(short) 1, (short) 2},
            new Object[] {7, 9},
            new Object[] {1L << 40, 1L << 41},
            new Object[] {"a", "ünïcode"},
            new Object[] {new BigDecimal("1.50"), new BigDecimal("-2e-30")},
            new Object[] {1.5f, Float.NaN},
            new Object[] {0.1, -0.0},
            new Object[] {LocalDate.of(2020, 2, 29), LocalDate.of(-44, 3, 15)},
            new Object[] {LocalTime.of(23, 59, 59, 999_999_000), LocalTime.MIDNIGHT},
            new Object[] {LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 1)},
            new Object[] {Instant.ofEpochSecond(0, 1000), Instant.parse("2024-06-01T12:00:00Z")},
            new Object[] {new Interval(1, 2, 3), new Interval(-1, 0, 86_400_000_000L)},
            new Object[] {new byte[] {0, (byte) 0xff}, new byte[0]},
            new Object[] {new UUID(1, 2), new UUID(-1, 0)},
            new Object[] {List.of(1, 2), Arrays.asList(3, null)});
    private static final SqlType[] TYPES = {SqlType.BOOLEAN, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT,
        SqlType.TEXT, SqlType.NUMERIC, SqlType.REAL, SqlType.DOUBLE, SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP,
        SqlType.TIMESTAMPTZ, SqlType.INTERVAL, SqlType.BYTEA, SqlType.UUID, SqlType.INTEGER_ARRAY};

    /**
     * Stops the engine as a crash would (or cleanly) and opens it again on the same data, or
     * returns null for an engine that keeps nothing.
     */
    protected abstract StorageEngine restart(boolean crash);

    private static TableDefinition everyType() {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (int i = 0; i < TYPES.length; i++) {
            columns.add(new ColumnDefinition("c" + i, TYPES[i], -1, false));
        }
        return new TableDefinition("public", "typed", columns, List.of());
    }

    private static TableStatistics statistics(long rows) {
        List<ColumnStatistics> columns = new ArrayList<>();
        for (Object[] sample : SAMPLES) {
            columns.add(new ColumnStatistics(0.25, 2, List.of(sample[0]), new double[] {0.5},
                    List.of(sample[0], sample[1])));
        }
        return new TableStatistics(rows, columns);
    }

    private TableHandle committedTable() {
        Transaction txn = begin();
        TableHandle table = engine.createTable(txn, everyType());
        txn.commit();
        return table;
    }

    private TableHandle find() {
        Transaction txn = begin();
        TableHandle table = engine.findTable(txn, "public", "typed").orElseThrow();
        txn.commit();
        return table;
    }

    private void save(TableHandle table, TableStatistics statistics, boolean commit) {
        Transaction txn = begin();
        engine.saveStatistics(txn, table, statistics);
        if (commit) {
            txn.commit();
        } else {
            txn.rollback();
        }
    }

    /** Deep equality: records compare arrays (frequencies, bytea values) by identity. */
    protected static void assertSameStatistics(TableStatistics expected, TableStatistics actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.columns().size(), actual.columns().size());
        for (int i = 0; i < expected.columns().size(); i++) {
            ColumnStatistics e = expected.columns().get(i);
            ColumnStatistics a = actual.columns().get(i);
            if (e == null) {
                assertNull(a, "column " + i);
                continue;
            }
            assertEquals(e.nullFraction(), a.nullFraction());
            assertEquals(e.distinct(), a.distinct());
            assertTrue(Arrays.equals(e.frequencies(), a.frequencies()), "frequencies of column " + i);
            assertTrue(Arrays.deepEquals(e.mostCommon().toArray(), a.mostCommon().toArray()), "mcv of column " + i);
            assertTrue(Arrays.deepEquals(e.histogram().toArray(), a.histogram().toArray()),
                    "histogram of column " + i + ": " + a.histogram());
            for (int k = 0; k < e.histogram().size(); k++) {
                Object value = e.histogram().get(k);
                assertEquals(value instanceof List ? List.class : value.getClass(),
                        a.histogram().get(k) instanceof List ? List.class : a.histogram().get(k).getClass());
            }
        }
    }

    @Test
    void committedStatisticsAreReadBackWithEveryType() {
        TableHandle table = committedTable();
        assertTrue(engine.statistics(table).isEmpty());
        Transaction txn = begin();
        engine.saveStatistics(txn, table, statistics(10));
        assertTrue(engine.statistics(table).isEmpty(), "not before the commit");
        txn.commit();
        assertSameStatistics(statistics(10), engine.statistics(find()).orElseThrow());
    }

    @Test
    void rollbackKeepsTheOldStatisticsAndANewerOneReplacesThem() {
        TableHandle table = committedTable();
        save(table, statistics(10), true);
        save(table, statistics(20), false);
        assertSameStatistics(statistics(10), engine.statistics(table).orElseThrow());
        save(table, statistics(30), true);
        assertSameStatistics(statistics(30), engine.statistics(table).orElseThrow());
    }

    @Test
    void statisticsGoWithTheTable() {
        TableHandle table = committedTable();
        save(table, statistics(10), true);
        Transaction txn = begin();
        engine.dropTable(txn, table);
        txn.rollback();
        assertSameStatistics(statistics(10), engine.statistics(find()).orElseThrow());
        txn = begin();
        engine.dropTable(txn, find());
        txn.commit();
        assertTrue(engine.statistics(committedTable()).isEmpty());
    }

    @Test
    void alterTableKeepsTheStatisticsOfContinuedColumns() {
        TableHandle table = committedTable();
        save(table, statistics(10), true);
        TableDefinition old = everyType();
        List<ColumnDefinition> columns = new ArrayList<>(old.columns().subList(1, old.columns().size()));
        columns.add(new ColumnDefinition("added", SqlType.TEXT, -1, false));
        List<Integer> sources = new ArrayList<>();
        for (int i = 1; i < old.columns().size(); i++) {
            sources.add(i);
        }
        sources.add(-1);
        Transaction txn = begin();
        engine.alterTable(txn, table, new TableDefinition("public", "typed", columns, List.of()), sources);
        txn.commit();
        TableStatistics expected = statistics(10).forColumns(sources);
        assertNull(expected.columns().get(columns.size() - 1));
        assertSameStatistics(expected, engine.statistics(find()).orElseThrow());
    }

    @Test
    void committedStatisticsSurviveARestart() {
        save(committedTable(), statistics(10), true);
        save(find(), statistics(20), false);
        for (boolean crash : new boolean[] {true, false}) {
            engine = restart(crash);
            Assumptions.assumeTrue(engine != null, "the engine keeps nothing");
            assertSameStatistics(statistics(10), engine.statistics(find()).orElseThrow());
        }
        save(find(), statistics(30), true);
        engine = restart(true);
        assertSameStatistics(statistics(30), engine.statistics(find()).orElseThrow());
    }
}
