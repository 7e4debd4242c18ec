package org.rustydb.execution.internal.expr;

/**
 * The row a query level is at, for the subqueries nested in it: a subquery expression puts the
 * row it is evaluated on here before running its plan, whose {@link OuterRef}s read it. One
 * query execution, one thread.
 */
public final class RowCell {
    private Object[] row;

    public Object[] row() {
        if (row == null) {
            throw new IllegalStateException("outer row read before it was set");
        }
        return row;
    }

    public void set(Object[] row) {
        this.row = row;
    }
}
