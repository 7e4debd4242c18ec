package org.rustydb.execution.internal.exec;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.PlanNode;

/**
 * An index nested loop join: for each left row the right scan runs again with the left row's key
 * values in its cell, so that it chooses an index range for them (see {@link PlanNode.IndexJoin}).
 */
final class IndexNestedLoop implements RowSource {
    private final PlanNode.IndexJoin node;
    private final RowSource left;
    private final PlanExecutor executor;
    private final BoundExpr[] outerKeys;
    private final int leftWidth;
    private final int rightWidth;
    private Object[] current;
    private RowSource inner;

    IndexNestedLoop(PlanNode.IndexJoin node, RowSource left, PlanExecutor executor) {
        this.node = node;
        this.left = left;
        this.executor = executor;
        this.outerKeys = node.outerKeys().toArray(new BoundExpr[0]);
        this.leftWidth = node.left().width();
        this.rightWidth = node.right().width();
    }

    @Override
    public Object[] next() {
        while (true) {
            if (inner == null) {
                current = left.next();
                if (current == null) {
                    return null;
                }
                Object[] keys = keys(current);
                if (keys == null) {
                    continue; // a NULL key equals nothing
                }
                node.cell().set(keys);
                inner = executor.forNextRun().open(node.right());
            }
            Object[] r = inner.next();
            if (r == null) {
                closeInner();
                continue;
            }
            Object[] joined = new Object[leftWidth + rightWidth];
            System.arraycopy(current, 0, joined, 0, leftWidth);
            System.arraycopy(r, 0, joined, leftWidth, rightWidth);
            if (node.residual() == null || Boolean.TRUE.equals(node.residual().eval(joined))) {
                return joined;
            }
        }
    }

    private Object[] keys(Object[] row) {
        Object[] keys = new Object[outerKeys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = outerKeys[i].eval(row);
            if (keys[i] == null) {
                return null;
            }
        }
        return keys;
    }

    private void closeInner() {
        RowSource r = inner;
        inner = null;
        if (r != null) {
            r.close();
        }
    }

    @Override
    public void close() {
        try {
            closeInner();
        } finally {
            left.close();
        }
    }
}
