package org.rustydb.execution.internal.exec;

import org.rustydb.execution.internal.exec.spill.RowSizes;
import org.rustydb.execution.internal.exec.spill.SpillFile;
import org.rustydb.execution.internal.exec.spill.SpillSpace;
import org.rustydb.execution.internal.exec.spill.TempSpace;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.spi.exec.SessionContext;

/**
 * The first row of each distinct key (some columns, or the whole row; NULLs equal to each other):
 * SELECT DISTINCT and UNION. It streams: a row with a new key comes out at once.
 *
 * <p>Past work_mem the table of keys seen stops growing: a row whose key is not in it goes to one
 * of {@link #PARTITIONS} temporary files by the key's hash, and each file is deduplicated
 * afterwards by another pass, which may partition again with the next hash bits (up to
 * {@link #MAX_LEVEL} times; then it keeps its keys in memory whatever their size). A key in the
 * table has come out already; a key that was not in it lands in one file only, so every key comes
 * out exactly once.
 */
final class HashDistinct implements RowSource, Instrumented.Detailed {
    static final int PARTITIONS = 16;
    static final int MAX_LEVEL = 6;
    /** Estimated bytes of a key's share of the table and its array, besides its values. */
    private static final long ENTRY_OVERHEAD = 48;

    private final RowSource input;
    /** The key columns; null: the whole row. */
    private final int[] columns;
    private final SessionContext session;
    private final long budget;
    private final int level;
    private final SpillSpace space;
    private final boolean ownsSpace;

    private KeyTable table = new KeyTable();
    private Object[] keyValues;
    private long memory;
    private long peakMemory;
    private long count;
    private boolean inputDone;
    private SpillFile[] parts;
    private int partition = -1;
    private HashDistinct pass;
    private long batches = 1;
    private long diskBytes;

    HashDistinct(RowSource input, int[] columns, SessionContext session) {
        this(input, columns, session, Settings.workMemBytes(session), 0, null);
    }

    HashDistinct(RowSource input, int[] columns, SessionContext session, long budget, int level, SpillSpace space) {
        this.input = input;
        this.columns = columns;
        this.session = session;
        this.budget = budget;
        this.level = level;
        this.ownsSpace = space == null;
        this.space = space != null ? space : new SpillSpace(() -> TempSpace.directory(session));
    }

    @Override
    public Object[] next() {
        if (!inputDone) {
            Object[] row;
            while ((row = input.next()) != null) {
                if (++count % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                    session.checkCancelled();
                }
                Object[] values = keyOf(row);
                Object[] normalized = KeyTable.normalized(values);
                int hash = KeyTable.hash(normalized);
                if (table.find(normalized, hash) >= 0) {
                    continue;
                }
                if (parts != null) {
                    parts[partitionOf(hash, level)].write(row);
                    continue;
                }
                // the table keeps the key: never the caller's row or the reused key array itself
                table.add(normalized == values ? values.clone() : normalized, hash);
                memory += RowSizes.of(normalized) + ENTRY_OVERHEAD;
                if (memory > budget && level < MAX_LEVEL) {
                    parts = new SpillFile[PARTITIONS];
                    for (int p = 0; p < PARTITIONS; p++) {
                        parts[p] = space.create();
                    }
                    batches = PARTITIONS + 1;
                }
                return row;
            }
            inputDone = true;
            peakMemory = memory;
            table = null;
        }
        return parts == null ? null : nextPartitioned();
    }

    private Object[] keyOf(Object[] row) {
        if (columns == null) {
            return row;
        }
        if (keyValues == null) {
            keyValues = new Object[columns.length];
        }
        for (int i = 0; i < columns.length; i++) {
            keyValues[i] = row[columns[i]];
        }
        return keyValues;
    }

    /**
     * The partition of a key's hash at a level: the high bits first, four per level, so the keys of
     * one partition still differ in the low bits the next pass's table slots use.
     */
    static int partitionOf(int hash, int level) {
        return ((hash * 0x9E3779B9) >>> (28 - 4 * level)) & (PARTITIONS - 1);
    }

    private Object[] nextPartitioned() {
        while (true) {
            if (pass != null) {
                Object[] row = pass.next();
                if (row != null) {
                    return row;
                }
                batches += pass.batches - 1;
                peakMemory = Math.max(peakMemory, pass.peakMemory);
                diskBytes += pass.diskBytes;
                pass.close();
                pass = null;
                space.release(parts[partition]);
            }
            if (++partition == PARTITIONS) {
                return null;
            }
            diskBytes += parts[partition].bytes();
            pass = new HashDistinct(Instrumented.rowsOf(parts[partition].read()), columns, session, budget, level + 1,
                    space);
        }
    }

    @Override
    public String detail() {
        if (!inputDone) {
            return null;
        }
        return Instrumented.hashDetail(batches, peakMemory, diskBytes);
    }

    @Override
    public void close() {
        try {
            if (pass != null) {
                pass.close();
            }
        } finally {
            try {
                input.close();
            } finally {
                if (ownsSpace) {
                    space.close();
                }
            }
        }
    }
}
