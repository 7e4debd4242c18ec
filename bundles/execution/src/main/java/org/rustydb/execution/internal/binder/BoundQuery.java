package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.execution.internal.plan.PlanNode;

/** A bound query: its plan and the columns it returns (the plan's rows may only be wider, never). */
public record BoundQuery(PlanNode plan, List<Column> columns) {
    public BoundQuery {
        columns = List.copyOf(columns);
    }
}
