package org.rustydb.execution.internal.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.spi.exec.SessionContext;

/**
 * Merge join of two inputs sorted ascending on their keys. The right rows of one key value are
 * kept as a group while the left rows of that value pass over them, so duplicates on both sides
 * pair up and a residual condition (or an outer join's unmatched rows) is decided per pair. A row
 * with a NULL key matches nothing wherever its input sorted it. Input rows may be wider than their
 * plan's width (a sort below may carry its computed keys): only the plan's columns are copied.
 */
final class MergeJoin implements RowSource {
    private final JoinKind kind;
    private final RowSource left;
    private final RowSource right;
    private final BoundExpr[] leftKeys;
    private final BoundExpr[] rightKeys;
    private final BoundExpr residual;
    private final int leftWidth;
    private final int rightWidth;
    private final SessionContext session;

    private final ArrayDeque<Object[]> out = new ArrayDeque<>();
    private boolean started;
    private boolean leftDone;
    /** The next right row not in the group yet, and its key (null: some part is NULL). */
    private Object[] nextRight;
    private Object[] nextRightKey;
    private boolean rightDone;
    /** The right rows of the current key, whether each found a partner, and the key. */
    private final List<Object[]> group = new ArrayList<>();
    private boolean[] groupMatched = new boolean[16];
    private Object[] groupKey;
    private long steps;

    MergeJoin(JoinKind kind, RowSource left, RowSource right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
              BoundExpr residual, int leftWidth, int rightWidth, SessionContext session) {
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

    @Override
    public Object[] next() {
        if (!started) {
            started = true;
            advanceRight();
        }
        while (out.isEmpty()) {
            if (leftDone) {
                return null;
            }
            step();
        }
        return out.poll();
    }

    /** Handles one left row, or after the last one the right rows left over. */
    private void step() {
        if (++steps % TableScan.CANCEL_CHECK_INTERVAL == 0) {
            session.checkCancelled();
        }
        Object[] l = left.next();
        if (l == null) {
            flushGroup();
            while (!rightDone) {
                unmatchedRight(nextRight);
                advanceRight();
            }
            leftDone = true;
            return;
        }
        Object[] key = key(leftKeys, l);
        if (key == null) {
            unmatchedLeft(l);
            return;
        }
        if (groupKey == null || compare(key, groupKey) != 0) {
            flushGroup();
            // right rows below the left key (or with a NULL key) have no partner
            while (!rightDone && (nextRightKey == null || compare(nextRightKey, key) < 0)) {
                unmatchedRight(nextRight);
                advanceRight();
            }
            if (!rightDone && compare(nextRightKey, key) == 0) {
                groupKey = key;
                while (!rightDone && nextRightKey != null && compare(nextRightKey, key) == 0) {
                    if (group.size() == groupMatched.length) {
                        groupMatched = Arrays.copyOf(groupMatched, group.size() * 2);
                    }
                    groupMatched[group.size()] = false;
                    group.add(nextRight);
                    advanceRight();
                }
            }
        }
        boolean matched = false;
        for (int i = 0; i < group.size(); i++) {
            Object[] joined = joined(l, group.get(i));
            if (residual == null || Boolean.TRUE.equals(residual.eval(joined))) {
                matched = true;
                groupMatched[i] = true;
                if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
                    break;
                }
                out.add(joined);
            }
        }
        if (kind == JoinKind.SEMI && matched) {
            out.add(leftRow(l));
        } else if (!matched) {
            unmatchedLeft(l);
        }
    }

    private void unmatchedLeft(Object[] l) {
        if (kind == JoinKind.ANTI) {
            out.add(leftRow(l));
        } else if (kind.keepsUnmatchedLeft()) {
            out.add(joined(l, new Object[rightWidth]));
        }
    }

    private void unmatchedRight(Object[] r) {
        if (kind.keepsUnmatchedRight()) {
            out.add(joined(new Object[leftWidth], r));
        }
    }

    /** Ends the current group: its right rows that found no partner come out for RIGHT and FULL joins. */
    private void flushGroup() {
        for (int i = 0; i < group.size(); i++) {
            if (!groupMatched[i]) {
                unmatchedRight(group.get(i));
            }
        }
        group.clear();
        groupKey = null;
    }

    private void advanceRight() {
        nextRight = right.next();
        if (nextRight == null) {
            rightDone = true;
            nextRightKey = null;
        } else {
            nextRightKey = key(rightKeys, nextRight);
        }
    }

    private static Object[] key(BoundExpr[] keys, Object[] row) {
        Object[] v = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            v[i] = keys[i].eval(row);
            if (v[i] == null) {
                return null;
            }
        }
        return v;
    }

    private static int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Comparisons.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private Object[] leftRow(Object[] l) {
        return l.length == leftWidth ? l : Arrays.copyOf(l, leftWidth);
    }

    private Object[] joined(Object[] l, Object[] r) {
        Object[] row = new Object[leftWidth + rightWidth];
        System.arraycopy(l, 0, row, 0, leftWidth);
        System.arraycopy(r, 0, row, leftWidth, rightWidth);
        return row;
    }

    @Override
    public void close() {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
