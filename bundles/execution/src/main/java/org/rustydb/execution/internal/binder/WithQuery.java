package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.execution.internal.plan.WorkTable;
import org.rustydb.execution.internal.types.DataType;

/**
 * A WITH query as the FROM items of its statement see it: its plan once bound, or, inside its
 * own recursive part, the work table of the rows found in the previous step.
 */
public final class WithQuery {
    private final String name;
    private List<String> columnNames;
    private List<DataType> types;
    private PlanNode plan;
    private WorkTable workTable;

    WithQuery(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void bound(PlanNode plan, List<String> columnNames) {
        this.plan = plan;
        this.columnNames = List.copyOf(columnNames);
        this.types = plan.types();
    }

    /** While its recursive part is bound: a reference reads the work table. */
    void recursing(WorkTable table, List<String> columnNames, List<DataType> types) {
        this.workTable = table;
        this.columnNames = List.copyOf(columnNames);
        this.types = List.copyOf(types);
    }

    void doneRecursing() {
        workTable = null;
    }

    boolean isBound() {
        return plan != null || workTable != null;
    }

    /** The plan a reference reads. */
    PlanNode reference() {
        return workTable != null ? new PlanNode.WorkTableScan(workTable, types) : plan;
    }

    boolean referencesWorkTable() {
        return workTable != null;
    }

    List<String> columnNames() {
        return columnNames;
    }

    List<DataType> types() {
        return types;
    }
}
