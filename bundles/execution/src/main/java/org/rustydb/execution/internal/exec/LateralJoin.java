package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.rustydb.execution.internal.plan.JoinKind;
import org.rustydb.execution.internal.plan.PlanNode;

/** LATERAL: runs the right plan once per left row, with the left row in the right side's cell. */
final class LateralJoin implements RowSource {
    private final PlanNode.LateralJoin node;
    private final RowSource left;
    private final PlanExecutor executor;
    private final int leftWidth;
    private final int rightWidth;
    private Iterator<Object[]> pending = List.<Object[]>of().iterator();

    LateralJoin(PlanNode.LateralJoin node, RowSource left, PlanExecutor executor) {
        this.node = node;
        this.left = left;
        this.executor = executor;
        this.leftWidth = node.left().width();
        this.rightWidth = node.right().width();
    }

    @Override
    public Object[] next() {
        while (!pending.hasNext()) {
            Object[] l = left.next();
            if (l == null) {
                return null;
            }
            List<Object[]> out = new ArrayList<>();
            node.cell().set(l);
            try (RowSource right = executor.forNextRun().open(node.right())) {
                Object[] r;
                while ((r = right.next()) != null) {
                    Object[] joined = joined(l, r);
                    if (node.condition() == null || Boolean.TRUE.equals(node.condition().eval(joined))) {
                        out.add(joined);
                    }
                }
            }
            if (out.isEmpty() && node.kind() == JoinKind.LEFT) {
                out.add(joined(l, new Object[rightWidth]));
            }
            pending = out.iterator();
        }
        return pending.next();
    }

    private Object[] joined(Object[] l, Object[] r) {
        Object[] out = new Object[leftWidth + rightWidth];
        System.arraycopy(l, 0, out, 0, leftWidth);
        System.arraycopy(r, 0, out, leftWidth, rightWidth);
        return out;
    }

    @Override
    public void close() {
        left.close();
    }
}
