package org.rustydb.execution.internal.expr;

/**
 * An expression that reads one column of its input row, at a position fixed when it is bound:
 * what lets the planner tell which columns a scan must deliver.
 */
public interface InputColumn extends BoundExpr {
    /** The position in the input row of the column read. */
    int inputColumn();
}
