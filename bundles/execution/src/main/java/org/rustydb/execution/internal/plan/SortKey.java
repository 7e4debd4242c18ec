package org.rustydb.execution.internal.plan;

/**
 * One ORDER BY key over the columns of a sort's input; NULLs sort as larger than any value unless
 * {@code nullsFirst} says otherwise.
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
}
