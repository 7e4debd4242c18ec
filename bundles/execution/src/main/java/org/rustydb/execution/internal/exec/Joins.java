package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.spi.exec.SessionContext;

/**
 * Hash join and nested-loop join. Both read the right input into memory first (the build side),
 * then stream the left input; rows come out as left ++ right, or left alone for SEMI and ANTI.
 * The right rows that found no partner are returned at the end for RIGHT and FULL joins.
 */
final class Joins implements RowSource {
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
    private Map<HashKey, List<Integer>> table;
    private boolean[] matched;
    /** The current left row and the candidates left to try for it. */
    private Object[] current;
    private List<Integer> candidates;
    private int next;
    private boolean currentMatched;
    private boolean leftDone;
    private int unmatchedRight;

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

    private void build() {
        buildRows = new ArrayList<>();
        if (rightKeys.length > 0) {
            table = new HashMap<>();
        }
        Object[] row;
        while ((row = right.next()) != null) {
            int index = buildRows.size();
            buildRows.add(row);
            if (table != null) {
                HashKey key = key(rightKeys, row);
                if (key != null) {
                    table.computeIfAbsent(key, k -> new ArrayList<>(1)).add(index);
                }
            }
            if (index % TableScan.CANCEL_CHECK_INTERVAL == 0) {
                session.checkCancelled();
            }
        }
        matched = new boolean[buildRows.size()];
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
                    HashKey key = key(leftKeys, current);
                    candidates = key == null ? null : table.get(key);
                }
            }
            int count = table != null ? (candidates == null ? 0 : candidates.size()) : buildRows.size();
            while (next < count) {
                int index = table != null ? candidates.get(next) : next;
                next++;
                Object[] joined = joined(current, buildRows.get(index));
                if (residual == null || Boolean.TRUE.equals(residual.eval(joined))) {
                    currentMatched = true;
                    matched[index] = true;
                    if (kind == JoinKind.SEMI) {
                        next = count;
                        break;
                    }
                    if (kind == JoinKind.ANTI) {
                        next = count;
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
            left.close();
        } finally {
            right.close();
        }
    }
}
