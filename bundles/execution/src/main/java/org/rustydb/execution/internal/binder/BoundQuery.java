package org.rustydb.execution.internal.binder;

import java.util.List;
import java.util.Objects;

import org.rustydb.api.Column;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.ScanColumns;

/**
 * A bound query: its plan and the columns it returns (the plan's rows may only be wider, never).
 * A kept plan runs many times: what its executions work out from the plan alone (the columns each
 * scan reads) is made at its first run and kept with it.
 */
public final class BoundQuery {
    private final PlanNode plan;
    private final List<Column> columns;
    /** Made on first use; two runs racing for it make equal ones. */
    private volatile ScanColumns scanColumns;

    public BoundQuery(PlanNode plan, List<Column> columns) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.columns = List.copyOf(columns);
    }

    public PlanNode plan() {
        return plan;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The columns each scan of the plan reads, analysed once for every execution. */
    public ScanColumns scanColumns() {
        ScanColumns analysis = scanColumns;
        if (analysis == null) {
            analysis = ScanColumns.of(plan);
            scanColumns = analysis;
        }
        return analysis;
    }

    @Override
    public String toString() {
        return "BoundQuery[plan=" + plan + ", columns=" + columns + "]";
    }
}
