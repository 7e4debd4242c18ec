package org.rustydb.execution.internal.exec;

/**
 * A pull-based operator: each call of {@link #next()} returns the next row or null at the end.
 * Operators own their inputs and close them. One thread at a time.
 */
public interface RowSource extends AutoCloseable {

    /** The next row, or null when there are none left. */
    Object[] next();

    @Override
    void close();
}
