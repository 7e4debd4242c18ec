package org.rustydb.storage.paged.internal.vacuum;

/**
 * How vacuum runs. The background vacuum has PostgreSQL's defaults: every {@code naptimeMillis}
 * it vacuums each table with more than {@code threshold + scaleFactor * live rows} dead row
 * versions (autovacuum_naptime, autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor).
 *
 * @param autovacuum    false: no background vacuum (VACUUM still works)
 * @param naptimeMillis the pause between two rounds of the background vacuum over the tables
 * @param threshold     dead row versions a table needs at least
 * @param scaleFactor   the fraction of its live rows that must be dead besides
 * @param maxDeadRows   row ids of dead versions one vacuum collects (8 bytes each) before it cleans
 *                      the indexes of them and goes on (PostgreSQL's maintenance_work_mem)
 */
public record VacuumOptions(boolean autovacuum, long naptimeMillis, long threshold, double scaleFactor,
                            int maxDeadRows) {
    public static final long DEFAULT_NAPTIME_SECONDS = 60;
    public static final long DEFAULT_THRESHOLD = 50;
    public static final double DEFAULT_SCALE_FACTOR = 0.2;
    public static final int DEFAULT_MEMORY_MEGABYTES = 8;
    /** Row ids in {@link #DEFAULT_MEMORY_MEGABYTES}. */
    public static final int DEFAULT_MAX_DEAD_ROWS = DEFAULT_MEMORY_MEGABYTES * (1 << 20) / Long.BYTES;

    public VacuumOptions {
        if (naptimeMillis < 1) {
            throw new IllegalArgumentException("autovacuum naptime must be positive: " + naptimeMillis);
        }
        if (threshold < 0 || scaleFactor < 0 || Double.isNaN(scaleFactor) || Double.isInfinite(scaleFactor)) {
            throw new IllegalArgumentException("autovacuum threshold and scale factor must not be negative");
        }
        if (maxDeadRows < 1) {
            throw new IllegalArgumentException("maxDeadRows must be positive: " + maxDeadRows);
        }
    }

    public static VacuumOptions defaults() {
        return new VacuumOptions(true, DEFAULT_NAPTIME_SECONDS * 1000, DEFAULT_THRESHOLD, DEFAULT_SCALE_FACTOR,
                DEFAULT_MAX_DEAD_ROWS);
    }

    public VacuumOptions withAutovacuum(boolean enabled) {
        return new VacuumOptions(enabled, naptimeMillis, threshold, scaleFactor, maxDeadRows);
    }

    /** True if a table with these counts needs a vacuum. */
    public boolean due(long deadRows, long liveRows) {
        return deadRows > threshold + scaleFactor * Math.max(0, liveRows);
    }
}
