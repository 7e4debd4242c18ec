package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows a recursive union hands from one step to the next: the recursive part's scans of the
 * CTE read them. Filled and read by one query execution, one thread.
 */
public final class WorkTable {
    private final String name;
    private List<Object[]> rows = new ArrayList<>();

    public WorkTable(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<Object[]> rows() {
        return rows;
    }

    public void replace(List<Object[]> next) {
        rows = next;
    }
}
