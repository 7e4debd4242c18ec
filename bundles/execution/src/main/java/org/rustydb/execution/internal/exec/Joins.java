package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rustydb.execution.internal.exec.spill.RowSizes;
import org.rustydb.execution.internal.exec.spill.SpillFile;
import org.rustydb.execution.internal.exec.spill.SpillSpace;
import org.rustydb.execution.internal.exec.spill.TempSpace;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.spi.exec.SessionContext;

/**
 * Hash join and nested-loop join. Both read the right input into memory first (the build side),
 * then stream the left input; rows come out as left ++ right, or left alone for SEMI and ANTI.
 * The right rows that found no partner are returned at the end for RIGHT and FULL joins.
 *
 * <p>A hash join whose build side passes its memory budget (work_mem) turns into a grace hash
 * join: both inputs are written to {@link #PARTITIONS} temporary files each by the hash of their
 * key (NULL keys to the first), and each pair of files is joined on its own, partitioned again
 * with other hash bits when its build side is still too big (up to {@link #MAX_LEVEL} times; then
 * it is held in memory whatever its size). Equal keys meet in the same pair, so outer, semi and
 * anti joins come out right per pair.
 */
final class Joins implements RowSource, Instrumented.Detailed {
    static final int PARTITIONS = 16;
    static final int MAX_LEVEL = 6;

    private final JoinKind kind;
    private final RowSource left;
    private final RowSource right;
    private final BoundExpr[] leftKeys;
    private final BoundExpr[] rightKeys;
    private final BoundExpr residual;
    private final int leftWidth;
    private final int rightWidth;
    private final SessionContext session;
    /**
     * An inner join built on its left input instead (the smaller one): "left" here is then the
     * plan's right input, and rows still come out as the plan's left ++ right.
     */
    private final boolean flipped;

    private List<Object[]> buildRows;
    /** The build side's distinct keys; per key id its first and last build row (chained through nextRow). */
    private KeyTable table;
    private int[] firstRow;
    private int[] lastRow;
    /** Per build row: the next build row with the same key, -1 after the last. */
    private int[] nextRow;
    /** A row's key values, refilled per row (copied when the build side adds a new key). */
    private Object[] keyValues;
    private boolean[] matched;
    /** The current left row and the candidates left to try for it: a build row index (hash join) or a position (nested loop). */
    private Object[] current;
    private int candidate = -1;
    private int next;
    private boolean currentMatched;
    private boolean leftDone;
    private int unmatchedRight;

    /** The build side's memory budget in bytes (Long.MAX_VALUE: never spill) and the partitioning depth. */
    private long budget = Long.MAX_VALUE;
    private int level;
    /** The temporary files, shared with the joins of the partitions; closed by the join that made it. */
    private SpillSpace space;
    private boolean ownsSpace;
    private SpillFile[] leftParts;
    private SpillFile[] rightParts;
    private int partition = -1;
    private Joins pair;
    private long batches = 1;
    private long diskBytes;

    Joins(JoinKind kind, RowSource left, RowSource right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
          BoundExpr residual, int leftWidth, int rightWidth, SessionContext session) {
        this(kind, left, right, leftKeys, rightKeys, residual, leftWidth, rightWidth, session, false);
    }

    /** An inner join that builds its hash table on the plan's left input and probes with the right. */
    static Joins buildingLeft(RowSource left, RowSource right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                              BoundExpr residual, int leftWidth, int rightWidth, SessionContext session) {
        return new Joins(JoinKind.INNER, right, left, rightKeys, leftKeys, residual, rightWidth, leftWidth, session,
                true);
    }

    private Joins(JoinKind kind, RowSource left, RowSource right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                  BoundExpr residual, int leftWidth, int rightWidth, SessionContext session, boolean flipped) {
        this.flipped = flipped;
        this.kind = kind;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.toArray(new BoundExpr[0]);
        this.rightKeys = rightKeys.toArray(new BoundExpr[0]);
        this.residual = residual;
        this.leftWidth = leftWidth;
        this.rightWidth = rightWidth;
        this.session = session;
    }

    /** This join with a memory budget for its hash table: past it, the join partitions its inputs to disk. */
    Joins spillingPast(long bytes) {
        this.budget = bytes;
        return this;
    }

    private void build() {
        buildRows = new ArrayList<>();
        if (rightKeys.length > 0) {
            table = new KeyTable();
            firstRow = new int[64];
            lastRow = new int[64];
            nextRow = new int[256];
        }
        Object[] row;
        long bytes = 0;
        boolean limited = rightKeys.length > 0 && budget != Long.MAX_VALUE && level < MAX_LEVEL;
        while ((row = right.next()) != null) {
            if (limited) {
                bytes += RowSizes.of(row) + 48; // the row and its share of the table's entries
                if (bytes > budget) {
                    partition(row);
                    return;
                }
            }
            int index = buildRows.size();
            buildRows.add(row);
            if (table != null) {
                addToTable(row, index);
            }
            if (index % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        matched = new boolean[buildRows.size()];
    }

    /**
     * Writes the rows built so far, {@code row} and the rest of both inputs to partition files.
     */
    private void partition(Object[] row) {
        if (space == null) {
            space = new SpillSpace(() -> TempSpace.directory(session));
            ownsSpace = true;
        }
        leftParts = new SpillFile[PARTITIONS];
        rightParts = new SpillFile[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
            leftParts[p] = space.create();
            rightParts[p] = space.create();
        }
        for (Object[] built : buildRows) {
            write(rightParts, rightKeys, built);
        }
        buildRows = List.of();
        table = null;
        long n = 0;
        do {
            write(rightParts, rightKeys, row);
            if (++n % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        } while ((row = right.next()) != null);
        while ((row = left.next()) != null) {
            write(leftParts, leftKeys, row);
            if (++n % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        batches = PARTITIONS;
    }

    private void write(SpillFile[] parts, BoundExpr[] keys, Object[] row) {
        HashKey key = key(keys, row);
        int p = 0;
        if (key != null) {
            p = HashDistinct.partitionOf(key.hashCode(), level); // high bits: a pair's table slots use the low ones
        }
        parts[p].write(row);
    }

    /** The rows of the partitions, each pair of files joined in turn. */
    private Object[] nextPartitioned() {
        while (true) {
            if (pair != null) {
                Object[] row = pair.next();
                if (row != null) {
                    return row;
                }
                batches += pair.batches - 1;
                pair.close();
                pair = null;
                space.release(leftParts[partition]);
                space.release(rightParts[partition]);
            }
            if (++partition == PARTITIONS) {
                return null;
            }
            diskBytes += leftParts[partition].bytes() + rightParts[partition].bytes();
            pair = new Joins(kind, Instrumented.rowsOf(leftParts[partition].read()),
                    Instrumented.rowsOf(rightParts[partition].read()),
                    List.of(leftKeys), List.of(rightKeys), residual, leftWidth, rightWidth, session, flipped);
            pair.budget = budget;
            pair.level = level + 1;
            pair.space = space;
        }
    }

    @Override
    public String detail() {
        return batches > 1 ? "Batches: " + batches + "  Disk Usage: " + Sort.kilobytes(diskBytes) + "kB" : null;
    }

    /** Chains a build row to the rows with its key; a row with a NULL key part matches nothing and is not chained. */
    private void addToTable(Object[] row, int index) {
        if (index == nextRow.length) {
            nextRow = Arrays.copyOf(nextRow, index * 2);
        }
        nextRow[index] = -1;
        Object[] values = evalKey(rightKeys, row);
        if (values == null) {
            return;
        }
        Object[] normalized = KeyTable.normalized(values);
        int hash = KeyTable.hash(normalized);
        int id = table.find(normalized, hash);
        if (id < 0) {
            id = table.add(normalized == keyValues ? keyValues.clone() : normalized, hash);
            if (id == firstRow.length) {
                firstRow = Arrays.copyOf(firstRow, id * 2);
                lastRow = Arrays.copyOf(lastRow, id * 2);
            }
            firstRow[id] = index;
        } else {
            nextRow[lastRow[id]] = index;
        }
        lastRow[id] = index;
    }

    /** The first build row whose key a probe row has, or -1. */
    private int probe(Object[] row) {
        Object[] values = evalKey(leftKeys, row);
        if (values == null) {
            return -1;
        }
        Object[] normalized = KeyTable.normalized(values);
        int id = table.find(normalized, KeyTable.hash(normalized));
        return id < 0 ? -1 : firstRow[id];
    }

    /** A row's key values in the reused array, or null when a part is NULL. */
    private Object[] evalKey(BoundExpr[] keys, Object[] row) {
        if (keyValues == null) {
            keyValues = new Object[keys.length];
        }
        for (int i = 0; i < keys.length; i++) {
            Object v = keys[i].eval(row);
            if (v == null) {
                return null;
            }
            keyValues[i] = v;
        }
        return keyValues;
    }

    /** The key of a row, or null when a part is NULL (such a row matches nothing). */
    private static HashKey key(BoundExpr[] keys, Object[] row) {
        Object[] v = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            v[i] = keys[i].eval(row);
            if (v[i] == null) {
                return null;
            }
        }
        return new HashKey(v);
    }

    @Override
    public Object[] next() {
        if (buildRows == null) {
            build();
        }
        if (leftParts != null) {
            return nextPartitioned();
        }
        while (!leftDone) {
            if (current == null) {
                current = left.next();
                if (current == null) {
                    leftDone = true;
                    break;
                }
                currentMatched = false;
                next = 0;
                if (table != null) {
                    candidate = probe(current);
                }
            }
            while (true) {
                int index;
                if (table != null) {
                    if (candidate < 0) {
                        break;
                    }
                    index = candidate;
                    candidate = nextRow[index];
                } else {
                    if (next >= buildRows.size()) {
                        break;
                    }
                    index = next++;
                }
                boolean keepsLeftOnly = kind == JoinKind.SEMI || kind == JoinKind.ANTI;
                Object[] joined = residual == null && keepsLeftOnly ? null : joined(current, buildRows.get(index));
                if (residual == null || Boolean.TRUE.equals(residual.eval(joined))) {
                    currentMatched = true;
                    matched[index] = true;
                    if (keepsLeftOnly) {
                        candidate = -1;
                        next = buildRows.size();
                        break;
                    }
                    return joined;
                }
            }
            Object[] row = current;
            current = null;
            if (kind == JoinKind.SEMI && currentMatched || kind == JoinKind.ANTI && !currentMatched) {
                return row;
            }
            if (!currentMatched && kind.keepsUnmatchedLeft()) {
                return joined(row, new Object[rightWidth]);
            }
        }
        if (kind.keepsUnmatchedRight()) {
            while (unmatchedRight < buildRows.size()) {
                int index = unmatchedRight++;
                if (!matched[index]) {
                    return joined(new Object[leftWidth], buildRows.get(index));
                }
            }
        }
        return null;
    }

    private Object[] joined(Object[] l, Object[] r) {
        Object[] out = new Object[leftWidth + rightWidth];
        if (flipped) {
            System.arraycopy(r, 0, out, 0, rightWidth);
            System.arraycopy(l, 0, out, rightWidth, leftWidth);
            return out;
        }
        System.arraycopy(l, 0, out, 0, leftWidth);
        System.arraycopy(r, 0, out, leftWidth, rightWidth);
        return out;
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
