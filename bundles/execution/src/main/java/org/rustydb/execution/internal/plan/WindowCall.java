package org.rustydb.execution.internal.plan;

import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.types.DataType;

/**
 * One window function call: {@code name(args) OVER (PARTITION BY partition ORDER BY order frame)}.
 *
 * @param order      the ORDER BY values; {@code orderKeys} sort them (columns index into {@code order})
 * @param frame      the frame, PostgreSQL's default when not written
 */
public record WindowCall(String name, List<BoundExpr> args, BoundExpr filter, List<BoundExpr> partition,
                         List<BoundExpr> order, List<SortKey> orderKeys, Frame frame, DataType type) {
    public WindowCall {
        args = List.copyOf(args);
        partition = List.copyOf(partition);
        order = List.copyOf(order);
        orderKeys = List.copyOf(orderKeys);
    }

    /** Where a frame starts or ends. {@code offset} is the n of n PRECEDING / FOLLOWING. */
    public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** ROWS counts rows; RANGE (only with UNBOUNDED or CURRENT ROW bounds) counts peers as one. */
    public record Frame(boolean rows, BoundKind start, BoundExpr startOffset, BoundKind end, BoundExpr endOffset) {
        /** RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: the default with ORDER BY. */
        public static final Frame DEFAULT = new Frame(false, BoundKind.UNBOUNDED_PRECEDING, null,
                BoundKind.CURRENT_ROW, null);
    }
}
