package org.rustydb.execution.internal.plan;

import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.types.DataType;

/**
 * One aggregate of a grouped query, e.g. {@code count(DISTINCT a)}.
 *
 * @param name     the aggregate's name, lower case
 * @param args     its arguments over the aggregate's input rows (empty for {@code count(*)})
 * @param distinct whether duplicate argument values count once
 * @param filter   the FILTER (WHERE ...) condition, or null
 * @param order    ORDER BY within the call (string_agg, array_agg), as expressions and keys over them
 * @param type     the result type
 */
public record AggregateCall(String name, List<BoundExpr> args, boolean distinct, BoundExpr filter,
                            List<BoundExpr> orderValues, List<SortKey> order, DataType type) {
    public AggregateCall {
        args = List.copyOf(args);
        orderValues = List.copyOf(orderValues);
        order = List.copyOf(order);
    }

    /** As PostgreSQL's EXPLAIN VERBOSE would write it, roughly. */
    public String describe() {
        return name + "(" + (distinct ? "DISTINCT " : "") + (args.isEmpty() ? "*" : args.size() + " args") + ")";
    }
}
