package org.rustydb.execution.internal.exec;

import java.util.Arrays;

import org.rustydb.execution.internal.exec.spill.RowSizes;
import org.rustydb.execution.internal.exec.spill.SpillFile;
import org.rustydb.execution.internal.exec.spill.SpillSpace;
import org.rustydb.execution.internal.exec.spill.TempSpace;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.settings.Settings;
import org.rustydb.spi.exec.SessionContext;

/**
 * INTERSECT [ALL] and EXCEPT [ALL]: counts each distinct row (NULLs equal to each other) on both
 * sides, then returns the left side's first row of each as often as the operation says.
 *
 * <p>Past work_mem while it reads the left side, it turns to partitions as a grace hash join does:
 * the rows counted so far (each as often as counted), the rest of the left side and the whole right
 * side go to {@link HashDistinct#PARTITIONS} file pairs by the row's hash, and each pair is
 * counted on its own (partitioning again, up to {@link HashDistinct#MAX_LEVEL} levels). Equal rows
 * meet in the same pair, so the counts come out right.
 */
final class HashSetOp implements RowSource, Instrumented.Detailed {
    private static final long ENTRY_OVERHEAD = 64;

    private final PlanNode.SetOpKind kind;
    private final boolean all;
    private final RowSource left;
    private final RowSource right;
    private final SessionContext session;
    private final long budget;
    private final int level;
    private final SpillSpace space;
    private final boolean ownsSpace;

    private boolean computed;
    private KeyTable table;
    private Object[][] firstRows = new Object[64][];
    private long[] leftCounts = new long[64];
    private long[] rightCounts = new long[64];
    /** The output position: the key id and how many of its rows are still to come. */
    private int id = -1;
    private long remaining;

    private SpillFile[] leftParts;
    private SpillFile[] rightParts;
    private int partition = -1;
    private HashSetOp pair;
    private long memory;
    private long peakMemory;
    private long batches = 1;
    private long diskBytes;

    HashSetOp(PlanNode.SetOpKind kind, boolean all, RowSource left, RowSource right, SessionContext session) {
        this(kind, all, left, right, session, Settings.workMemBytes(session), 0, null);
    }

    private HashSetOp(PlanNode.SetOpKind kind, boolean all, RowSource left, RowSource right, SessionContext session,
                      long budget, int level, SpillSpace space) {
        this.kind = kind;
        this.all = all;
        this.left = left;
        this.right = right;
        this.session = session;
        this.budget = budget;
        this.level = level;
        this.ownsSpace = space == null;
        this.space = space != null ? space : new SpillSpace(() -> TempSpace.directory(session));
    }

    private void compute() {
        computed = true;
        table = new KeyTable();
        Object[] row;
        long count = 0;
        while ((row = left.next()) != null) {
            checkCancel(++count);
            Object[] normalized = KeyTable.normalized(row);
            int hash = KeyTable.hash(normalized);
            int k = table.find(normalized, hash);
            if (k < 0) {
                k = table.add(normalized == row ? row.clone() : normalized, hash);
                if (k == firstRows.length) {
                    firstRows = Arrays.copyOf(firstRows, k * 2);
                    leftCounts = Arrays.copyOf(leftCounts, k * 2);
                    rightCounts = Arrays.copyOf(rightCounts, k * 2);
                }
                firstRows[k] = row;
                memory += 2 * RowSizes.of(row) + ENTRY_OVERHEAD;
            }
            leftCounts[k]++;
            if (memory > budget && level < HashDistinct.MAX_LEVEL) {
                partition();
                return;
            }
        }
        while ((row = right.next()) != null) {
            checkCancel(++count);
            Object[] normalized = KeyTable.normalized(row);
            int k = table.find(normalized, KeyTable.hash(normalized));
            if (k >= 0) {
                rightCounts[k]++;
            }
        }
        peakMemory = memory;
    }

    private void checkCancel(long count) {
        if (count % TableScan.CANCEL_CHECK_INTERVAL == 0) {
            session.checkCancelled();
        }
    }

    /** Writes what was counted, then the rest of both inputs, to partition file pairs. */
    private void partition() {
        peakMemory = memory;
        leftParts = new SpillFile[HashDistinct.PARTITIONS];
        rightParts = new SpillFile[HashDistinct.PARTITIONS];
        for (int p = 0; p < HashDistinct.PARTITIONS; p++) {
            leftParts[p] = space.create();
            rightParts[p] = space.create();
        }
        for (int k = 0; k < table.size(); k++) {
            for (long n = 0; n < leftCounts[k]; n++) {
                write(leftParts, firstRows[k]);
            }
        }
        table = null;
        firstRows = null;
        long count = 0;
        Object[] row;
        while ((row = left.next()) != null) {
            checkCancel(++count);
            write(leftParts, row);
        }
        while ((row = right.next()) != null) {
            checkCancel(++count);
            write(rightParts, row);
        }
        batches = HashDistinct.PARTITIONS + 1;
    }

    private void write(SpillFile[] parts, Object[] row) {
        int hash = KeyTable.hash(KeyTable.normalized(row));
        parts[HashDistinct.partitionOf(hash, level)].write(row);
    }

    @Override
    public Object[] next() {
        if (!computed) {
            compute();
        }
        if (leftParts != null) {
            return nextPartitioned();
        }
        while (remaining == 0) {
            if (++id >= table.size()) {
                return null;
            }
            long l = leftCounts[id];
            long r = rightCounts[id];
            if (kind == PlanNode.SetOpKind.INTERSECT) {
                remaining = all ? Math.min(l, r) : (r > 0 ? 1 : 0);
            } else {
                remaining = all ? Math.max(l - r, 0) : (r == 0 ? 1 : 0);
            }
        }
        remaining--;
        return firstRows[id];
    }

    private Object[] nextPartitioned() {
        while (true) {
            if (pair != null) {
                Object[] row = pair.next();
                if (row != null) {
                    return row;
                }
                batches += pair.batches - 1;
                peakMemory = Math.max(peakMemory, pair.peakMemory);
                diskBytes += pair.diskBytes;
                pair.close();
                pair = null;
                space.release(leftParts[partition]);
                space.release(rightParts[partition]);
            }
            if (++partition == HashDistinct.PARTITIONS) {
                return null;
            }
            diskBytes += leftParts[partition].bytes() + rightParts[partition].bytes();
            pair = new HashSetOp(kind, all, Instrumented.rowsOf(leftParts[partition].read()),
                    Instrumented.rowsOf(rightParts[partition].read()), session, budget, level + 1, space);
        }
    }

    @Override
    public String detail() {
        if (!computed || batches == 1) { // as PostgreSQL, whose HashSetOp never spills, only when it did
            return null;
        }
        return Instrumented.hashDetail(batches, peakMemory, diskBytes);
    }

    @Override
    public void close() {
        try {
            if (pair != null) {
                pair.close();
            }
        } finally {
            try {
                left.close();
            } finally {
                try {
                    right.close();
                } finally {
                    if (ownsSpace) {
                        space.close();
                    }
                }
            }
        }
    }
}
